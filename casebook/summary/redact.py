# ruff: noqa: RUF001, RUF003 (Greek letters in names, on purpose)
"""Redact a summary input: names become initials or pseudonyms.

:func:`redact` returns a deep copy of the summary input in which

* every person in every case is renamed (``J.S.`` or ``Child A``), the same
  person (same name) getting the same replacement everywhere in the document;
* every free-text string (narratives, quotes, disclosure details, actions,
  addenda, tags, titles, chronology, attachment names, reflections) has each
  person's full name, first name, surname and preferred name replaced, in any
  letter case, with or without accents, possessive or not (see
  :mod:`casebook.summary.names`);
* a date of birth becomes an age at the time the summary was generated, and a
  date of birth written in free text becomes ``[date of birth]``;
* a case title or reference that contains a name becomes ``Case N``.

The copy records its mode under the top-level key ``"redaction"``, so that
redacting it again (``render_summary_pdf`` redacts its input itself) changes
nothing.

The practitioner (the author who signs the summary) is not redacted. Values
that are not free text (ids, enums, times, person keys, hashes) are left as
they are.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from casebook import kinds, timeutil
from casebook.kinds import REDACTION_MODES
from casebook.summary.letters import HYPHEN_CHARS, fold_letter, is_unsegmented, name_tokens, plain
from casebook.summary.names import (
    SHORT_NAME_PART,
    NameMatcher,
    Term,
    is_common_word,
    is_strict_part,
)
from casebook.summary.shown import walk

# Honorifics are not name parts: "Dr" alone must not be redacted everywhere.
_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "fr", "sr", "cllr",
     "dc", "ds", "di", "pc", "sgt", "insp"}
)  # fmt: skip

_ROLE_LABELS = {
    "subject": "Subject",
    "partner": "Partner",
    "child": "Child",
    "family": "Family member",
    "professional": "Professional",
}
# Roles that read well without a letter when the document has only one of them.
_SINGLE_WITHOUT_LETTER = frozenset({"subject", "partner"})

_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


class RedactionError(ValueError):
    """Raised for an unknown redaction mode."""


def redact(summary_input: dict[str, Any], mode: str) -> dict[str, Any]:
    """Return a redacted deep copy of a summary input.

    Args:
        summary_input: The summary input (see ``notebook.summary``); not modified.
        mode: ``"none"``, ``"initials"`` or ``"pseudonyms"``.

    Returns:
        A new dict; with ``"none"``, or for input already redacted in this
        mode, an unchanged deep copy.

    Raises:
        RedactionError: When ``mode`` is not one of :data:`REDACTION_MODES`, or
            the input was already redacted in another mode.
    """
    if mode not in REDACTION_MODES:
        raise RedactionError(f"unknown redaction mode: {mode!r}")
    data = copy.deepcopy(summary_input)
    done = data.get("redaction", "none")
    if mode in ("none", done):
        return data
    if done != "none":
        raise RedactionError(f"the summary input is already redacted ({done})")
    today = _generated_date(data.get("generated_at"))
    people = [p for case in data.get("cases", []) for p in case.get("people", [])]
    replacements = _replacements(people, mode)
    # The notebook's other people (other cases): their names are replaced too, neutrally.
    others = []
    for person in data.get("notebook_people") or []:
        identity = _identity(person)
        if identity not in replacements:
            others.append(person)
            name = str(person.get("name") or "")
            replacements[identity] = _initials(name) if mode == "initials" else "[name]"
    matcher = NameMatcher(_terms(people + others, replacements, mode))
    for number, case in enumerate(data.get("cases", []), start=1):
        _redact_case(case, number, matcher, replacements, today)
    if "reflections" in data:
        data["reflections"] = walk(data["reflections"], "reflections", _replacer(matcher))
    # The list of everyone is only for redacting: it is not kept in a redacted summary.
    data.pop("notebook_people", None)
    data["redaction"] = mode
    return data


def mention_finder(
    people: list[dict[str, Any]], refs: list[str], others: Sequence[dict[str, Any]] = ()
) -> Callable[[str], bool]:
    """A test of whether a text mentions any of ``people`` or case references ``refs``.

    A person is mentioned in any way redaction finds their name (full, part, preferred
    or other name, transliteration, spelling), or by their initials written with dots
    (``Ł.N.``, two letters or more) as practitioners often write them. A name found as
    part of one of ``others``' longer names is theirs: with Mark Smith among the others,
    "Mark Smith" does not mention Jane Smith; "Mrs Smith" or "the Smiths" still does.
    """
    mine, theirs = "\0mentioned", "\0other"
    terms = [_term(form, surname, mine) for person in people for form, surname in _forms(person)]
    for person in people:
        letters = [w[0] for w in _words(str(person.get("name") or "")) if w[0].isalpha()]
        if len(letters) >= 2 and not is_unsegmented("".join(letters)):
            dotted = "\\.[ \t]?".join(_capitals(c) for c in letters) + "\\."
            terms.append(Term((dotted,), mine, len(letters)))
    for ref in refs:
        if ref.strip():
            terms.append(Term(("(?i:" + re.escape(ref.strip()) + ")",), mine, len(ref)))
    # After the people's own terms: of two written alike, the first gives the owner.
    terms += [_term(form, surname, theirs) for other in others for form, surname in _forms(other)]
    matcher = NameMatcher(terms)
    return lambda text: any(found.replacement == mine for found in matcher.find(text))


def own_name_finder(person: dict[str, Any]) -> Callable[[str], bool]:
    """A test of whether a name the redaction review found is one of ``person``'s own.

    The review has found it as a name already, so a name part that could be an ordinary
    word ("Mark", "Will") is the person's even where :func:`mention_finder` would take
    it for the word (at the start of a sentence): a subject-access pack never redacts
    the person's own name from what they are given.
    """
    terms = [
        dataclasses.replace(_term(form, surname, ""), strict=False)
        for form, surname in _forms(person)
    ]
    return NameMatcher(terms).found_in


def _capitals(char: str) -> str:
    capitals = {char.upper(), fold_letter(char).upper()}
    return "[" + "".join(re.escape(c) for c in sorted(capitals) if len(c) == 1) + "]"


def _redact_case(
    case: dict[str, Any],
    number: int,
    matcher: NameMatcher,
    replacements: dict[str, str],
    today: dt.date | None,
) -> None:
    for key in ("title", "ref"):
        if isinstance(case.get(key), str) and matcher.found_in(case[key]):
            case[key] = f"Case {number}"
    born_by_key = {p.get("key"): _parse_date(p.get("born")) for p in case.get("people", [])}
    for record in case.get("records", []):
        _add_child_age(record, born_by_key)
    case["people"] = [
        _redact_person(person, matcher, replacements, today) for person in case.get("people", [])
    ]
    for key in ("records", "chronology", "actions"):
        if key in case:
            case[key] = walk(case[key], key, _replacer(matcher))


def _redact_person(
    person: dict[str, Any],
    matcher: NameMatcher,
    replacements: dict[str, str],
    today: dt.date | None,
) -> dict[str, Any]:
    born = _parse_date(person.get("born"))
    redacted: dict[str, Any] = {
        "key": person.get("key"),
        "name": replacements.get(_identity(person), "[name]"),
        "role": person.get("role"),
        "age": timeutil.age(born, today) if born and today else None,
        "redacted": True,
    }
    if person.get("gp"):
        redacted["gp"] = matcher.sub(str(person["gp"]))
    return redacted


def _add_child_age(record: dict[str, Any], born_by_key: dict[Any, dt.date | None]) -> None:
    """Keep the child's age at the session once the date of birth is gone (the age of the
    person in the field whose spec asks for it, :attr:`FieldSpec.with_age`)."""
    fields = record.get("fields") or {}
    specs = kinds.FIELDS.get(str(record.get("kind")), ())
    keys = [fields.get(spec.name) for spec in specs if spec.with_age]
    event = _parse_date(str(record.get("event_at") or "")[:10])
    children = fields.get("children")
    if isinstance(children, list) and children and event:
        ages = {str(k): born_by_key.get(k) for k in children}
        record["child_ages"] = {k: timeutil.age(b, event) for k, b in ages.items() if b}
        return
    born = born_by_key.get(keys[0]) if keys else None
    if born and event:
        record["child_age"] = timeutil.age(born, event)


def _replacer(matcher: NameMatcher) -> Callable[[str, str], str]:
    """Replace the names in each free text, wherever it stands."""
    return lambda _path, text: matcher.sub(text)


def _identity(person: dict[str, Any]) -> str:
    name = unicodedata.normalize("NFC", str(person.get("name") or "")).strip()
    return " ".join(name.casefold().split()) or f"key:{person.get('key')}"


def _replacements(people: list[dict[str, Any]], mode: str) -> dict[str, str]:
    """Choose one replacement per person (by identity), in order of appearance."""
    first_seen: dict[str, dict[str, Any]] = {}
    for person in people:
        first_seen.setdefault(_identity(person), person)
    if mode == "initials":
        return {ident: _initials(str(p.get("name") or "")) for ident, p in first_seen.items()}
    by_role: dict[str, list[str]] = {}
    for ident, person in first_seen.items():
        by_role.setdefault(str(person.get("role") or ""), []).append(ident)
    result: dict[str, str] = {}
    for role, idents in by_role.items():
        label = _ROLE_LABELS.get(role, "Person")
        if len(idents) == 1 and role in _SINGLE_WITHOUT_LETTER:
            result[idents[0]] = label
            continue
        for index, ident in enumerate(idents):
            result[ident] = f"{label} {_letters(index)}"
    return result


def _letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def _initials(name: str) -> str:
    letters = [
        next((c for c in word if c.isalpha()), "")
        for word in name.split()
        if word.casefold().rstrip(".") not in _HONORIFICS
    ]
    letters = [c.upper() for c in letters if c]
    return "".join(f"{c}." for c in letters) or "X."


def _names(person: dict[str, Any]) -> list[str]:
    """The person's full name, preferred name and other names, as written."""
    names = [str(person.get(k) or "").strip() for k in ("name", "preferred_name")]
    others = person.get("other_names") or []
    if isinstance(others, list):
        names += [str(n).strip() for n in others]
    return [n for n in dict.fromkeys(names) if n]


def _words(name: str) -> list[str]:
    return [w for w in name.split() if w.casefold().rstrip(".") not in _HONORIFICS]


def _latin(name: str) -> str | None:
    """The Latin letters of a name in another script (``Ольга`` → ``Ol'ga``), or None.

    Names in Latin letters need none (accents are matched anyway); a transliteration
    without vowels (Arabic and Hebrew are written without most of them) is no help.
    """
    if all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in name if c.isalpha()):
        return None
    from anyascii import anyascii

    # Greek ου is "ou" in the usual spelling of names (Papadopoulou), not "oy".
    name = re.sub("[οΟ][υΥύΎ]", lambda m: "Ou" if m.group()[0] == "Ο" else "ou", name)
    if is_unsegmented(name):
        return _latin_unsegmented(name)
    latin = " ".join(anyascii(name).split())
    if not latin or any(not re.search("[aeiouyAEIOUY]", w) for w in latin.split()):
        return None
    return latin


def _latin_unsegmented(name: str) -> str | None:
    """``李小龙`` → ``Li Xiao-Long``: the family name, then the given name's syllables."""
    from anyascii import anyascii

    words = name.split()
    if len(words) == 1:
        word = words[0]
        words = [word[:1], word[1:]] if len(word) > 1 else [word]
    latin = ["-".join(s for s in (anyascii(c).strip().capitalize() for c in w) if s) for w in words]
    latin = [w for w in latin if w]
    return " ".join(latin) or None


def _forms(person: dict[str, Any]) -> list[tuple[str, str | None]]:
    """Every way the person's name may be written, and which end of the full name it is.

    The full name, preferred name and other names; each without titles; pairs and
    runs of their words ("Mai Đặng" for Đặng Thu Mai); each word and hyphen part; and
    the same in Latin letters for names in other scripts. Names in scripts written
    without spaces give only the whole name and the given name (two characters or more).
    """
    forms: list[tuple[str, str | None]] = []
    for n, name in enumerate(_names(person)):
        spellings = [name]
        latin = _latin(name)
        if latin:
            spellings.append(latin)
        for spelling in spellings:
            if is_unsegmented(spelling):
                forms += _unsegmented_forms(spelling)
                continue
            words = _words(spelling)
            forms += [(spelling, None), (" ".join(words), None)]
            if len(words) > 2:
                forms += [(f"{words[-1]} {words[0]}", None), (f"{words[0]} {words[-1]}", None)]
                forms += [(" ".join(words[i : i + 2]), None) for i in range(len(words) - 1)]
            elif len(words) == 2:
                forms.append((f"{words[1]} {words[0]}", None))
            for k, word in enumerate(words):
                # Only a surname (the last word of a full name, or the first in the orders
                # that put it first) takes a plural; _term decides which may.
                end = {0: "first", len(words) - 1: "last"}.get(k)
                whole = n == 0 and len(words) > 1 and spelling == name
                forms.append((word, end if whole else None))
                parts = re.split(f"[{HYPHEN_CHARS}]", word)
                if len(parts) > 1:
                    forms += [(part, None) for part in parts]
    unique: dict[str, str | None] = {}
    for raw, end in forms:
        form = raw.strip(".,;:'\u2019\"()")
        if sum(c.isalpha() for c in form) >= 2:
            unique[form] = unique.get(form) or end
    return list(unique.items())


def _unsegmented_forms(name: str) -> list[tuple[str, str | None]]:
    words = name.split()
    forms: list[tuple[str, str | None]] = [(name, None)]
    if len(words) > 1:
        forms += [(w, None) for w in words if len(w) >= 2]
    elif len(name) >= 3:
        forms.append((name[1:], None))
    return forms


def _term(form: str, surname: str | None, replacement: str) -> Term:
    """The term for one form; ``surname`` says which end of the full name it is, if any.

    A plural "s" is allowed for surnames of four letters or more: one that is not a
    common word (Nowaks, Nguyens) unless its plural is one; one that is a common word
    only as the last word of the name and written with a capital (the Smiths).
    """
    if is_unsegmented(form):
        return Term(name_tokens(form), replacement, len(form), bounded=False)
    words = form.split()
    strict = all(is_strict_part(w) for w in words)
    plural = surname is not None and len(words) == 1 and len(plain(form)) > SHORT_NAME_PART
    if plural and not strict:
        plural = not is_common_word(form + "s") and not is_common_word(plain(form) + "s")
    elif plural:
        plural = surname == "last"
    written = unicodedata.normalize("NFC", form).casefold()
    tokens = name_tokens(form, strict=strict, plural=plural)
    return Term(tokens, replacement, len(form), strict, written=written)


def _terms(people: list[dict[str, Any]], replacements: dict[str, str], mode: str) -> list[Term]:
    forms = {id(person): _forms(person) for person in people}
    owners: dict[str, set[str]] = {}
    for person in people:
        for form, _plural in forms[id(person)]:
            owners.setdefault(form.casefold(), set()).add(_identity(person))
    terms: list[Term] = []
    for person in people:
        own = replacements.get(_identity(person), "[name]")
        for form, surname in forms[id(person)]:
            shared = len(owners[form.casefold()]) > 1
            if not shared:
                replacement = own
            elif mode == "initials":
                replacement = form[0].upper() + "."
            else:
                replacement = "[name]"
            terms.append(_term(form, surname, replacement))
        born = _parse_date(person.get("born"))
        if born:
            terms.append(Term((_date_pattern(born),), "[date of birth]", 100, bounded=False))
    return terms


def _date_pattern(day: dt.date) -> str:
    """A date of birth the ways people write it, and no other date.

    2016-09-30, 2016/09/30, 30/09/2016, 30.09.16, 30-9-2016, 20160930, 30 Sept 2016,
    30th of September 2016, 30-Sep-2016, September 30th, 2016; and 09/30/2016 when the
    day cannot be read as a month (a date written the US way).
    """
    d, m, y = day.day, day.month, day.year
    month = _MONTHS[m - 1]
    sep = "[/.\\-]"
    ordinal = "(?:st|nd|rd|th)?"
    name = f"(?i:{month[:3]}(?:{month[3:]}|t)?)\\.?" if len(month) > 3 else f"(?i:{month})"
    year = f"(?:{y:04d}|'?{y % 100:02d})"
    forms = [
        f"{y:04d}{sep}0?{m}{sep}0?{d}",
        f"0?{d}{sep}0?{m}{sep}{year}",
        f"{y:04d}{m:02d}{d:02d}",
        f"{d:02d}{m:02d}{y:04d}",
        f"0?{d}{ordinal}(?:\\s+(?i:of))?[\\s\\-]+{name},?[\\s\\-]+{year}",
        f"{name}[\\s\\-]+0?{d}{ordinal},?[\\s\\-]+{year}",
    ]
    if d > 12:
        forms.append(f"0?{m}{sep}0?{d}{sep}{year}")
    return "(?<![\\d/.\\-])(?:" + "|".join(forms) + ")(?![\\d]|[/.\\-:]\\d)"


def _parse_date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _generated_date(value: Any) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value).date()
        except ValueError:
            return _parse_date(value)
    return None
