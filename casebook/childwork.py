"""Direct work as it happens: the children seen and their disclosures, in either shape.

A casebook/1 direct-work record names one ``child`` and holds one ``disclosure``. Since
casebook/1.1 a record names ``children`` (siblings seen together) and holds
``disclosures``, each saying which child made it. A record finalised in the older shape
keeps it (its content hash covers it); :func:`children_of` and :func:`disclosures_of`
read both shapes alike, and a record gives one shape or the other, never both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from casebook import kinds
from casebook.errors import InvalidInput


def children_of(fields: Mapping[str, Any]) -> list[str]:
    """The person keys of the children a direct-work record names, in its order."""
    children = fields.get("children")
    if isinstance(children, list) and children:
        return [str(key) for key in children]
    child = fields.get("child")
    return [str(child)] if child else []


def disclosures_of(fields: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The disclosures of a direct-work record, each with the child who made it (``child``,
    None when not given). A casebook/1 disclosure was made by the record's one child."""
    disclosures = fields.get("disclosures")
    if isinstance(disclosures, list) and disclosures:
        return [dict(item) for item in disclosures if isinstance(item, Mapping)]
    disclosure = fields.get("disclosure")
    if isinstance(disclosure, Mapping) and disclosure:
        return [{"child": fields.get("child") or None, **disclosure}]
    return []


def shows_three_houses(fields: Mapping[str, Any]) -> bool:
    """Whether the Three Houses heading belongs to the record: its activity is Three Houses."""
    return fields.get("activity") == "three_houses"


def check_children(fields: Mapping[str, Any], path: str, roles: Mapping[str, str]) -> None:
    """Refuse a direct-work record that names a non-child as a child, or mixes the shapes.

    Args:
        fields: The parsed ``fields`` of a ``child_work`` record.
        path: The JSON path of ``fields``, for messages.
        roles: The role of each person of the case, by key.

    Raises:
        InvalidInput: naming the first problem.
    """
    for old, new in (("child", "children"), ("disclosure", "disclosures")):
        if fields.get(old) and fields.get(new):
            raise InvalidInput(
                f"{path}.{new}",
                f"give {new} (casebook/1.1) or {old} (one, casebook/1), not both",
            )
    disclosures = fields.get("disclosures") or []
    places = [(f"{path}.child", fields.get("child"))]
    places += [(f"{path}.children[{i}]", key) for i, key in enumerate(fields.get("children") or [])]
    places += [
        (f"{path}.disclosures[{i}].child", d.get("child")) for i, d in enumerate(disclosures)
    ]
    for where, key in places:
        if key is not None and roles.get(key, kinds.CHILD_ROLE) != kinds.CHILD_ROLE:
            role = kinds.label(roles[key], "role").lower()
            raise InvalidInput(
                where, f"{key!r} is a {role}, not a child: choose a person with the child role"
            )
    named = set(children_of(fields))
    for i, item in enumerate(disclosures):
        key = item.get("child")
        if key is not None and named and key not in named:
            raise InvalidInput(
                f"{path}.disclosures[{i}].child",
                f"{key!r} made a disclosure but is not among the children of the record",
            )
