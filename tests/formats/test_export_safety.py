"""Exports a spreadsheet cannot be tricked by (formula injection), exports that never leave a
half-written file (atomic, even when killed), and options that are checked (a misspelt keyword
is a TypeError, not silently ignored)."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point
from test_store_support import write_data

from geodata import formats as exports
from geodata.dataset import read_dataset
from geodata.formats import read_import, read_import_bytes
from geodata.formats.csv import neutralised, restored
from geodata.model import Place

ROOT = Path(__file__).resolve().parents[2]
TRIGGERS = ["=", "+", "-", "@", "\t", "\r"]


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    dataset, problems = read_dataset(write_data(tmp_path_factory.mktemp("safety") / "data"))
    assert problems == []
    return dataset


def place(pid: str, name: str, note: str | None = None) -> Place:
    return Place(id=pid, name_en=name, name_ar="مكان", kind="village", geometry=Point(38.5, 35.5), note=note)


# -- formula injection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("'=1", "''=1"),  # already an apostrophe before a trigger: one more, so it reads back
        ("''@x", "'''@x"),
        ("-3.5", "-3.5"),  # a number, not a formula
        ("+963", "+963"),
        ("1e-5", "1e-5"),
        ("'quoted'", "'quoted'"),  # an apostrophe before no trigger stays as it is
        ("Tal Tamr", "Tal Tamr"),
        ("", ""),
    ],
)
def test_csv_cells__neutralised_one_to_one(cell, written):
    assert neutralised(cell) == written
    assert restored(written) == cell


def test_csv_export__formula_cells_open_as_text(ds, tmp_path):
    records = [
        place("a", "=1+1", note="-2+3"),
        place("b", "@SUM(A1)", note="+cmd|' /C calc'!A0"),
        place("c", "Plain", note="-3.5"),
    ]
    text = exports.to_csv("places", records)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["name_en"] for r in rows] == ["'=1+1", "'@SUM(A1)", "Plain"]
    assert [r["note"] for r in rows] == ["'-2+3", "'+cmd|' /C calc'!A0", "-3.5"]
    assert all(
        r[c][:1] not in ("=", "+", "-", "@") or r[c] == "-3.5"
        for r in rows
        for c in r
        if c not in ("latitude", "longitude")
    )
    (tmp_path / "p.csv").write_text(text, encoding="utf-8", newline="")
    back = read_import(tmp_path / "p.csv", "places", dataset=ds)
    assert back.rejected == () and list(back.records) == records


text_cells = st.builds(
    lambda t, rest: t + rest,
    st.sampled_from([*TRIGGERS, "'", "''", "a"]),
    st.text(alphabet="=+-@'a1. ب", max_size=8),
).filter(lambda t: t.strip() == t and t)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(names=st.lists(text_cells, min_size=1, max_size=4))
def test_csv_export__import_export_import_is_lossless_with_formula_cells(ds, tmp_path, names):
    records = [place(f"p{i}", name, note=name) for i, name in enumerate(names)]
    (tmp_path / "p.csv").write_text(exports.to_csv("places", records), encoding="utf-8", newline="")
    back = read_import(tmp_path / "p.csv", "places", dataset=ds)
    assert back.rejected == () and list(back.records) == records
    again = exports.to_csv("places", list(back.records))
    assert again == (tmp_path / "p.csv").read_bytes().decode("utf-8")


# -- atomic exports --------------------------------------------------------------------------


def test_export__a_failing_writer_leaves_the_previous_file(ds, tmp_path, monkeypatch):
    out = tmp_path / "events.csv"
    exports.export(ds, "events", "csv", out)
    before = out.read_bytes()

    def broken(job, path):
        path.write_text("id,type\nhalf a file", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(exports.EXPORTERS, "csv", broken)
    with pytest.raises(OSError, match="No space left"):
        exports.export(ds, "events", "csv", out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]  # no temporary left


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_export__replaces_the_file_only_when_complete(ds, tmp_path, fmt):
    out = tmp_path / f"x{exports.SUFFIX[fmt]}"
    out.write_bytes(b"old")
    out.chmod(0o640)
    n = exports.export(ds, "places", fmt, out)
    assert n == 6 and out.read_bytes() != b"old"
    assert oct(out.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


KILLED = """
import sys, time
from pathlib import Path
from geodata import formats
from geodata.dataset import read_dataset

def slow(job, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("id,type\\n")
        for i in range(10**6):
            f.write(f"e{i},demand\\n")
            if i == 1000:
                f.flush()
                print("half written", flush=True)
                time.sleep(60)
    return 0

formats.EXPORTERS["csv"] = slow
ds, _ = read_dataset(Path(sys.argv[1]))
formats.export(ds, "events", "csv", Path(sys.argv[2]))
"""


def test_export__killed_mid_write_leaves_the_previous_file(tmp_path):
    data = write_data(tmp_path / "data")
    out = tmp_path / "out.csv"
    out.write_text("the previous export\n", encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, "-c", KILLED, str(data), str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "half written", proc.stderr.read() if proc.stderr else ""
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    left = [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]
    assert len(left) == 1 and left[0].read_text(encoding="utf-8").startswith("id,type\ne0,")


# -- options -------------------------------------------------------------------------------------


def test_options__a_misspelt_keyword_is_a_type_error(ds, tmp_path):
    (tmp_path / "p.csv").write_text("id,name_en,name_ar,kind\n", encoding="utf-8")
    with pytest.raises(
        TypeError,
        match=r"read_import\(\) got an unexpected keyword argument "
        r"'encodng'; did you mean 'encoding'\?",
    ):
        read_import(tmp_path / "p.csv", dataset=ds, encodng="cp1256")
    with pytest.raises(TypeError, match="'max_byte'; did you mean 'max_bytes'"):
        read_import_bytes(b"x", "p.csv", max_byte=10)
    with pytest.raises(
        TypeError,
        match=r"export\(\) got an unexpected keyword argument "
        r"'include_draft'; did you mean 'include_drafts'",
    ):
        exports.export(ds, "events", "csv", tmp_path / "e.csv", include_draft=True)
    assert not (tmp_path / "e.csv").exists()
    with pytest.raises(
        TypeError,
        match=r"export_bytes\(\) got an unexpected keyword argument "
        r"'dya'",
    ):
        exports.export_bytes(ds, "events", "csv", dya=None)
    with pytest.raises(TypeError, match=r"select\(\) got an unexpected keyword argument 'typs'"):
        exports.select(ds, "events", typs=["demand"])
    assert [e.id for e in exports.select(ds, "events", types=["blockade"])] == ["e2"]
