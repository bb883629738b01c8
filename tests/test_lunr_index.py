"""The search index built with the site (generator/lunr_index.py): lunr's index as Material's
worker would build it, packed with the documents for khrongkan's search worker.

The browser-side half (the same index as the real lunr builds, the worker answering from it) is
in tests/test_site_browser.py.
"""

from __future__ import annotations

import json
import math

import pytest

from generator import lunr_index

SEPARATOR = r'[\s\u200b\-_,:;!?=\[\]()"`/]+|\.(?!\d)|&(?:amp|lt|gt);'
CONFIG = {"lang": ["en"], "separator": SEPARATOR, "pipeline": ["stopWordFilter"],
          "fields": {"title": {"boost": 10}, "words": {"boost": 1}}}


def unpack(packed: dict) -> dict:
    """lunr's serialized index from the packed file, as search_worker.js unpacks it."""
    refs = [doc["location"] for doc in packed["docs"]]
    fields = packed["fields"]
    inverted = [[row[0], {"_index": row[1], **{name: {refs[n]: {} for n in row[2 + f]}
                                                for f, name in enumerate(fields)}}]
                for row in packed["terms"]]
    vectors = [[f"{fields[row[0]]}/{refs[row[1]]}", row[2]] for row in packed["vectors"]]
    return {"fields": fields, "fieldVectors": vectors, "invertedIndex": inverted}


def test_the_separator_reads_as_javascript_does():
    pattern = lunr_index.python_pattern(SEPARATOR)
    # JavaScript's \d is 0-9 only: a Thai digit after a full stop does not keep the words together
    assert pattern.split("มาตรา ๓.๕") == ["มาตรา", "๓", "๕"]
    assert pattern.split("1.5 ล้าน") == ["1.5", "ล้าน"]
    assert pattern.split("a\u200bb\u00a0c") == ["a", "b", "c"]  # zero-width and no-break spaces
    assert lunr_index.python_pattern(r"[\S]") is None  # a negated class inside a class: not promised
    assert lunr_index.python_pattern(r"\W+").fullmatch("ก") is not None  # JavaScript's \w is ASCII
    assert lunr_index.python_pattern("(") is None


def test_text_between_tags_as_material_extracts_it():
    assert lunr_index.text_sections("<p>ab</p>cd<br/>ef") == ["ab", "cd", "ef"]
    assert lunr_index.text_sections("a > b") == [" b"]  # Material's extract drops text before a lone ">"
    assert lunr_index.text_sections("") == []


def test_terms_are_lower_case_without_english_stop_words():
    pattern = lunr_index.python_pattern(SEPARATOR)
    assert lunr_index.terms("The Crab\u200bธนาคาร&amp;ปู of <b>Sawi</b>", pattern, lunr_index.STOP_WORDS) == \
        ["crab", "ธนาคาร", "ปู", "sawi"]
    assert lunr_index.terms(["a", "Tag"], pattern, frozenset()) == ["a", "tag"]
    assert lunr_index.terms(None, pattern, frozenset()) == []
    assert lunr_index.terms(3, pattern, frozenset()) is None


def test_scores_and_term_numbers_follow_lunr():
    docs = [{"location": "a/", "title": "ปู ปลา", "words": "ปู"}, {"location": "b/", "title": "ปู"}]
    built = lunr_index.build(docs, CONFIG)
    assert built["fields"] == ["title", "words"]
    # term numbers in order of first appearance, terms listed in sorted order
    assert [(term, posting["_index"]) for term, posting in built["invertedIndex"]] == [("ปลา", 1), ("ปู", 0)]
    postings = dict(built["invertedIndex"])
    assert postings["ปู"]["title"] == {"a/": {}, "b/": {}} and postings["ปู"]["words"] == {"a/": {}}
    vectors = dict(built["fieldVectors"])
    # BM25 with b = 0 and k1 = 1.2, lunr's idf (documents counted once per field), boosted, 3 decimals
    idf_crab = math.log(1 + abs((2 - 3 + 0.5) / (3 + 0.5)))
    idf_fish = math.log(1 + abs((2 - 1 + 0.5) / (1 + 0.5)))
    one = 2.2 / (1.2 + 1)
    assert vectors["title/a/"] == [0, round(idf_crab * one * 10, 3), 1, round(idf_fish * one * 10, 3)]
    assert vectors["words/a/"] == [0, round(idf_crab * one, 3)]
    assert vectors["words/b/"] == []  # lunr keeps an empty vector for a field a document lacks
    assert built["pipeline"] == [] and built["indexPipeline"] == ["stopWordFilter"]


def test_halves_round_up_as_in_javascript():
    assert 0.0125 * 1000 == 12.5  # exactly half-way
    assert lunr_index._round3(0.0125) == 0.013  # Math.round; Python's round() would give 0.012
    assert lunr_index._round3(1.23449) == 1.234 and lunr_index._round3(7.0) == 7.0


def test_terms_sort_in_javascript_order():
    docs = [{"location": "a/", "title": "\uffff \U0001F600 z"}]
    terms = [term for term, _ in lunr_index.build(docs, CONFIG)["invertedIndex"]]
    assert terms == ["z", "\U0001F600", "\uffff"]  # UTF-16: a surrogate pair sorts below U+FFFF


@pytest.mark.parametrize("change", [
    {"lang": ["th"]},
    {"pipeline": ["stopWordFilter", "stemmer"]},
    {"pipeline": ["trimmer"]},
    {"fields": {}},
    {"separator": "("},
])
def test_what_it_cannot_promise_is_left_to_the_browser(change):
    assert lunr_index.build([{"location": "a/", "title": "x"}], {**CONFIG, **change}) is None


def test_a_field_that_is_not_text_is_left_to_the_browser():
    assert lunr_index.build([{"location": "a/", "title": 5}], CONFIG) is None
    assert lunr_index.build([{"title": "x"}], CONFIG) is None


def material_site(tmp_path, docs):
    site = tmp_path / "site"
    workers = site / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.1234abcd.min.js").write_text("/* Material */ self.lunr = {};\n", encoding="utf-8")
    (site / "search").mkdir()
    return site, {"config": json.loads(json.dumps(CONFIG)), "docs": docs}


def test_prebuild_packs_documents_and_index_and_installs_the_worker(tmp_path):
    docs = [{"location": "a/", "title": "ปู ปลา", "text": "<p>ปลา</p>", "words": "ปลา", "thai": "ปู"},
            {"location": "b/", "title": "ปู", "text": ""}]
    site, index = material_site(tmp_path, [dict(doc) for doc in docs])
    built = lunr_index.build(docs, CONFIG)
    shown = [{name: value for name, value in doc.items() if name not in ("words", "thai")} for doc in docs]
    path = lunr_index.prebuild(site, index, shown)
    assert path == site / "search" / "lunr_index.json"
    packed = json.loads(path.read_text(encoding="utf-8"))
    assert packed["format"] == lunr_index.FORMAT and packed["config"] == CONFIG
    assert packed["docs"] == [{"location": "a/", "title": "ปู ปลา", "text": "<p>ปลา</p>"},
                              {"location": "b/", "title": "ปู", "text": ""}]
    unpacked = unpack(packed)
    assert unpacked["invertedIndex"] == built["invertedIndex"]
    assert unpacked["fieldVectors"] == built["fieldVectors"]
    # the page's own download holds no documents, and says where they are
    assert index["docs"] == [] and index["khrongkan_index"] == "lunr_index.json"
    assert lunr_index.documents(site) == packed["docs"]

    workers = site / "assets" / "javascripts" / "workers"
    worker = (workers / "search.1234abcd.min.js").read_text(encoding="utf-8")
    assert worker.startswith(lunr_index.WORKER_MARK)
    assert 'importScripts("search.1234abcd.material.js")' in worker and "__MATERIAL_WORKER__" not in worker
    assert (workers / "search.1234abcd.material.js").read_text(encoding="utf-8").startswith("/* Material */")
    assert lunr_index.install_worker(site) == workers / "search.1234abcd.min.js"  # once is enough
    assert (workers / "search.1234abcd.material.js").read_text(encoding="utf-8").startswith("/* Material */")


def test_without_material_worker_the_index_is_left_as_it_was(tmp_path):
    docs = [{"location": "a/", "title": "ปู", "words": "ปู"}]
    site, index = material_site(tmp_path, [dict(doc) for doc in docs])
    (site / "assets" / "javascripts" / "workers" / "search.1234abcd.min.js").unlink()
    assert lunr_index.prebuild(site, index, [{"location": "a/", "title": "ปู"}]) is None
    assert index["docs"] == docs and "khrongkan_index" not in index
    assert not (site / "search" / "lunr_index.json").exists()


def test_stop_words_are_those_of_materials_lunr():
    """Material's worker filters these words out of what it indexes; the list must be the same."""
    import re
    from pathlib import Path

    import material

    workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    source = next(workers.glob("search.*.min.js")).read_text(encoding="utf-8")
    listed = re.search(r"generateStopWordFilter\((\[[^\]]*\])\)", source)
    assert listed is not None and frozenset(json.loads(listed.group(1))) == lunr_index.STOP_WORDS
