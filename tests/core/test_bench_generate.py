"""The synthetic caseload generator (bench/generate.py), checked on the small size only.

The strict casebook/1 checker lives in ``test_demo_data.py`` and is loaded from there.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import re
import statistics
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def load(name: str, path: Path) -> ModuleType:
    """Import a module from a file that is not in a package."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


generator = load("casebook_bench_generate", ROOT / "bench" / "generate.py")
format_check = load("casebook_test_demo_data", HERE / "test_demo_data.py")


@pytest.fixture(scope="module")
def small() -> dict[str, Any]:
    doc: dict[str, Any] = generator.generate("small")
    return doc


def records(doc: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(case, record) for case in doc["cases"] for record in case["records"]]


def words(record: dict[str, Any]) -> int:
    return sum(len(text.split()) for text in format_check.all_text(record["fields"]))


# =========================================================================== shape


def test_the_small_caseload_has_the_stated_counts(small: dict[str, Any]) -> None:
    assert small["format"] == "casebook/1"
    assert len(small["cases"]) == 20
    assert len(records(small)) == 2_000
    attachments = [a for _, r in records(small) for a in r.get("attachments", [])]
    assert len(attachments) == 20
    for attachment in attachments:
        size = len(base64.b64decode(attachment["data_base64"], validate=True))
        assert 5 * 1024 <= size <= 20_000, size


def test_the_sizes_are_as_documented() -> None:
    small, large = generator.SIZES["small"], generator.SIZES["large"]
    assert (small.cases, small.records, small.attachments) == (20, 2_000, 20)
    assert (large.cases, large.records, large.attachments) == (200, 100_000, 5_000)
    assert large.attachment_bytes[0] >= 50 * 1000 and large.attachment_bytes[1] <= 2 * 1024**2


def test_an_unknown_size_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown size"):
        generator.generate("medium")


# =========================================================================== determinism


def test_the_same_seed_gives_the_same_caseload(small: dict[str, Any]) -> None:
    again = generator.generate("small", seed=1)
    assert json.dumps(again, ensure_ascii=False) == json.dumps(small, ensure_ascii=False)


def test_another_seed_gives_another_caseload(small: dict[str, Any]) -> None:
    other = generator.generate("small", seed=2)
    assert [c["title"] for c in other["cases"]] != [c["title"] for c in small["cases"]]
    assert len(records(other)) == 2_000


@pytest.fixture(scope="module")
def small_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "small.json"
    generator.write("small", path)
    return path


def test_write_streams_the_same_document_as_generate(
    small: dict[str, Any], small_file: Path
) -> None:
    assert json.loads(small_file.read_text(encoding="utf-8")) == small
    assert [p.name for p in small_file.parent.iterdir()] == ["small.json"]


def test_the_command_line_writes_the_same_bytes_every_time(
    small_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "again.json"
    assert generator.main(["--size", "small", "--seed", "1", "-o", str(out)]) == 0
    assert (
        hashlib.sha256(out.read_bytes()).digest()
        == hashlib.sha256(small_file.read_bytes()).digest()
    )
    assert "2000 records" in capsys.readouterr().err


# =========================================================================== validity


def test_every_key_value_and_reference_is_from_the_format(small: dict[str, Any]) -> None:
    checker = format_check.check_document(small)
    assert checker.errors == []
    for scope, (allowed, _required) in format_check.SCOPES.items():
        if scope not in format_check.SCOPES_1_1:
            assert checker.keys_used[scope] == set(allowed) - format_check.KEYS_1_1, scope
    for name, values in format_check.ENUMS.items():
        if name not in format_check.ENUMS_1_1:
            assert checker.values_used[name] == set(values), name


def test_every_person_reference_is_a_key_of_the_same_case(small: dict[str, Any]) -> None:
    for case in small["cases"]:
        roles = {p["key"]: p["role"] for p in case["people"]}
        assert len(roles) == len(case["people"])
        for record in case["records"]:
            assert set(record["people"]) <= set(roles)
            fields = record["fields"]
            if record["kind"] == "child_work":
                assert roles[fields["child"]] == "child"
                assert fields["child"] in record["people"]
            if record["kind"] == "partner_support":
                assert roles[fields["partner"]] == "partner"


def test_records_fall_within_their_case_and_ten_years(small: dict[str, Any]) -> None:
    years = set()
    for case, record in records(small):
        event = datetime.fromisoformat(record["event_at"])
        years.add(event.year)
        assert event.date() >= date.fromisoformat(case["opened"])
        if case["closed"]:
            assert event.date() <= date.fromisoformat(case["closed"])
        assert datetime.fromisoformat(record["written_at"]) > event
    assert min(years) == 2016 and max(years) == 2026
    assert {c["status"] for c in small["cases"]} == {"open", "closed"}


def test_attachments_are_valid_pngs_that_all_differ(small: dict[str, Any]) -> None:
    seen = set()
    for _, record in records(small):
        for attachment in record.get("attachments", []):
            assert attachment["media_type"] == "image/png"
            data = base64.b64decode(attachment["data_base64"])
            format_check.png_size(data)
            seen.add(hashlib.sha256(data).digest())
    assert len(seen) == 20


# =========================================================================== realism


def test_kinds_statuses_and_late_entries_have_realistic_shares(small: dict[str, Any]) -> None:
    pairs = records(small)
    kinds = Counter(r["kind"] for _, r in pairs)
    assert 0.45 <= kinds["session"] / 2_000 <= 0.55
    assert 0.20 <= kinds["child_work"] / 2_000 <= 0.30
    assert 0.20 <= kinds["partner_support"] / 2_000 <= 0.30
    final = sum(r["status"] == "final" for _, r in pairs) / 2_000
    assert 0.81 <= final <= 0.89
    late = sum(
        datetime.fromisoformat(r["written_at"]) - datetime.fromisoformat(r["event_at"])
        > timedelta(hours=24)
        for _, r in pairs
    )
    assert 0.03 <= late / 2_000 <= 0.07


def test_actions_tags_disclosures_and_addenda_appear(small: dict[str, Any]) -> None:
    pairs = records(small)
    actions = [a for _, r in pairs for a in r["fields"]["actions"]]
    assert len(actions) > 1_000
    assert any(a["due"] is None for a in actions)
    assert sum(bool(r["tags"]) for _, r in pairs) > 1_000
    disclosures = [r for _, r in pairs if r["kind"] == "child_work" and r["fields"]["disclosure"]]
    assert 3 <= len(disclosures) <= 20
    with_addenda = [r for _, r in pairs if r.get("addenda")]
    assert with_addenda
    assert all(r["status"] == "final" for r in with_addenda)


def test_notes_are_mostly_200_to_2000_words_with_a_few_very_long(small: dict[str, Any]) -> None:
    counts = [words(r) for _, r in records(small)]
    typical = sum(150 <= n <= 2_300 for n in counts) / len(counts)
    assert typical >= 0.95
    assert 300 <= statistics.median(counts) <= 1_200
    assert sum(n >= 8_000 for n in counts) >= 3


def test_partner_feelings_move_towards_acceptance_over_a_case(small: dict[str, Any]) -> None:
    order = {s: i for i, s in enumerate(format_check.FEELINGS_STAGES[:-1])}
    early, late = [], []
    for case in small["cases"]:
        stages = [
            order[r["fields"]["feelings_stage"]]
            for r in case["records"]
            if r["kind"] == "partner_support" and r["fields"]["feelings_stage"] != "other"
        ]
        half = len(stages) // 2
        early += stages[:half]
        late += stages[half:]
    assert statistics.mean(early) + 1.5 < statistics.mean(late)


def test_names_are_written_in_several_scripts(small: dict[str, Any]) -> None:
    names = " ".join(p["name"] for case in small["cases"] for p in case["people"])
    for script, pattern in {
        "Latin with diacritics": "[Łłąęśćżźńčřšžůáéíóúãçőüößăâîșț]",
        "Vietnamese": "[ạảãầấậẫẩằắặẵẳẹẻẽềếệễểỉịọỏồốộỗổờớợỡởụủừứựữửỳỵỷỹđĐơư]",
        "Cyrillic": "[\u0400-\u04ff]",
        "Greek": "[\u0370-\u03ff]",
        "Arabic": "[\u0600-\u06ff]",
    }.items():
        assert re.search(pattern, names), f"no {script} name"


def test_text_uses_a_realistic_vocabulary(small: dict[str, Any]) -> None:
    text = " ".join(format_check.all_text([r["fields"] for _, r in records(small)]))
    tokens = Counter(re.findall(r"\w+", text.casefold()))
    assert len(tokens) > 1_000
    for term in ("minimisation", "safeguarding", "wellbeing", "contact", "school"):
        assert tokens[term] > 50, term
    assert "lorem" not in tokens


# =========================================================================== queries


def test_there_are_200_distinct_queries_that_depend_only_on_the_seed() -> None:
    queries = generator.search_queries(1)
    assert len(queries) == 200 == len(set(queries))
    assert all(q == q.strip() and q for q in queries)
    assert generator.search_queries(1) == queries
    assert generator.search_queries(2) != queries
    assert tuple(queries) == generator.QUERIES


def test_queries_mix_prefixes_names_and_phrases() -> None:
    queries = generator.QUERIES
    assert sum(len(q) <= 3 for q in queries) >= 40
    assert {len(q) for q in queries if len(q) <= 3} == {1, 2, 3}
    assert sum(" " in q for q in queries) >= 30
    assert any(re.search("[\u0400-\u04ff]", q) for q in queries)
    assert any(re.search("[\u0600-\u06ff]", q) for q in queries)
    assert any(re.search("[\u0370-\u03ff]", q) for q in queries)


def test_most_queries_find_something_in_the_small_caseload(small: dict[str, Any]) -> None:
    vocabulary: set[str] = set()
    for text in format_check.all_text(small):
        vocabulary.update(w.strip(".,;:!?()\"'") for w in text.casefold().split())
    prefixes = {word[:n] for word in vocabulary for n in range(1, len(word) + 1)}

    def found(query: str) -> bool:
        """Every word of the query starts a word of the caseload, as when searching
        while typing."""
        return all(term.casefold() in prefixes for term in query.split())

    assert sum(map(found, generator.QUERIES)) >= 120
