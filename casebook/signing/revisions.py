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

from dataclasses import dataclass
from typing import Any

from casebook.signing import pdfobjects as po

# Values pyHanko (and other signers) legitimately rewrite with each incremental update.
_INFO_VOLATILE = frozenset({"/ModDate", "/Producer"})


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
        except po.NotAllowed as problem:
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
    """Review one revision; raise :class:`po.NotAllowed` with the first thing it may not do.

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
        raise po.NotAllowed("deletes objects the practitioner signed")
    xrefs = reader.xrefs
    written = set(new.explicit_refs_in_revision())
    updated = {ref for ref in written if xrefs.get_historical_ref(ref, revision - 1) is not None}
    added = written - updated
    layout = _Layout(old)
    changes = _Changes(new_fields=[], new_annotations=[])
    for ref in sorted(updated, key=lambda r: (r.idnum, r.generation)):
        before, after = old(ref), new(ref)
        if not po.same(before, after):
            _check_update(layout, ref, before, after, changes)
    field_ref, field_did = _signature_field(new, layout, changes, added, signature, signer)
    explained: set[Any] = set()
    for ref in changes.new_fields:
        explained |= {ref} | new.collect_dependencies(new(ref), since_revision=revision)
    if changes.filled_field is not None:
        explained |= new.collect_dependencies(new(field_ref), since_revision=revision)
    for ref in added - explained:
        obj = new(ref)
        if po.name(obj, "/Type") in ("/ObjStm", "/XRef") and hasattr(obj, "encoded_data"):
            explained.add(ref)
    if added - explained:
        count = len(added - explained)
        raise po.NotAllowed(
            f"adds {count} object{'s' if count != 1 else ''} that no countersignature uses"
        )
    return field_did


def _check_trailer(old: Any, new: Any) -> None:
    for key, what in (("/Root", "document catalog"), ("/Info", "document information")):
        before = po.raw(old.trailer_view, key)
        after = po.raw(new.trailer_view, key)
        if not po.same(before, after):
            raise po.NotAllowed(f"replaces the {what}")
    if "/Encrypt" in new.trailer_view:
        raise po.NotAllowed("encrypts the document")


class _Layout:
    """Where things are in the previous revision: pages, fields, metadata."""

    def __init__(self, old: Any) -> None:
        self.old = old
        trailer = old.trailer_view
        self.root_ref = po.ref(po.raw(trailer, "/Root"))
        self.info_ref = po.ref(po.raw(trailer, "/Info"))
        root = old(self.root_ref) if self.root_ref is not None else {}
        self.metadata_ref = po.ref(po.raw(root, "/Metadata"))
        self.acroform_ref = po.ref(po.raw(root, "/AcroForm"))
        self.pages: dict[Any, int] = {}
        self.annotation_arrays: dict[Any, int] = {}
        self.contents: dict[Any, int] = {}
        self.annotations: dict[Any, int] = {}
        pages = po.raw(root, "/Pages")
        if pages is not None:
            self._walk_pages(pages, set())
        self.fields: dict[Any, str] = {}
        acroform = po.get(root, "/AcroForm")
        if acroform is not None:
            for item in po.items(po.raw(acroform, "/Fields")):
                ref = po.ref(item)
                if ref is not None:
                    self.fields[ref] = str(po.get(old(ref), "/T") or "")

    def _walk_pages(self, node: Any, seen: set[Any]) -> None:
        ref = po.ref(node)
        if ref is None or ref in seen:
            return
        seen.add(ref)
        obj = self.old(ref)
        if po.name(obj, "/Type") == "/Pages":
            for kid in po.items(po.raw(obj, "/Kids")):
                self._walk_pages(kid, seen)
            return
        number = len(self.pages) + 1
        self.pages[ref] = number
        annots = po.raw(obj, "/Annots")
        if po.ref(annots) is not None:
            self.annotation_arrays[po.ref(annots)] = number
        for item in po.items(annots if po.ref(annots) is None else self.old(po.ref(annots))):
            if po.ref(item) is not None:
                self.annotations[po.ref(item)] = number
        items = po.items(po.raw(obj, "/Contents"))
        if len(items) == 1 and po.ref(items[0]) is not None:
            target = self.old(po.ref(items[0]))
            if isinstance(target, list):  # a reference to an array of content streams
                self.contents[po.ref(items[0])] = number
                items = po.items(target)
        for item in items:
            if po.ref(item) is not None:
                self.contents[po.ref(item)] = number

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
        kind = po.name(obj, "/Type")
        if kind == "/Pages":
            return "the page tree"
        if kind in ("/Font", "/FontDescriptor"):
            return "a font the pages use"
        return f"object {ref.idnum} of the signed document"


def _check_update(layout: _Layout, ref: Any, before: Any, after: Any, changes: _Changes) -> None:
    """Allow one changed object of the previous revision, or raise :class:`po.NotAllowed`."""
    if ref == layout.info_ref:
        if not po.same_except(before, after, _INFO_VOLATILE):
            raise po.NotAllowed(
                "changes the document information (title, subject, keywords or audit head)"
            )
        return
    if ref == layout.metadata_ref:
        if not po.same_xmp(before, after):
            raise po.NotAllowed("changes the document's XMP metadata")
        return
    if ref == layout.acroform_ref:
        if not po.same_except(before, after, {"/Fields", "/SigFlags"}):
            raise po.NotAllowed("changes the form's settings")
        for item in po.appended(before, after, "/Fields", "the form's field list"):
            if po.ref(item) is None:
                raise po.NotAllowed("adds a form field that is not a separate object")
            changes.new_fields.append(po.ref(item))
        if po.raw(after, "/SigFlags") is not None and int(after["/SigFlags"]) & ~3:
            raise po.NotAllowed("changes the form's settings")
        return
    if ref in layout.pages:
        page = layout.pages[ref]
        if not po.same_except(before, after, {"/Annots"}):
            if not po.same(po.raw(before, "/Contents"), po.raw(after, "/Contents")):
                raise po.NotAllowed(f"changes the content of page {page}")
            if not po.same(po.raw(before, "/Resources"), po.raw(after, "/Resources")):
                raise po.NotAllowed(f"changes the fonts or images of page {page}")
            raise po.NotAllowed(f"changes page {page}")
        annots_before, annots_after = po.raw(before, "/Annots"), po.raw(after, "/Annots")
        if po.ref(annots_before) is not None or po.ref(annots_after) is not None:
            if not po.same(annots_before, annots_after):
                raise po.NotAllowed(f"replaces the annotation list of page {page}")
            return
        for item in po.appended(before, after, "/Annots", f"the annotations of page {page}"):
            changes.new_annotations.append((page, item))
        return
    if ref in layout.annotation_arrays:
        page = layout.annotation_arrays[ref]
        for item in po.appended_items(before, after, f"the annotations of page {page}"):
            changes.new_annotations.append((page, item))
        return
    if ref in layout.fields and po.is_empty_signature_field(before):
        name = layout.fields[ref]
        if not po.same_except(before, after, {"/V", "/AP"}) or po.raw(after, "/V") is None:
            raise po.NotAllowed(
                f"changes the empty signature field '{name}' (its box, flags or page)"
            )
        if changes.filled_field is not None:
            raise po.NotAllowed("fills more than one signature field")
        changes.filled_field = ref
        return
    raise po.NotAllowed(f"changes {layout.describe(ref, before)}")


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
        ref = po.ref(item)
        if ref is None or ref not in changes.new_fields:
            obj = new(ref) if ref is not None else item
            kind = str(po.name(obj, "/Subtype") or "annotation").lstrip("/")
            raise po.NotAllowed(f"adds a {kind} annotation on page {page}")
    for ref in changes.new_fields:
        if ref not in added:
            raise po.NotAllowed("lists an existing field a second time")
        obj = new(ref)
        name = str(po.get(obj, "/T") or "")
        if po.name(obj, "/FT") != "/Sig" or po.name(obj, "/Subtype") != "/Widget":
            raise po.NotAllowed(f"adds a form field '{name}' that is not a signature field")
        if "/Kids" in obj or "/Parent" in obj:
            raise po.NotAllowed(f"adds a signature field '{name}' with separate widgets")
        if po.area(obj) != 0:
            on_page = layout.pages.get(po.ref(po.raw(obj, "/P")))
            where = f" on page {on_page}" if on_page else ""
            raise po.NotAllowed(
                f"adds a signature field '{name}' with a visible appearance{where}"
                f" at {po.rect_text(obj)}, outside the box reserved for a countersignature"
            )
        if po.appearance_area(obj) != 0:
            # A zero-area widget shows nothing in a conforming reader; an appearance
            # drawn at a size of its own is refused in case a reader does not scale it.
            raise po.NotAllowed(
                f"adds an invisible signature field '{name}' that carries a drawing"
            )
    if signature is None:
        raise po.NotAllowed("changes the document without signing it")
    signed = list(changes.new_fields)
    if changes.filled_field is not None:
        signed.append(changes.filled_field)
    if len(signed) != 1:
        raise po.NotAllowed("adds more than one signature field" if signed else "signs no field")
    field_ref = signed[0]
    field_obj = new(field_ref)
    name = str(po.get(field_obj, "/T") or "")
    value = po.ref(po.raw(field_obj, "/V"))
    expected = po.ref(signature.sig_field.raw_get("/V"))
    if value is None or value != expected or name != signature.field_name:
        raise po.NotAllowed(f"fills the field '{name}' with something other than its signature")
    if changes.filled_field is not None:
        on_page = layout.pages.get(po.ref(po.raw(field_obj, "/P")))
        where = f" on page {on_page}" if on_page else ""
        return field_ref, (
            f"countersignature by {signer} filled the empty signature field '{name}'{where};"
            " its appearance stays inside the box reserved for it"
        )
    return field_ref, f"countersignature by {signer} in a new invisible signature field '{name}'"
