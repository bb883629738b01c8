"""The content-keyed cache: keys follow every part and the code; unreadable entries are misses."""

from generator import cache


def test_keys_change_with_every_part_and_order(tmp_path):
    store = cache.Cache(tmp_path, "demo")
    assert store.key("a", "b") == store.key("a", "b")
    assert store.key("a", "b") != store.key("ab")  # parts are framed, not concatenated
    assert store.key("a", "b") != store.key("b", "a")
    assert store.key(b"x") == store.key("x")


def test_objects_and_bytes_round_trip_under_build_cache(tmp_path):
    store = cache.Cache(tmp_path, "demo")
    key = store.key("proposal text")
    assert store.get_object(key) is None
    store.put_object(key, {"total": 12_500, "lines": [1, 2]})
    assert store.get_object(key) == {"total": 12_500, "lines": [1, 2]}
    stored = store.put_bytes(key, b"PK\x03\x04", ".docx")
    assert stored.is_relative_to(tmp_path / "build" / "cache" / "demo")
    assert store.get_file(key, ".docx") == stored and store.get_bytes(key, ".docx") == b"PK\x03\x04"
    assert not list(stored.parent.glob("*.tmp"))


def test_a_torn_entry_is_a_miss(tmp_path):
    store = cache.Cache(tmp_path, "demo")
    key = store.key("x")
    store.put_bytes(key, b"\x80\x05not a whole pickle", ".pickle")
    assert store.get_object(key) is None


def test_the_code_fingerprint_follows_the_package_files(tmp_path, monkeypatch):
    package = tmp_path / "package"
    package.mkdir()
    module = package / "module.py"
    module.write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_PACKAGE", package)
    cache.code_fingerprint.cache_clear()
    before = cache.code_fingerprint()
    module.write_text("x = 22\n", encoding="utf-8")
    cache.code_fingerprint.cache_clear()
    try:
        assert cache.code_fingerprint() != before
    finally:
        cache.code_fingerprint.cache_clear()
