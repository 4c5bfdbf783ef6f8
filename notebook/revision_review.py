"""What each revision after the practitioner's signature changed, and whether that is allowed.

A signed summary may grow only by countersignatures. pyHanko's difference analysis rates a
later signature at modification level FORM_FILLING even when its new signature field brings
a visible appearance (a white box with other words over page content) or when the same
revision rewrites the document information; a modification level therefore cannot decide.
This module looks at every object each later revision writes, compares it with the previous
revision, and allows only what one countersignature needs:

* exactly one signature completes the revision;
* that signature either fills a signature field that was already there, empty, when the
  previous revision was signed (its widget's rectangle and flags unchanged, so its
  appearance stays inside the box the practitioner's software reserved), or adds one new
  signature field whose widget has zero area (an invisible signature);
* the AcroForm's field list and a page's annotation list may only gain that new field;
* the document information and XMP metadata may only change their modification date and
  producer; every other object written again must be identical to what it replaces;
* every new object belongs to the signature (its value, its field, its appearance), or is
  a cross-reference or object stream; nothing is freed; the trailer keeps its catalog and
  document information and gains no encryption.

Anything else (a new annotation, a changed page, content stream, outline, catalog entry or
field, a widget moved or shown on another page) is reported with the revision that did it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Values pyHanko (and other signers) legitimately rewrite with each incremental update.
_INFO_VOLATILE = frozenset({"/ModDate", "/Producer"})
_XMP_VOLATILE = re.compile(
    rb"((?:xmp:ModifyDate|xmp:MetadataDate|pdf:Producer)=\")[^\"]*(\")"
    rb"|(<(xmp:ModifyDate|xmp:MetadataDate|pdf:Producer)>)[^<]*(</\4>)"
)
_STREAM_VOLATILE = frozenset({"/Length"})


@dataclass(frozen=True)
class RevisionReview:
    """What one revision after the first signature did.

    Attributes:
        revision: The revision's number, counting the unsigned document as revision 1.
        signature: The 1-based number of the signature that completes it, or None.
        did: One sentence: what the revision changed.
        allowed: True when it is an allowed countersignature and nothing else.
    """

    revision: int
    signature: int | None
    did: str
    allowed: bool


class _NotAllowed(Exception):
    """A change a countersignature may not make (the message says what it was)."""


def review_later_revisions(
    reader: Any, signatures: list[Any], signers: list[str]
) -> list[RevisionReview]:
    """Review every revision after the first signature's.

    Args:
        reader: The pyHanko ``PdfFileReader`` of the whole file.
        signatures: ``reader.embedded_signatures`` (signing order).
        signers: The signer's name for each signature (for the sentences).

    Returns:
        One :class:`RevisionReview` per later revision, oldest first; for a signature
        completing the same revision as an earlier one, a review that is not allowed.
    """
    by_revision: dict[int, list[int]] = {}
    for index, signature in enumerate(signatures):
        by_revision.setdefault(int(signature.signed_revision), []).append(index)
    first = int(signatures[0].signed_revision)
    reviews: list[RevisionReview] = []
    if len(by_revision[first]) > 1:
        reviews.append(
            RevisionReview(first + 1, None, "holds more than one signature", allowed=False)
        )
    for revision in range(first + 1, int(reader.xrefs.total_revisions)):
        indexes = by_revision.get(revision, [])
        if len(indexes) > 1:
            reviews.append(
                RevisionReview(revision + 1, None, "holds more than one signature", allowed=False)
            )
            continue
        number = indexes[0] if indexes else None
        signature = signatures[number] if number is not None else None
        signer = signers[number] if number is not None else ""
        try:
            did = _review(reader, revision, signature, signer)
            allowed = True
        except _NotAllowed as problem:
            did, allowed = str(problem), False
        reviews.append(
            RevisionReview(revision + 1, number + 1 if number is not None else None, did, allowed)
        )
    return reviews


# --- one revision ------------------------------------------------------------------


@dataclass
class _Changes:
    """What a revision's updated objects add: new fields, new annotations, a filled field.

    Attributes:
        new_fields: References appended to the AcroForm's field list.
        new_annotations: (page number, raw item) appended to a page's annotations.
        filled_field: The reference of the empty signature field it fills, if any.
    """

    new_fields: list[Any]
    new_annotations: list[tuple[int, Any]]
    filled_field: Any | None = None


def _review(reader: Any, revision: int, signature: Any | None, signer: str) -> str:
    """Review one revision; raise :class:`_NotAllowed` with the first thing it may not do.

    Args:
        reader: The file's reader.
        revision: The revision's index (0 = the unsigned document).
        signature: The signature that completes it, or None when none does.
        signer: That signature's signer, for the sentence.

    Returns:
        What the revision did, when that is an allowed countersignature.
    """
    old = reader.get_historical_resolver(revision - 1)
    new = reader.get_historical_resolver(revision)
    _check_trailer(old, new)
    if new.refs_freed_in_revision():
        raise _NotAllowed("deletes objects the practitioner signed")
    xrefs = reader.xrefs
    written = set(new.explicit_refs_in_revision())
    updated = {ref for ref in written if xrefs.get_historical_ref(ref, revision - 1) is not None}
    added = written - updated
    layout = _Layout(old)
    changes = _Changes(new_fields=[], new_annotations=[])
    for ref in sorted(updated, key=lambda r: (r.idnum, r.generation)):
        before, after = old(ref), new(ref)
        if not _same(before, after):
            _check_update(layout, ref, before, after, changes)
    field_ref, field_did = _signature_field(new, layout, changes, added, signature, signer)
    explained: set[Any] = set()
    for ref in changes.new_fields:
        explained |= {ref} | new.collect_dependencies(new(ref), since_revision=revision)
    if changes.filled_field is not None:
        explained |= new.collect_dependencies(new(field_ref), since_revision=revision)
    for ref in added - explained:
        obj = new(ref)
        if _name(obj, "/Type") in ("/ObjStm", "/XRef") and hasattr(obj, "encoded_data"):
            explained.add(ref)
    if added - explained:
        count = len(added - explained)
        raise _NotAllowed(
            f"adds {count} object{'s' if count != 1 else ''} that no countersignature uses"
        )
    return field_did


def _check_trailer(old: Any, new: Any) -> None:
    for key, what in (("/Root", "document catalog"), ("/Info", "document information")):
        before = _raw(old.trailer_view, key)
        after = _raw(new.trailer_view, key)
        if not _same(before, after):
            raise _NotAllowed(f"replaces the {what}")
    if "/Encrypt" in new.trailer_view:
        raise _NotAllowed("encrypts the document")


class _Layout:
    """Where things are in the previous revision: pages, fields, metadata."""

    def __init__(self, old: Any) -> None:
        self.old = old
        trailer = old.trailer_view
        self.root_ref = _ref(_raw(trailer, "/Root"))
        self.info_ref = _ref(_raw(trailer, "/Info"))
        root = old(self.root_ref) if self.root_ref is not None else {}
        self.metadata_ref = _ref(_raw(root, "/Metadata"))
        self.acroform_ref = _ref(_raw(root, "/AcroForm"))
        self.pages: dict[Any, int] = {}
        self.annotation_arrays: dict[Any, int] = {}
        self.contents: dict[Any, int] = {}
        self.annotations: dict[Any, int] = {}
        pages = _raw(root, "/Pages")
        if pages is not None:
            self._walk_pages(pages, set())
        self.fields: dict[Any, str] = {}
        acroform = _get(root, "/AcroForm")
        if acroform is not None:
            for item in _items(_raw(acroform, "/Fields")):
                ref = _ref(item)
                if ref is not None:
                    self.fields[ref] = str(_get(old(ref), "/T") or "")

    def _walk_pages(self, node: Any, seen: set[Any]) -> None:
        ref = _ref(node)
        if ref is None or ref in seen:
            return
        seen.add(ref)
        obj = self.old(ref)
        if _name(obj, "/Type") == "/Pages":
            for kid in _items(_raw(obj, "/Kids")):
                self._walk_pages(kid, seen)
            return
        number = len(self.pages) + 1
        self.pages[ref] = number
        annots = _raw(obj, "/Annots")
        if _ref(annots) is not None:
            self.annotation_arrays[_ref(annots)] = number
        for item in _items(annots if _ref(annots) is None else self.old(_ref(annots))):
            if _ref(item) is not None:
                self.annotations[_ref(item)] = number
        items = _items(_raw(obj, "/Contents"))
        if len(items) == 1 and _ref(items[0]) is not None:
            target = self.old(_ref(items[0]))
            if isinstance(target, list):  # a reference to an array of content streams
                self.contents[_ref(items[0])] = number
                items = _items(target)
        for item in items:
            if _ref(item) is not None:
                self.contents[_ref(item)] = number

    def describe(self, ref: Any, obj: Any) -> str:
        """Name an object of the previous revision for a sentence."""
        if ref == self.root_ref:
            return "the document catalog"
        if ref in self.pages:
            return f"page {self.pages[ref]}"
        if ref in self.contents:
            return f"the content of page {self.contents[ref]}"
        if ref in self.fields:
            return f"the signature field '{self.fields[ref]}'"
        if ref in self.annotations:
            return f"an annotation on page {self.annotations[ref]}"
        kind = _name(obj, "/Type")
        if kind == "/Pages":
            return "the page tree"
        if kind in ("/Font", "/FontDescriptor"):
            return "a font the pages use"
        return f"object {ref.idnum} of the signed document"


def _check_update(layout: _Layout, ref: Any, before: Any, after: Any, changes: _Changes) -> None:
    """Allow one changed object of the previous revision, or raise :class:`_NotAllowed`."""
    if ref == layout.info_ref:
        if not _same_except(before, after, _INFO_VOLATILE):
            raise _NotAllowed(
                "changes the document information (title, subject, keywords or audit head)"
            )
        return
    if ref == layout.metadata_ref:
        if not _same_xmp(before, after):
            raise _NotAllowed("changes the document's XMP metadata")
        return
    if ref == layout.acroform_ref:
        if not _same_except(before, after, {"/Fields", "/SigFlags"}):
            raise _NotAllowed("changes the form's settings")
        for item in _appended(before, after, "/Fields", "the form's field list"):
            if _ref(item) is None:
                raise _NotAllowed("adds a form field that is not a separate object")
            changes.new_fields.append(_ref(item))
        if _raw(after, "/SigFlags") is not None and int(after["/SigFlags"]) & ~3:
            raise _NotAllowed("changes the form's settings")
        return
    if ref in layout.pages:
        page = layout.pages[ref]
        if not _same_except(before, after, {"/Annots"}):
            if not _same(_raw(before, "/Contents"), _raw(after, "/Contents")):
                raise _NotAllowed(f"changes the content of page {page}")
            if not _same(_raw(before, "/Resources"), _raw(after, "/Resources")):
                raise _NotAllowed(f"changes the fonts or images of page {page}")
            raise _NotAllowed(f"changes page {page}")
        annots_before, annots_after = _raw(before, "/Annots"), _raw(after, "/Annots")
        if _ref(annots_before) is not None or _ref(annots_after) is not None:
            if not _same(annots_before, annots_after):
                raise _NotAllowed(f"replaces the annotation list of page {page}")
            return
        for item in _appended(before, after, "/Annots", f"the annotations of page {page}"):
            changes.new_annotations.append((page, item))
        return
    if ref in layout.annotation_arrays:
        page = layout.annotation_arrays[ref]
        for item in _appended_items(before, after, f"the annotations of page {page}"):
            changes.new_annotations.append((page, item))
        return
    if ref in layout.fields and _is_empty_signature_field(before):
        name = layout.fields[ref]
        if not _same_except(before, after, {"/V", "/AP"}) or _raw(after, "/V") is None:
            raise _NotAllowed(
                f"changes the empty signature field '{name}' (its box, flags or page)"
            )
        if changes.filled_field is not None:
            raise _NotAllowed("fills more than one signature field")
        changes.filled_field = ref
        return
    raise _NotAllowed(f"changes {layout.describe(ref, before)}")


def _signature_field(
    new: Any,
    layout: _Layout,
    changes: _Changes,
    added: set[Any],
    signature: Any | None,
    signer: str,
) -> tuple[Any, str]:
    """Check the one field this revision signs; return its reference and a sentence."""
    for page, item in changes.new_annotations:
        ref = _ref(item)
        if ref is None or ref not in changes.new_fields:
            obj = new(ref) if ref is not None else item
            kind = str(_name(obj, "/Subtype") or "annotation").lstrip("/")
            raise _NotAllowed(f"adds a {kind} annotation on page {page}")
    for ref in changes.new_fields:
        if ref not in added:
            raise _NotAllowed("lists an existing field a second time")
        obj = new(ref)
        name = str(_get(obj, "/T") or "")
        if _name(obj, "/FT") != "/Sig" or _name(obj, "/Subtype") != "/Widget":
            raise _NotAllowed(f"adds a form field '{name}' that is not a signature field")
        if "/Kids" in obj or "/Parent" in obj:
            raise _NotAllowed(f"adds a signature field '{name}' with separate widgets")
        if _area(obj) != 0:
            on_page = layout.pages.get(_ref(_raw(obj, "/P")))
            where = f" on page {on_page}" if on_page else ""
            raise _NotAllowed(
                f"adds a signature field '{name}' with a visible appearance{where}"
                f" at {_rect_text(obj)}, outside the box reserved for a countersignature"
            )
        if _appearance_area(obj) != 0:
            # A zero-area widget shows nothing in a conforming reader; an appearance
            # drawn at a size of its own is refused in case a reader does not scale it.
            raise _NotAllowed(f"adds an invisible signature field '{name}' that carries a drawing")
    if signature is None:
        raise _NotAllowed("changes the document without signing it")
    signed = list(changes.new_fields)
    if changes.filled_field is not None:
        signed.append(changes.filled_field)
    if len(signed) != 1:
        raise _NotAllowed("adds more than one signature field" if signed else "signs no field")
    field_ref = signed[0]
    field_obj = new(field_ref)
    name = str(_get(field_obj, "/T") or "")
    value = _ref(_raw(field_obj, "/V"))
    expected = _ref(signature.sig_field.raw_get("/V"))
    if value is None or value != expected or name != signature.field_name:
        raise _NotAllowed(f"fills the field '{name}' with something other than its signature")
    if changes.filled_field is not None:
        on_page = layout.pages.get(_ref(_raw(field_obj, "/P")))
        where = f" on page {on_page}" if on_page else ""
        return field_ref, (
            f"countersignature by {signer} filled the empty signature field '{name}'{where};"
            " its appearance stays inside the box reserved for it"
        )
    return field_ref, f"countersignature by {signer} in a new invisible signature field '{name}'"


# --- comparing PDF objects ----------------------------------------------------------


def _same(a: Any, b: Any) -> bool:
    """Whether two raw PDF values are the same (references compared by number)."""
    from pyhanko.pdf_utils import generic

    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, generic.NullObject):
        return isinstance(b, generic.NullObject)
    if isinstance(a, generic.IndirectObject):
        return isinstance(b, generic.IndirectObject) and a.reference == b.reference
    if isinstance(a, generic.StreamObject):
        return (
            isinstance(b, generic.StreamObject)
            and a.encoded_data == b.encoded_data
            and _same_except(a, b, frozenset())
        )
    if isinstance(a, generic.DictionaryObject):
        return isinstance(b, generic.DictionaryObject) and _same_except(a, b, frozenset())
    if isinstance(a, generic.ArrayObject):
        return (
            isinstance(b, generic.ArrayObject)
            and len(a) == len(b)
            and all(_same(a.raw_get(i), b.raw_get(i)) for i in range(len(a)))
        )
    if isinstance(a, generic.TextStringObject | generic.ByteStringObject):
        return (
            isinstance(b, generic.TextStringObject | generic.ByteStringObject)
            and a.original_bytes == b.original_bytes
        )
    return type(a) is type(b) and bool(a == b)


def _same_except(a: Any, b: Any, ignored: frozenset[str] | set[str]) -> bool:
    """Whether two dictionaries agree on every key but ``ignored`` (streams: data too)."""
    from pyhanko.pdf_utils import generic

    if not isinstance(a, generic.DictionaryObject) or not isinstance(b, generic.DictionaryObject):
        return False
    if isinstance(a, generic.StreamObject) != isinstance(b, generic.StreamObject):
        return False
    keys = set(a.keys()) | set(b.keys())
    for key in keys - set(ignored):
        if key not in a or key not in b or not _same(a.raw_get(key), b.raw_get(key)):
            return False
    return True


def _same_xmp(a: Any, b: Any) -> bool:
    """XMP streams that differ at most in their modification dates and producer."""
    from pyhanko.pdf_utils import generic

    if not (isinstance(a, generic.StreamObject) and isinstance(b, generic.StreamObject)):
        return False
    if not _same_except(a, b, _STREAM_VOLATILE):
        return False
    return _XMP_VOLATILE.sub(rb"\1\2\3\5", a.data) == _XMP_VOLATILE.sub(rb"\1\2\3\5", b.data)


def _appended(before: Any, after: Any, key: str, what: str) -> list[Any]:
    """The items appended to the array ``key`` (absent counts as empty)."""
    return _appended_items(_raw(before, key), _raw(after, key), what)


def _appended_items(before: Any, after: Any, what: str) -> list[Any]:
    old_items, new_items = _items(before), _items(after)
    if len(new_items) < len(old_items) or not all(
        _same(x, y) for x, y in zip(old_items, new_items, strict=False)
    ):
        raise _NotAllowed(f"removes or reorders {what}")
    return new_items[len(old_items) :]


def _is_empty_signature_field(obj: Any) -> bool:
    return (
        _name(obj, "/FT") == "/Sig"
        and _name(obj, "/Subtype") == "/Widget"
        and "/V" not in obj
        and "/Kids" not in obj
    )


def _area(widget: Any) -> float:
    try:
        x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    except (KeyError, TypeError, ValueError):
        return -1.0  # no usable rectangle: never counted as invisible
    return abs(x2 - x1) * abs(y2 - y1)


def _appearance_area(widget: Any) -> float:
    """The largest bounding box among a widget's appearance streams (0 when none)."""
    largest = 0.0
    appearances = _get(widget, "/AP")
    for key in ("/N", "/R", "/D"):
        entry = _get(appearances, key)
        streams = [entry] if hasattr(entry, "encoded_data") else []
        if entry is not None and not streams and hasattr(entry, "keys"):
            streams = [_get(entry, state) for state in entry]  # appearance states
        for stream in streams:
            try:
                x1, y1, x2, y2 = (float(v) for v in stream["/BBox"])
            except (KeyError, TypeError, ValueError):
                return -1.0  # unreadable: never counted as empty
            largest = max(largest, abs(x2 - x1) * abs(y2 - y1))
    return largest


def _rect_text(widget: Any) -> str:
    try:
        x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    except (KeyError, TypeError, ValueError):
        return "an unreadable position"
    return f"({x1:.0f}, {y1:.0f})-({x2:.0f}, {y2:.0f})"


def _raw(container: Any, key: str) -> Any:
    try:
        return container.raw_get(key)
    except (KeyError, AttributeError):
        return None


def _ref(value: Any) -> Any:
    from pyhanko.pdf_utils import generic

    return value.reference if isinstance(value, generic.IndirectObject) else None


def _items(value: Any) -> list[Any]:
    from pyhanko.pdf_utils import generic

    if isinstance(value, generic.ArrayObject):
        return [value.raw_get(i) for i in range(len(value))]
    return [] if value is None else [value]


def _get(obj: Any, key: str) -> Any:
    """``obj[key]`` dereferenced, or None when absent (or ``obj`` is no dictionary)."""
    try:
        return obj[key]
    except (KeyError, TypeError, AttributeError, IndexError):
        return None


def _name(obj: Any, key: str) -> str | None:
    value = _get(obj, key)
    return str(value) if value is not None else None
