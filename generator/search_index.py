"""Thai search: rewrite the site's search index so that Thai words inside sentences are found.

Thai is written without spaces between words. Material's search (lunr) splits text on the
separator of mkdocs.yml, so a Thai sentence is one long "word" and a word inside it is never
found. After MkDocs has written build/site/search/search_index.json, this module:

- cuts every run of Thai letters in each entry's title and text into words with PyThaiNLP's
  `newmm` (offline; its dictionary plus the repository's district, sub-district and issue
  names) and joins them with zero-width spaces (U+200B). The separator in mkdocs.yml counts
  U+200B as a word break, and a zero-width space is invisible, so search results show the
  text exactly as written;
- adds a field `thai` listing the other dictionary words of the entry's Thai text, where a
  different cut would put a word, so a word is found even where `newmm` cut the sentence
  otherwise (e.g. "สวี" in "ตำบลด่านสวี", or "โครงการ" in "โครง|การบ้าน|มั่นคง");
- indexes a field `words` instead of `text`: the words of the text, each once (`unique_words`).
  `text` stays in the entry as the result's teaser, exactly as written. The browser's index
  build pays for every word of an entry, repeated or not, and a proposal's objectives and
  activity names repeat "ตำบล", "และ", "กองทุน"... (a third of its words), so the first query
  is answered sooner; the price is that a word found in the text is not highlighted in the teaser.

generator/lunr_index.py then builds the lunr index from these entries, as Material's search
worker would in the browser, and writes it with them to search/lunr_index.json.

The browser does the same to the query (site/assets/thai-search.js): it cuts the query into
words from this index's own vocabulary, which is written beside the index
(search/vocabulary.json, `VOCABULARY`) so the page need not download and parse the whole
index a second time to learn it.

The browser loads the whole index before it answers the first query, so the index holds what
reviewers search and little else (issue 12: 35 KB per proposal made the first query take 13 s
at 1,000 proposals): a proposal page keeps only its top entry (`lean_entries`; the page
template puts the searchable fields there and marks the rest data-search-exclude), lists that
grow with the number of proposals are excluded by their templates, and the `thai` field leaves
out words that begin a longer word of the entry (`without_prefixes`).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from . import lunr_index
from .cache import digest
from .files import write_atomic

ZWSP = "\u200b"
THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")
EXTRA_FIELD = "thai"
EXTRA_BOOST = 0.5  # a word only found by the dictionary scan ranks below one in the text
WORDS_FIELD = "words"  # the text's words, each once: indexed in place of `text`
VOCABULARY = "vocabulary.json"  # beside search_index.json: the Thai words thai-search.js cuts queries with
TAG = re.compile(r"<[^>]*>")
LETTER_OR_DIGIT = re.compile(r"[^\W_]")
FORMAT = "2"  # of the rewritten entries kept in the cache
MIN_WORD = 2
PROPOSAL_SECTION = re.compile(r"(?:^|/)proposals/[^/#]+/#")  # a section of a proposal's page


@lru_cache(maxsize=8)
def _dictionary(extra: frozenset[str]):
    from pythainlp.corpus import thai_words
    from pythainlp.util import dict_trie

    return dict_trie(set(thai_words()) | {w for w in extra if THAI_RUN.fullmatch(w)})


def dictionary(extra_words: Iterable[str] = ()):
    return _dictionary(frozenset(w.strip() for w in extra_words if w and w.strip()))


def cut(run: str, trie) -> list[str]:
    """Thai words of one run of Thai letters (newmm, offline)."""
    from pythainlp.tokenize import word_tokenize

    return [w for w in word_tokenize(run, engine="newmm", custom_dict=trie, keep_whitespace=False) if w.strip()]


def segment(text: str, trie, words: set[str] | None = None,
            cache: dict[str, tuple[list[str], set[str] | None]] | None = None) -> str:
    """The text with its Thai words separated by zero-width spaces (nothing visible changes).

    When `words` is given, the dictionary words found elsewhere in each Thai run (see
    `other_words`) are added to it. `cache` keeps each run's cut between calls: the same
    sentences stand in a page's entry and again in its sections' entries.
    """
    cache = {} if cache is None else cache

    def replace(match: re.Match) -> str:
        run = match.group(0)
        if run not in cache:
            cache[run] = (cut(run, trie), None)
        tokens, others = cache[run]
        if words is not None:
            if others is None:  # found only when asked for
                others = other_words(run, tokens, trie)
                cache[run] = (tokens, others)
            words.update(others)
        return ZWSP + ZWSP.join(tokens) + ZWSP

    segmented = THAI_RUN.sub(replace, text.replace(ZWSP, ""))
    # One zero-width space at most between two characters, none at the ends.
    return re.sub(f"{ZWSP}+", ZWSP, segmented).strip(ZWSP)


def other_words(run: str, tokens: list[str], trie) -> set[str]:
    """Dictionary words in a Thai run besides its tokens, where another cut would put a word.

    A word counts when it starts and ends on character-cluster boundaries and both the text
    before it and the text after it can be cut into dictionary words from some token
    boundary: "ด่าน" and "สวี" in "ด่านสวี", "โครงการ" in "โครง|การบ้าน"; fragments such as
    "แล้" (of "แล้ว") are left out.
    """
    from pythainlp.tokenize.tcc import tcc_pos

    size = len(run)
    boundaries = {0, size}
    position = 0
    for token in tokens:
        position += len(token)
        boundaries.add(position)
    ends = set(tcc_pos(run)) | {size}
    found = [(start, start + len(word)) for start in sorted({0} | ends) for word in trie.prefixes(run[start:])
             if len(word) >= MIN_WORD and start + len(word) in ends]
    forward = set(boundaries)
    for start, end in sorted(found):
        if start in forward:
            forward.add(end)
    backward = set(boundaries)
    for start, end in sorted(found, key=lambda span: span[1], reverse=True):
        if end in backward:
            backward.add(start)
    return {run[start:end] for start, end in found if start in forward and end in backward} - set(tokens)


def rewrite_index(site_dir: Path, extra_words: Iterable[str] = (), privacy=None, *, cache=None) -> Path | None:
    """Segment build/site/search/search_index.json in place and build its lunr index
    (`lunr_index.prebuild`: the entries then move to search/lunr_index.json); None when the
    site has no search.

    With `privacy` (privacy.Privacy), personal numbers are masked once more: the pages are
    masked already, but the index joins table cells and lines that a page keeps apart. With
    `cache` (a generator.cache.Cache), each entry's rewritten fields are kept by the digest of its
    title and text, so a rebuild segments only the entries of pages that changed.
    """
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return None
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = lean_entries(index.get("docs") or [])
    config = index.setdefault("config", {})
    separator = _separator(config.get("separator"))
    words = sorted({w.strip() for w in extra_words if w and w.strip()})
    key = (cache.key("search-index", FORMAT, _segmenter_version(), repr(privacy), separator.pattern, *words)
           if cache is not None else None)
    known = (cache.get_object(key) if cache is not None else None) or {}
    kept: dict[str, tuple] = {}
    todo: list[tuple[dict, str]] = []
    for doc in docs:
        entry = _entry_digest(doc)
        done = known.get(entry)
        if done is None:
            todo.append((doc, entry))
        else:
            _apply(doc, done)
            kept[entry] = done
    if todo:
        fresh = [doc for doc, _ in todo]
        if privacy is not None:
            for doc in fresh:
                for name in ("title", "text"):
                    if isinstance(doc.get(name), str):
                        doc[name] = privacy.redact(doc[name])
        rewrite_entries(fresh, dictionary(words))
        for doc in fresh:
            if isinstance(doc.get("text"), str):
                doc[WORDS_FIELD] = " ".join(unique_words(doc["text"], separator))
        for doc, entry in todo:
            kept[entry] = (doc.get("title"), doc.get("text"), doc.get(EXTRA_FIELD), doc.get(WORDS_FIELD))
    if cache is not None and (todo or kept.keys() != known.keys()):
        cache.put_object(key, kept)  # only the entries of this build: removed pages drop out
    index["docs"] = docs
    fields = config.setdefault("fields", {})
    fields.setdefault("title", {"boost": 1000.0})
    text = fields.pop("text", None) or {"boost": 1.0}
    fields[WORDS_FIELD] = text  # what was the text's weight
    fields[EXTRA_FIELD] = {"boost": EXTRA_BOOST}
    vocabulary = path.with_name(VOCABULARY)
    write_atomic(vocabulary, json.dumps(thai_vocabulary(docs), ensure_ascii=False, separators=(",", ":")))
    vocabulary.chmod(0o644)
    lunr_index.prebuild(site_dir, index, [shown(doc) for doc in docs])
    write_atomic(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")))
    path.chmod(0o644)  # readable by a web server, like the files MkDocs wrote
    return path


def shown(doc: dict) -> dict:
    """An entry as a search result shows it: the teaser text exactly as written (its zero-width
    spaces served only to find its words), without the fields only the index needs."""
    kept = {name: value for name, value in doc.items() if name not in (WORDS_FIELD, EXTRA_FIELD)}
    if isinstance(kept.get("text"), str):
        kept["text"] = kept["text"].replace(ZWSP, "")
    return kept


def _segmenter_version() -> str:
    """PyThaiNLP's version: its dictionary and cutter decide the words."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pythainlp")
    except PackageNotFoundError:
        return ""


def _entry_digest(doc: dict) -> str:
    """Of what the rewrite reads in an entry: its title and text as MkDocs wrote them."""
    return digest(repr(doc.get("title")), repr(doc.get("text")))


def _apply(doc: dict, done: tuple) -> None:
    title, text, extra, words = done
    for name, value in (("title", title), ("text", text)):
        if value is not None or name in doc:
            doc[name] = value
    if extra is not None:
        doc[EXTRA_FIELD] = extra
    if words is not None:
        doc[WORDS_FIELD] = words


def _separator(pattern: str | None) -> re.Pattern:
    """The search separator of mkdocs.yml (a JavaScript regular expression) for Python. One that
    Python cannot read falls back to blanks and zero-width spaces: lunr splits `words` again with
    the real one, so every word is still found; a repeated one may only be indexed twice."""
    try:
        return re.compile(pattern or r"[\s\u200b\-]+")
    except re.error:
        return re.compile(r"[\s\u200b]+")


def unique_words(text: str, separator: re.Pattern) -> list[str]:
    """The words lunr would index in `text`, lower-cased, each once, in order of appearance.

    Material's tokenizer reads only the text between HTML tags and splits it on the search
    separator of mkdocs.yml (which counts the zero-width space); a piece without a letter or
    digit (a "·" between names) is never searched for.
    """
    pieces = (piece.lower() for piece in separator.split(TAG.sub(" ", text)) if piece)
    return list(dict.fromkeys(piece for piece in pieces if LETTER_OR_DIGIT.search(piece)))


def thai_vocabulary(docs: list[dict]) -> list[str]:
    """Every Thai word the index holds (title, words, thai fields), sorted: thai-search.js cuts
    a query into these, so a query's words are the index's words."""
    found: set[str] = set()
    for doc in docs:
        for name in ("title", WORDS_FIELD, EXTRA_FIELD):
            value = doc.get(name)
            if isinstance(value, str):
                found.update(THAI_RUN.findall(value))
    return sorted(found)


def lean_entries(docs: list[dict]) -> list[dict]:
    """The entries worth searching: a proposal page is found by its top entry alone.

    Material indexes every heading's section as an entry of its own. A proposal page's top
    entry holds what reviewers search for (title, organization, places, issue, objectives,
    activity names: templates/site/proposal.md.j2); its sections (rationale, budget tables,
    reports...) would make the index about 20 times bigger, and the browser builds the whole
    index before the first query is answered.
    """
    return [doc for doc in docs if not PROPOSAL_SECTION.search(str(doc.get("location", "")))]


def rewrite_entries(docs: list[dict], trie) -> list[dict]:
    cache: dict[str, tuple[list[str], set[str] | None]] = {}
    for doc in docs:
        found: set[str] = set()
        tokens: set[str] = set()
        for name in ("title", "text"):
            value = doc.get(name)
            if isinstance(value, str) and THAI_RUN.search(value):
                doc[name] = segment(value, trie, found, cache)
                tokens.update(t for t in doc[name].split(ZWSP) if THAI_RUN.fullmatch(t))
        extra = without_prefixes(found - tokens, tokens)
        if extra:
            doc[EXTRA_FIELD] = " ".join(extra)
    return docs


def without_prefixes(words: set[str], tokens: set[str]) -> list[str]:
    """The words that do not begin a longer token or word of the same entry, sorted.

    The browser searches every word as a prefix ("+word*"), so such a word is found through
    the longer one; leaving it out keeps the index, and the time the browser spends building
    it, small.
    """
    everything = sorted(words | tokens)
    longer = {word for word, following in zip(everything, everything[1:]) if following.startswith(word)}
    return sorted(words - longer)


def reference_words(repository) -> list[str]:
    """Names the dictionary should know as whole words: districts, sub-districts, issues."""
    words = list(repository.issues)
    if repository.areas is not None:
        words.append(repository.areas.province)
        for district in repository.areas.districts:
            words.append(district.name)
            words.extend(district.subdistricts)
    return [w for w in words if w]
