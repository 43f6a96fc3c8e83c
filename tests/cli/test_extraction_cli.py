"""`zonemap extract`, `ingest` and `eval` through click's CliRunner: the JSON they print, and a
clear one-line message (never a traceback) for every kind of bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from geodata.cli import main

EN = "QAMISHLI (North Press) – The Asayish besieged the security square in Hasakah on Tuesday.\n"
AR = "طالبت قسد السلطات السورية بفك الحصار عن حي الشيخ مقصود بمدينة حلب.\n"


@pytest.fixture
def runner():
    return CliRunner()


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_extract__prints_one_json_object(runner, tmp_path):
    path = write(tmp_path, "a.txt", EN.encode())
    res = runner.invoke(main, ["extract", str(path), "--published", "2021-01-20", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["lang"] == "en"
    ev = [e for e in out["events"] if e["type"] == "blockade"]
    assert ev and ev[0]["place"] == "hasakah-security-square"
    assert EN[ev[0]["start"] : ev[0]["end"]] == ev[0]["evidence"]
    assert ev[0]["date"] == "2021-01-19"  # "on Tuesday": the Tuesday before the report's day
    for p in out["places"]:
        assert EN[p["start"] : p["end"]] == p["mention"]


def test_extract__arabic_auto_and_summary(runner, tmp_path):
    path = write(tmp_path, "a.txt", AR.encode())
    res = runner.invoke(main, ["extract", str(path), "--summary"])
    assert res.exit_code == 0, res.output
    assert "language: ar" in res.output and "demand" in res.output


def test_extract__crlf_and_bom_are_read(runner, tmp_path):
    path = write(tmp_path, "a.txt", b"\xef\xbb\xbf" + AR.replace("\n", "\r\n").encode())
    res = runner.invoke(main, ["extract", str(path)])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["lang"] == "ar"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n", "empty"),
        ("binary.bin", bytes(range(256)) * 4, "binary"),
        ("cp1256.txt", "طالبت قسد بفك الحصار".encode("cp1256"), "not UTF-8"),
        ("huge.txt", b"a" * (10 * 1024 * 1024), "at most"),
    ],
)
def test_extract__bad_file_gets_one_clear_line(runner, tmp_path, name, data, message):
    path = write(tmp_path, name, data)
    res = runner.invoke(main, ["extract", str(path)])
    assert res.exit_code == 1
    assert message in res.output
    assert "Traceback" not in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert len(res.output.strip().splitlines()) == 1


def test_extract__missing_file_and_directory(runner, tmp_path):
    res = runner.invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert res.exit_code == 1 and "no such file" in res.output
    res = runner.invoke(main, ["extract", str(tmp_path)])
    assert res.exit_code == 1 and "is a directory" in res.output


def test_extract__bad_options(runner, tmp_path):
    path = write(tmp_path, "a.txt", EN.encode())
    res = runner.invoke(main, ["extract", str(path), "--published", "20 Jan 2021"])
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.output
    res = runner.invoke(main, ["extract", str(path), "--lang", "fr"])
    assert res.exit_code == 2 and "'fr'" in res.output


def _labelled(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    doc = {
        "id": "own-en",
        "lang": "en",
        "published": "2021-01-20",
        "text": EN,
        "places": [
            {
                "mention": "security square",
                "canonical_en": "Hasakah security square",
                "approx_lat": 36.5,
                "approx_lon": 40.75,
                "coord_confidence": "approx",
            },
            {
                "mention": "Hasakah",
                "canonical_en": "Hasakah",
                "approx_lat": 36.5,
                "approx_lon": 40.75,
                "coord_confidence": "high",
            },
            {
                "mention": "QAMISHLI",
                "canonical_en": "Qamishli",
                "approx_lat": 37.05,
                "approx_lon": 41.23,
                "coord_confidence": "high",
            },
        ],
        "events": [
            {
                "type": "blockade",
                "actor": "Asayish",
                "target": None,
                "place": "Hasakah security square",
                "evidence": "The Asayish besieged the security square in Hasakah",
            }
        ],
    }
    (corpus / "own-en.json").write_text(json.dumps(doc), encoding="utf-8")
    return corpus


def test_eval__prints_figures_per_language(runner, tmp_path):
    res = runner.invoke(main, ["eval", str(_labelled(tmp_path))])
    assert res.exit_code == 0, res.output
    assert "en   places" in res.output and "en   events" in res.output
    assert "actors" in res.output and "historical" in res.output


def test_eval__json_and_misses(runner, tmp_path):
    res = runner.invoke(main, ["eval", str(_labelled(tmp_path)), "--json", "--misses"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["scores"]["en"]["events"]["f1"] == 1.0
    assert out["scores"]["en"]["places"]["f1"] == 1.0
    assert out["scores"]["en"]["by"]["events"]["blockade"]["tp"] == 1
    items = [i for causes in out["misses"].values() for found in causes.values() for i in found]
    assert all(i.startswith("own-en: ") for i in items)  # grouped by kind, then cause


def test_eval__markdown_and_misses_by_cause(runner, tmp_path):
    corpus = _labelled(tmp_path)
    res = runner.invoke(main, ["eval", str(corpus), "--markdown"])
    assert res.exit_code == 0, res.output
    assert "| lang | places | events |" in res.output and "| en | blockade |" in res.output
    doc = json.loads((corpus / "own-en.json").read_text(encoding="utf-8"))
    doc["events"][0]["place"] = "Qamishli"
    (corpus / "own-en.json").write_text(json.dumps(doc), encoding="utf-8")
    res = runner.invoke(main, ["eval", str(corpus), "--misses"])
    assert "event FN (1)" in res.output and "wrong place (1)" in res.output


def test_eval__not_a_corpus(runner, tmp_path):
    res = runner.invoke(main, ["eval", str(tmp_path)])
    assert res.exit_code == 1 and "no labelled articles" in res.output


def _init(env: dict[str, str]) -> None:
    """A database as `zonemap db init` makes it (opening a store never creates one)."""
    from geodata.settings import get_settings
    from geodata.store import init_db

    init_db(get_settings(env))


def test_ingest__stores_drafts(runner, tmp_path):
    path = write(tmp_path, "a.txt", AR.encode())
    env = {
        "ZONEMAP_DB": str(tmp_path / "z.sqlite"),
        "ZONEMAP_EDITOR_SECRET": "test-editor-secret",
        "ZONEMAP_DATABASE_URL": "",
    }
    _init(env)
    args = [
        "ingest",
        str(path),
        "--url",
        "https://example.org/a",
        "--outlet",
        "Example News",
        "--published",
        "2021-01-20",
        "--user",
        "rana",
    ]
    res = runner.invoke(main, args, env=env)
    assert res.exit_code == 0, res.output
    assert "draft event(s) stored" in res.output
    from geodata.settings import get_settings
    from geodata.store import open_store

    store = open_store(get_settings(env))
    try:
        drafts = store.drafts()
    finally:
        store.close()
    assert drafts and all(e.review == "draft" for e in drafts)
    assert {e.source.outlet for e in drafts} == {"Example News"}
    again = runner.invoke(main, args, env=env)
    assert again.exit_code == 1 and "Traceback" not in again.output


def test_ingest__needs_the_editor_secret_and_a_date(runner, tmp_path):
    path = write(tmp_path, "a.txt", AR.encode())
    env = {"ZONEMAP_DB": str(tmp_path / "z.sqlite"), "ZONEMAP_EDITOR_SECRET": "", "ZONEMAP_DATABASE_URL": ""}
    _init(env)
    args = ["ingest", str(path), "--url", "u", "--outlet", "o", "--published", "2021-01-20"]
    res = runner.invoke(main, args, env=env)
    assert res.exit_code == 1 and "ZONEMAP_EDITOR_SECRET" in res.output
    res = runner.invoke(main, ["ingest", str(path), "--url", "u", "--outlet", "o"], env=env)
    assert res.exit_code == 2 and "--published" in res.output
