"""Each class of bad input is reported with file, record and field, exit status 1, and no
traceback. The data directory is built in code from a small valid dataset, then broken."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from shapely.geometry import MultiPolygon, Point, Polygon, box, mapping

from geodata.cli import main
from geodata.dataset import DATA_DIR, read_dataset
from geodata.formats.geojson import write_feature_collection, write_records

TEXT = "قال المصدر إن قسد طالبت الحكومة بفك الحصار عن حي الشيخ مقصود في حلب."
QUOTE = "طالبت الحكومة بفك الحصار عن حي الشيخ مقصود"


def _place(id, geom, **kw):
    props = {"id": id, "name_en": id.title(), "name_ar": "مكان", "kind": "city", **kw}
    return props, geom


def build(root: Path) -> Path:
    shutil.copyfile(DATA_DIR / "syria_outline.geojson", root / "syria_outline.geojson")
    write_feature_collection(
        root / "places.geojson",
        [
            _place("aleppo", Point(37.16, 36.2)),
            _place("sheikh-maqsoud", box(37.15, 36.22, 37.16, 36.23), kind="neighbourhood", parent="aleppo"),
        ],
    )
    write_records(
        root / "factions.json",
        [
            {"id": "sdf", "name_en": "SDF", "name_ar": "قسد", "colour": "#E69F00"},
            {"id": "government", "name_en": "Government", "name_ar": "الحكومة", "colour": "#D55E00"},
        ],
    )
    write_records(
        root / "actors.json",
        [
            {"id": "sdf", "name_en": "SDF", "name_ar": "قسد", "faction": "sdf"},
            {"id": "gov", "name_en": "Government", "name_ar": "الحكومة", "faction": "government"},
        ],
    )
    zones = root / "zones"
    write_feature_collection(
        zones / "2021-01-20.geojson",
        [
            (
                {
                    "id": "z-sdf",
                    "faction": "sdf",
                    "valid_from": "2021-01-20",
                    "source": "test",
                    "confidence": "high",
                },
                MultiPolygon([box(37.0, 36.21, 37.3, 36.4)]),
            ),
            (
                {
                    "id": "z-gov",
                    "faction": "government",
                    "valid_from": "2021-01-20",
                    "source": "test",
                    "confidence": "medium",
                },
                MultiPolygon([box(37.0, 36.0, 37.3, 36.21)]),
            ),
        ],
    )
    start = TEXT.index(QUOTE)
    write_records(
        root / "sources.json",
        [{"id": "src", "outlet": "Test outlet", "url": "https://example.org/a", "published": "2021-01-20"}],
    )
    write_records(
        root / "events.json",
        [
            {
                "id": "e1",
                "type": "demand",
                "actor": "sdf",
                "target": "gov",
                "places": ["sheikh-maqsoud"],
                "date": "2021-01-20",
                "source": "src",
                "evidence": {"quote": QUOTE, "start": start, "end": start + len(QUOTE)},
            }
        ],
    )
    return root


def edit(path: Path, change) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def data(tmp_path) -> Path:
    return build(tmp_path)


def run(*args):
    result = CliRunner().invoke(main, ["validate", *map(str, args)])
    assert "Traceback" not in result.output
    return result


def test_valid_directory_passes(data, tmp_path):
    (tmp_path / "src.txt").write_text(TEXT, encoding="utf-8")
    result = run(data, "--text", f"src={tmp_path / 'src.txt'}")
    assert result.exit_code == 0, result.output


def _feature(doc, i):
    return doc["features"][i]


CASES = [
    ("events.json", lambda d: d[0].update(places=["atlantis"]), "e1", "places", "unknown place id"),
    ("events.json", lambda d: d[0].update(actor="martians"), "e1", "actor", "unknown actor id"),
    ("events.json", lambda d: d[0].update(source="nowhere"), "e1", "source", "unknown source id"),
    (
        "events.json",
        lambda d: d[0].update(since="2021-02-01", until="2021-01-01"),
        "e1",
        "(record)",
        "before since",
    ),
    ("events.json", lambda d: d[0].update(date="2022-01-01"), "e1", "date", "out of order"),
    (
        "places.geojson",
        lambda d: _feature(d, 1)["geometry"].update(
            mapping(Polygon([(37.15, 36.22), (37.16, 36.23), (37.16, 36.22), (37.15, 36.23)]))
        ),
        "sheikh-maqsoud",
        "geometry",
        "Self-intersection",
    ),
    (
        "places.geojson",
        lambda d: _feature(d, 0)["properties"].update(name_ar=""),
        "aleppo",
        "name_ar",
        "at least 1 character",
    ),
    (
        "places.geojson",
        lambda d: _feature(d, 0)["properties"].pop("name_en"),
        "aleppo",
        "name_en",
        "Field required",
    ),
    (
        "places.geojson",
        lambda d: _feature(d, 0)["geometry"].update(coordinates=[31.2, 30.0]),
        "aleppo",
        "geometry",
        "outside Syria",
    ),
    (
        "places.geojson",
        lambda d: _feature(d, 1)["properties"].update(parent="nowhere"),
        "sheikh-maqsoud",
        "parent",
        "unknown place id",
    ),
    (
        "zones/2021-01-20.geojson",
        lambda d: _feature(d, 1)["geometry"].update(mapping(MultiPolygon([box(37.0, 36.0, 37.3, 36.3)]))),
        "z-gov",
        "geometry",
        "overlaps",
    ),
    (
        "zones/2021-01-20.geojson",
        lambda d: _feature(d, 0)["properties"].update(valid_to="2020-01-01"),
        "z-sdf",
        "valid_to",
        "not after valid_from",
    ),
    (
        "zones/2021-01-20.geojson",
        lambda d: _feature(d, 0)["properties"].update(faction="aliens"),
        "z-sdf",
        "faction",
        "unknown faction",
    ),
    ("actors.json", lambda d: d[0].update(faction="aliens"), "sdf", "faction", "unknown faction"),
]


@pytest.mark.parametrize(
    ("file", "change", "record", "field", "reason"), CASES, ids=[f"{c[0]}:{c[3]}:{c[4]}" for c in CASES]
)
def test_bad_input_is_reported_with_file_record_and_field(data, file, change, record, field, reason):
    edit(data / file, change)
    result = run(data)
    assert result.exit_code == 1
    expected = f"{data / file}: record {record}: field {field}: "
    line = next((ln for ln in result.output.splitlines() if ln.startswith(expected)), None)
    assert line is not None, result.output
    assert reason in line


def test_evidence_not_at_its_offsets(data, tmp_path):
    (tmp_path / "src.txt").write_text("زيادة " + TEXT, encoding="utf-8")
    result = run(data, "--text", f"src={tmp_path / 'src.txt'}")
    assert result.exit_code == 1
    assert f"{data / 'events.json'}: record e1: field evidence:" in result.output
    assert "the quote occurs at" in result.output


def test_evidence_that_is_nowhere_in_the_source(data, tmp_path):
    (tmp_path / "src.txt").write_text("نص آخر تماما", encoding="utf-8")
    result = run(data, "--text", f"src={tmp_path / 'src.txt'}")
    assert "not in the source text at all" in result.output


def test_every_problem_is_listed_at_once(data):
    edit(data / "events.json", lambda d: d[0].update(places=["atlantis"], actor="martians"))
    edit(data / "places.geojson", lambda d: _feature(d, 0)["properties"].update(name_ar=""))
    result = run(data)
    assert result.exit_code == 1
    assert "3 problem(s) found." in result.output


def test_unreadable_files_are_problems_not_tracebacks(data):
    (data / "events.json").write_text("{not json", encoding="utf-8")
    (data / "actors.json").write_bytes(b"\xff\xfe\x00garbage")
    result = run(data)
    assert result.exit_code == 1
    assert f"{data / 'events.json'}: record -: field (file): not valid JSON" in result.output
    assert "not UTF-8" in result.output


def test_missing_path_is_one_line(tmp_path):
    result = run(tmp_path / "nope")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error:")


def test_read_dataset__returns_what_parsed_alongside_problems(data):
    edit(data / "events.json", lambda d: d[0].update(places=["atlantis"]))
    dataset, problems = read_dataset(data)
    assert len(dataset.gazetteer.curated) == 2 and len(problems) == 1


# -- property: whatever a record holds, validation reports it and never raises -------------
import tempfile  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
FIELDS = {
    "events.json": [
        "id",
        "type",
        "actor",
        "target",
        "places",
        "date",
        "source",
        "evidence",
        "cameo",
        "links",
        "status",
        "since",
        "until",
    ],
    "actors.json": ["id", "name_en", "name_ar", "faction", "aliases", "colour"],
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(FIELDS)), st.data())
def test_validation__never_raises_on_any_field_value(file, data):
    field = data.draw(st.sampled_from(FIELDS[file]))
    value = data.draw(JSON_VALUES)
    with tempfile.TemporaryDirectory() as tmp:
        root = build(Path(tmp))
        edit(root / file, lambda d: d[0].__setitem__(field, value))
        _, problems = read_dataset(root)
        for p in problems:
            assert p.file and p.record and p.field and p.reason


@pytest.mark.parametrize(
    "text, says",
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("[" + "9" * 6000 + "]", "cannot be read as JSON"),
    ],
)
def test_validate_a_hostile_json_file__one_line_no_traceback(tmp_path, text, says):
    from click.testing import CliRunner

    from geodata.cli import main

    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1 and says in result.output
    assert "Traceback" not in result.output
