"""Phrases and templates: stored encrypted in the notebook, casebook/1 export and import."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casebook.errors import InvalidInput
from casebook.formats.casebook_json import parse_document
from casebook.service import Notebook
from casebook.writing import phrases as ph
from casebook.writing.phrases import Phrase, Template
from casebook.writing.store import WritingStore

CONFIDENTIALITY = Phrase(
    "Confidentiality",
    "Explained confidentiality and its limits: what I must share to keep children safe.",
    ";conf",
)
RESPONSE = Phrase("Disclosure response", "I listened, did not ask leading questions and said I "
                  "would need to tell someone whose job is to keep children safe.")  # fmt: skip
SESSION = Template("session", "narrative", "What we talked about:\n\nMy analysis:\n")

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() != "")
triggers = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Zs", "Cc", "Zl", "Zp"), blacklist_characters="\x00"
    ),
    max_size=10,
).filter(lambda t: t == "" or all(not c.isspace() for c in t))


@given(st.lists(st.tuples(texts, texts, triggers), max_size=6))
def test_phrases_survive_render_and_parse_unchanged(items: list[tuple[str, str, str]]) -> None:
    names, used = set(), set()
    phrases = []
    for raw_name, text, trigger in items:
        name = raw_name.strip()
        if name.casefold() in names or (trigger and trigger.casefold() in used):
            continue
        names.add(name.casefold())
        if trigger:
            used.add(trigger.casefold())
        phrases.append(Phrase(name, text, trigger))
    rendered = json.loads(json.dumps(ph.render_phrases(phrases)))
    assert ph.parse_phrases(rendered) == phrases


@pytest.mark.parametrize(
    ("phrases", "where"),
    [
        ([{"name": "A", "text": "x", "trigger": "two words"}], "phrases[0].trigger"),
        ([{"name": "A", "text": "x"}, {"name": "a", "text": "y"}], "phrases[1].name"),
        ([{"name": "A", "text": "x", "trigger": ";t"}, {"name": "B", "text": "y",
                                                       "trigger": ";T"}], "phrases[1].trigger"),
        ([{"name": "A", "text": "  "}], "phrases[0].text"),
        ([{"name": "A", "text": "x", "shortcut": "F5"}], "phrases[0].shortcut"),
    ],
)  # fmt: skip
def test_invalid_phrases_are_refused_naming_their_place(phrases: Any, where: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_document({"format": "casebook/1", "cases": [], "phrases": phrases})
    assert caught.value.where == where


def test_a_template_must_name_a_text_field_of_its_kind() -> None:
    with pytest.raises(InvalidInput) as caught:
        ph.parse_templates([{"kind": "session", "field": "risk_to_self", "text": "x"}])
    assert caught.value.where == "templates[0].field"


def test_phrases_and_templates_are_kept_in_the_encrypted_notebook(
    notebook: Notebook, notebook_path: Path
) -> None:
    store = WritingStore(notebook)
    assert store.phrases() == []
    assert store.templates() == list(ph.DEFAULT_TEMPLATES)
    store.set_phrases([CONFIDENTIALITY, RESPONSE])
    store.set_templates([SESSION])
    notebook.close()
    database = (notebook_path / "notebook.db").read_bytes()
    assert b"confidentiality" not in database.lower()
    again = Notebook.open(notebook_path, "correct horse battery staple")
    try:
        assert WritingStore(again).phrases() == [CONFIDENTIALITY, RESPONSE]
        assert WritingStore(again).templates() == [SESSION]
    finally:
        again.close()


def test_phrases_and_templates_export_and_import_with_casebook_json(
    notebook: Notebook, empty_notebook: Notebook
) -> None:
    WritingStore(notebook).set_phrases([CONFIDENTIALITY, RESPONSE])
    WritingStore(notebook).set_templates([SESSION])
    out = io.BytesIO()
    notebook.interchange.write_export(out, [], include_phrases=True)
    document = json.loads(out.getvalue())
    assert document == notebook.interchange.export_document([], include_phrases=True)
    assert document["phrases"][0] == {
        "name": "Confidentiality",
        "trigger": ";conf",
        "text": CONFIDENTIALITY.text,
    }
    assert document["templates"] == [SESSION.to_json()]

    empty_notebook.interchange.import_document(document)
    store = WritingStore(empty_notebook)
    assert store.phrases() == [CONFIDENTIALITY, RESPONSE]
    kinds_with_templates = {(t.kind, t.field) for t in store.templates()}
    assert SESSION in store.templates()
    assert ("child_work", "observations") in kinds_with_templates  # defaults still there
    empty_notebook.interchange.import_document(document)  # the same phrases again: nothing to add
    assert WritingStore(empty_notebook).phrases() == [CONFIDENTIALITY, RESPONSE]


def test_an_export_leaves_phrases_out_unless_asked(notebook: Notebook) -> None:
    WritingStore(notebook).set_phrases([CONFIDENTIALITY])
    out = io.BytesIO()
    notebook.interchange.write_export(out)
    assert "phrases" not in json.loads(out.getvalue())


def test_an_imported_phrase_never_overwrites_a_different_one_and_the_import_writes_nothing(
    empty_notebook: Notebook, make_document: Any
) -> None:
    store = WritingStore(empty_notebook)
    store.set_phrases([CONFIDENTIALITY])
    document = make_document()
    document["phrases"] = [{"name": "Other", "trigger": ";conf", "text": "Something else"}]
    with pytest.raises(InvalidInput) as caught:
        empty_notebook.interchange.import_document(document)
    assert caught.value.where == "phrases[0].trigger"
    assert store.phrases() == [CONFIDENTIALITY]
    assert empty_notebook.cases.list() == []


def test_a_trigger_is_found_before_the_cursor_whatever_its_case() -> None:
    text = "Today ;CONF"
    start, word = ph.word_before(text, len(text))
    assert (start, word) == (6, ";CONF")
    assert ph.phrase_for_trigger([RESPONSE, CONFIDENTIALITY], word) == CONFIDENTIALITY
    assert ph.phrase_for_trigger([RESPONSE], "") is None
