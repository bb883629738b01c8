"""The review site's search index, built when the site is built instead of in every browser.

Material's search worker builds a lunr index from search/search_index.json each time a page
opens, and answers no query before that is done. At 1,000 proposals the build took most of the
first Thai query's time (0.6-0.9 s of 1.2 s on a desktop, more on a phone), almost all of it in
lunr's `Builder.add` for the index's 110,000 words. This module does that work once, at site
build time (`build` gives lunr's own serialized form, `lunr.Index.toJSON`), and writes it with
the documents, packed (`pack`), to search/lunr_index.json (`prebuild`). generator/search_worker.js,
installed in front of Material's worker (`install_worker`), loads it with `lunr.Index.load` and
hands it to Material's search, which then queries, ranks and highlights as it always does.

To give the same index as the browser would, this follows lunr 2.3.9 and Material 9's search:
Material's tokenizer (text between HTML tags, split on the separator of mkdocs.yml, lower-cased),
lunr's English stop-word filter, the builder's term indexes in order of first appearance, and its
BM25 scores with Material's b = 0, rounded to three decimals like lunr does. A browser test builds
the same documents with the real lunr and compares the two indexes whole
(tests/test_site_browser.py). Word positions, which Material uses only to highlight a match, are
left to the worker: it runs Material's tokenizer on the titles, the one indexed field a result
shows (`words` and `thai` are not shown, so the documents no longer carry them).

Anything this cannot reproduce (another language, the stemmer or trimmer in the pipeline, a
field that is not text) gives None, and the site keeps the index the browser builds.
"""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

from .files import write_atomic

FILE = "lunr_index.json"  # beside search/search_index.json
LUNR_VERSION = "2.3.9"  # of the lunr inside Material 9's search worker
K1 = 1.2  # lunr's default
B = 0  # Material sets this.b(0): a long page does not rank lower for its length
STOP_WORD_FILTER = "stopWordFilter"
FORMAT = 1  # of FILE, read by search_worker.js
FILE_KEY = "khrongkan_index"  # in search_index.json: where the documents and their index are
WORKER_GLOB = "search.*.min.js"  # Material's search worker, in assets/javascripts/workers/
WORKER_SOURCE = Path(__file__).with_name("search_worker.js")
WORKER_MARK = "/* khrongkan search worker */"
MATERIAL_NAME = "__MATERIAL_WORKER__"

# lunr.stopWordFilter of lunr 2.3.9, word for word (a test compares it with Material's copy).
STOP_WORDS = frozenset("""
a able about across after all almost also am among an and any are as at be because been but by
can cannot could dear did do does either else ever every for from get got had has have he her
hers him his how however i if in into is it its just least let like likely may me might most
must my neither no nor not of off often on only or other our own rather said say says she should
since so some than that the their them then there these they this tis to too twas us wants was
we were what when where which while who whom why will with would yet you your
""".split())

# JavaScript's \s, \d and \w, for reading the separator (a JavaScript pattern) in Python, whose
# \s and \d would also match other Unicode spaces and Thai digits.
_JS_CLASSES = {
    "s": "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff",
    "d": "0-9",
    "w": "A-Za-z0-9_",
}


def python_pattern(pattern: str) -> re.Pattern | None:
    """A JavaScript regular expression (the search separator) as Python reads it the same way.

    \\s, \\d and \\w mean JavaScript's sets; their negations outside a character class become
    negated sets. None when Python cannot read it, or it uses a negation inside a class.
    """
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            letter = pattern[index + 1]
            if letter in _JS_CLASSES:
                out.append(_JS_CLASSES[letter] if in_class else f"[{_JS_CLASSES[letter]}]")
            elif letter.lower() in _JS_CLASSES and letter.isupper():
                if in_class:
                    return None
                out.append(f"[^{_JS_CLASSES[letter.lower()]}]")
            else:
                out.append(pattern[index:index + 2])
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        index += 1
    try:
        return re.compile("".join(out))
    except re.error:
        return None


def text_sections(value: str) -> list[str]:
    """The text between HTML tags, as Material's `extract` cuts it (its quirks included)."""
    sections = []
    start = end = 0
    while end < len(value):
        char = value[end]
        if char == "<" and end > start:
            sections.append(value[start:end])
            start = end
        elif char == ">":
            start = end + 1  # a tag ends (whatever came since the last section began was one)
        end += 1
    if end > start:
        sections.append(value[start:end])
    return sections


def terms(value, separator: re.Pattern, stop_words: frozenset[str]) -> list[str] | None:
    """The terms lunr indexes for one field's value, in order; None for a value Material's
    tokenizer would not read as text."""
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    found: list[str] = []
    for item in values:
        if not isinstance(item, str):
            return None
        for section in text_sections(item):
            position = 0
            for match in separator.finditer(section):
                if position < match.start():
                    found.append(section[position:match.start()].lower())
                position = match.end()
            if position < len(section):
                found.append(section[position:].lower())
    return [term for term in found if term not in stop_words]


def build(docs: list[dict], config: dict) -> dict | None:
    """lunr's serialized index of `docs` as Material's worker would build it; None when this
    module cannot promise the same index (see the module's docstring)."""
    lang = config.get("lang") or ["en"]
    pipeline = config.get("pipeline") or []
    fields = config.get("fields") or {}
    separator = python_pattern(config.get("separator") or r"[\s\-]+")
    if lang != ["en"] or set(pipeline) - {STOP_WORD_FILTER} or not fields or separator is None:
        return None
    stop_words = STOP_WORDS if STOP_WORD_FILTER in pipeline else frozenset()
    names = list(fields)
    boosts = {name: (spec or {}).get("boost") or 1 for name, spec in fields.items()}

    document_boosts: dict[str, float] = {}
    frequencies: dict[tuple[str, str], dict[str, int]] = {}
    lengths: dict[tuple[str, str], int] = {}
    postings: dict[str, tuple[int, dict[str, dict[str, None]]]] = {}
    count = 0
    for doc in docs:
        ref = doc.get("location")
        if not isinstance(ref, str):
            return None
        document_boosts[ref] = doc.get("boost") or 1
        count += 1
        for name in names:
            found = terms(doc.get(name), separator, stop_words)
            if found is None:
                return None
            counts: dict[str, int] = {}
            for term in found:
                counts[term] = counts.get(term, 0) + 1
                posting = postings.get(term)
                if posting is None:
                    posting = postings[term] = (len(postings), {field: {} for field in names})
                posting[1][name][ref] = None
            frequencies[(name, ref)] = counts
            lengths[(name, ref)] = len(found)

    average = _average_lengths(lengths)
    idf: dict[str, float] = {}
    vectors = []
    for (name, ref), counts in frequencies.items():
        elements = []
        for term, frequency in counts.items():
            index, per_field = postings[term]
            if term not in idf:
                idf[term] = _idf(sum(len(refs) for refs in per_field.values()), count)
            score = idf[term] * ((K1 + 1) * frequency) / (
                K1 * (1 - B + B * (lengths[(name, ref)] / average[name])) + frequency)
            elements.append((index, _round3(score * boosts[name] * document_boosts[ref])))
        elements.sort()
        vectors.append([f"{name}/{ref}", [number for pair in elements for number in pair]])

    inverted = [[term, {"_index": index, **{name: {ref: {} for ref in refs} for name, refs in per_field.items()}}]
                for term, (index, per_field) in sorted(postings.items(), key=_utf16_order)]
    return {
        "version": LUNR_VERSION,
        "fields": names,
        "fieldVectors": vectors,
        "invertedIndex": inverted,
        "pipeline": [],  # Material leaves the query pipeline empty when the stemmer is left out
        "indexPipeline": [STOP_WORD_FILTER] if stop_words else [],  # not lunr's: what the scores assume
    }


def _average_lengths(lengths: dict[tuple[str, str], int]) -> dict[str, float]:
    totals: dict[str, list[int]] = {}
    for (name, _), length in lengths.items():
        total = totals.setdefault(name, [0, 0])
        total[0] += length
        total[1] += 1
    return {name: total / fields for name, (total, fields) in totals.items()}


def _idf(documents_with_term: int, documents: int) -> float:
    x = (documents - documents_with_term + 0.5) / (documents_with_term + 0.5)
    return math.log(1 + abs(x))


def _round3(score: float) -> float:
    """JavaScript's Math.round(score * 1000) / 1000: halves round up, not to even."""
    scaled = score * 1000
    whole = math.floor(scaled)
    return (whole + 1 if scaled - whole >= 0.5 else whole) / 1000


def _utf16_order(item) -> bytes:
    """JavaScript sorts strings by UTF-16 code units; lunr loads the terms in that order."""
    return item[0].encode("utf-16-be")


def prebuild(site_dir: Path, index: dict, shown: list[dict]) -> Path | None:
    """Write search/lunr_index.json from `index` (search_index.json's content) and install the
    worker that reads it; `index` is left holding only its configuration.

    The file holds everything the worker needs, from one build: the configuration, the
    documents as results show them (`shown`, one for each of the index's documents, without the
    fields only the index needs) and the lunr index in a compact form (`pack`). So the page's own
    download of search_index.json is a few hundred bytes, and the first query no longer waits for
    the page to download, parse and copy the documents to the worker while it is busy laying
    itself out. None, and `index` unchanged, when `build` cannot promise the browser's index or
    the site has no Material search worker to stand in front of.
    """
    docs = index.get("docs") or []
    config = index.get("config") or {}
    if len(shown) != len(docs):
        raise ValueError("one shown document for each document of the index")
    built = build(docs, config)
    if built is None or install_worker(site_dir) is None:
        return None
    packed = {"format": FORMAT, "config": config, "docs": shown, **pack(built, docs)}
    path = Path(site_dir) / "search" / FILE
    write_atomic(path, json.dumps(packed, ensure_ascii=False, separators=(",", ":")))
    path.chmod(0o644)
    index["docs"] = []  # Material's page sends the worker none; the worker reads them from FILE
    index[FILE_KEY] = FILE
    return path


def pack(built: dict, docs: list[dict]) -> dict:
    """lunr's serialized index (`build`) with documents named by their number in `docs`.

    lunr writes each document's address once per word it holds (110,000 times at 1,000
    proposals, two thirds of the file); search_worker.js turns the numbers back into addresses.
    `terms`: [term, lunr's term index, [document numbers] for each field]; `vectors`: [field
    number, document number, lunr's vector]. The index pipeline is the one the scores assume.
    """
    fields = built["fields"]
    number = {}
    for position, doc in enumerate(docs):
        number.setdefault(doc["location"], position)
    terms = [[term, posting["_index"], *([number[ref] for ref in posting[name]] for name in fields)]
             for term, posting in built["invertedIndex"]]
    field_number = {name: position for position, name in enumerate(fields)}
    vectors = []
    for field_ref, elements in built["fieldVectors"]:
        name, ref = field_ref.split("/", 1)
        vectors.append([field_number[name], number[ref], elements])
    return {"fields": fields, "terms": terms, "vectors": vectors, "indexPipeline": built["indexPipeline"]}


def install_worker(site_dir: Path) -> Path | None:
    """Put khrongkan's search worker where the pages look for Material's, and keep Material's
    beside it (search.<hash>.material.js) for the khrongkan worker to load; None when the site
    has no Material search worker."""
    workers = Path(site_dir) / "assets" / "javascripts" / "workers"
    found = sorted(workers.glob(WORKER_GLOB)) if workers.is_dir() else []
    if len(found) != 1:
        return None
    worker = found[0]
    if worker.read_text(encoding="utf-8").startswith(WORKER_MARK):
        return worker  # installed already
    material = worker.with_name(worker.name[:-len(".min.js")] + ".material.js")
    shutil.copyfile(worker, material)
    source = WORKER_SOURCE.read_text(encoding="utf-8").replace(MATERIAL_NAME, material.name)
    write_atomic(worker, source)
    worker.chmod(0o644)
    material.chmod(0o644)
    return worker


def documents(site_dir: Path) -> list[dict]:
    """The documents a built site's search finds and shows: those of search/lunr_index.json, or
    of search/search_index.json for a site without it."""
    search = Path(site_dir) / "search"
    packed = search / FILE
    source = packed if packed.is_file() else search / "search_index.json"
    return json.loads(source.read_text(encoding="utf-8")).get("docs") or []

