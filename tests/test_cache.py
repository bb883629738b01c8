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


def test_the_code_fingerprint_sees_subfolders_and_skips_bytecode_and_other_files(tmp_path, monkeypatch):
    package = tmp_path / "package"
    (package / "sub" / "__pycache__").mkdir(parents=True)
    schema = package / "sub" / "schema.yaml"
    schema.write_text("a: 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_PACKAGE", package)

    def fingerprint():
        cache.code_fingerprint.cache_clear()
        try:
            return cache.code_fingerprint()
        finally:
            cache.code_fingerprint.cache_clear()

    before = fingerprint()
    (package / "sub" / "__pycache__" / "schema.py").write_text("x = 1\n", encoding="utf-8")
    (package / "notes.txt").write_text("not code\n", encoding="utf-8")
    assert fingerprint() == before
    schema.write_text("a: 22\n", encoding="utf-8")
    assert fingerprint() != before


def test_a_pack_entry_is_fresh_only_under_its_stamp_and_then_kept(tmp_path):
    pack = cache.Pack(tmp_path, "demo", "layout-1")
    pack.put("a.yaml", "key-a", {"x": 1}, (10, 20))
    pack.put("b.yaml", "key-b", {"x": 2}, (30, 40))
    assert pack.save()

    again = cache.Pack(tmp_path, "demo", "layout-1")
    assert again.fresh("a.yaml", (10, 21)) is None  # another stamp: the caller hashes the bytes
    assert again.fresh("a.yaml", (10, 20)) == ("key-a", {"x": 1}, (10, 20))
    assert not again.changed(complete=False)
    assert again.save()  # a whole run that asked for a.yaml alone drops b.yaml
    last = cache.Pack(tmp_path, "demo", "layout-1")
    assert last.get("a.yaml", "key-a") == {"x": 1} and last.get("b.yaml", "key-b") is None
    assert cache.Pack(tmp_path, "demo", "layout-2").fresh("a.yaml", (10, 20)) is None  # another layout
