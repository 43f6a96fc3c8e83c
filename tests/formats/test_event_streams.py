"""Event datasets read as a stream (issue 10): UCDP GED's mapping, ACLED's coordinates that stay
coordinates, duplicates across batches, the report kept, and the memory a large file takes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tracemalloc
from pathlib import Path

import pytest
from test_store_support import ACLED_COLUMNS, write_data

from geodata.dataset import read_dataset
from geodata.formats import IMPORT_FORMATS, ImportFileError, Limits, read_import, stream, ucdp
from geodata.formats.stream import SpooledEvents
from geodata.model import EventType

UCDP_HEADER = [
    "id",
    "relid",
    "year",
    "active_year",
    "type_of_violence",
    "conflict_name",
    "side_a",
    "side_b",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "country",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
]


def ucdp_row(**cells: str) -> list[str]:
    base = {
        "year": "2021",
        "active_year": "1",
        "conflict_name": "Syria: Government",
        "source_article": "",
        "source_date": "2021-01-21",
        "source_original": "SOHR",
        "where_description": "",
        "adm_1": "Aleppo governorate",
        "adm_2": "",
        "country": "Syria",
        "event_clarity": "1",
        "date_end": "2021-01-20",
        "deaths_a": "0",
        "deaths_b": "2",
        "deaths_civilians": "0",
        "deaths_unknown": "0",
        "best": "2",
        "high": "3",
        "low": "2",
        "relid": "SYR-2021-1-1",
        "source_office": "Reuters",
        "source_headline": "",
        "side_b": "",
    }
    return [{**base, **cells}.get(h, "") for h in UCDP_HEADER]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def ds(tmp_path):
    dataset, problems = read_dataset(write_data(tmp_path / "data"))
    assert problems == []
    return dataset


def test_ucdp_csv_imports_with_its_precisions(ds, tmp_path):
    path = write_csv(
        tmp_path / "ged.csv",
        UCDP_HEADER,
        [
            ucdp_row(
                id="1001",
                type_of_violence="1",
                side_a="Military Forces of Syria",
                side_b="SDF",
                where_prec="1",
                where_coordinates="Aleppo town",
                latitude="36.2021",
                longitude="37.1600",
                date_prec="1",
                date_start="2021-01-20 00:00:00.000",
                source_headline="Clashes in Aleppo",
            ),
            ucdp_row(
                id="1002",
                type_of_violence="3",
                side_a="IS",
                where_prec="4",
                where_coordinates="Tal Hamis village",
                latitude="36.7000",
                longitude="41.0500",
                date_prec="3",
                date_start="2021-02-01",
            ),
            ucdp_row(
                id="1003",
                type_of_violence="9",
                where_prec="1",
                where_coordinates="Aleppo",
                latitude="36.2",
                longitude="37.16",
                date_prec="1",
                date_start="2021-02-02",
            ),
            ucdp_row(
                id="1004",
                type_of_violence="1",
                where_prec="1",
                where_coordinates="Cairo",
                latitude="30.04",
                longitude="31.24",
                date_prec="1",
                date_start="2021-02-02",
            ),
            ucdp_row(
                id="1005",
                type_of_violence="2",
                where_prec="2",
                where_coordinates="Qamishli",
                latitude="37.06",
                longitude="41.23",
                date_prec="2",
                date_start="not a date",
            ),
        ],
    )
    result = read_import(path, dataset=ds)
    assert (result.kind, result.format, result.total) == ("events", "ucdp", 5)
    events = {e.id: e for e in result.records}
    assert sorted(events) == ["ucdp-1001", "ucdp-1002"]
    clash = events["ucdp-1001"]
    assert (clash.type, clash.cameo, clash.places) == (EventType.CLASH, "190", ("aleppo",))
    assert (clash.actor, clash.target) == ("syrian-government", "sdf")  # through the lexicon
    assert clash.date == dt.date(2021, 1, 20) and clash.date_precision == "day"
    assert (clash.geo_precision, clash.confidence) == (1, "high")
    assert clash.evidence.quote == "Clashes in Aleppo" and clash.source.outlet == "Reuters"
    assert clash.note == "UCDP GED state-based: 2 deaths (low 2, high 3)"
    one_sided = events["ucdp-1002"]
    assert (one_sided.cameo, one_sided.places, one_sided.geo_precision) == ("180", (), 3)
    assert (one_sided.date_precision, one_sided.confidence) == ("month", "low")
    kept = result.attrs["ucdp-1002"]
    assert (kept["external_id"], kept["where_coordinates"], kept["latitude"]) == (
        "1002",
        "Tal Hamis village",
        "36.7000",
    )
    rejected = {(p.record, p.field): p.reason for p in result.rejected}
    assert "is not a UCDP type of violence" in rejected[("ucdp-1003", "type_of_violence")]
    assert "outside Syria" in rejected[("ucdp-1004", "latitude")]
    assert "is not a date" in rejected[("ucdp-1005", "date_start")]
    assert "ucdp" in IMPORT_FORMATS and result.places == ()


def test_ucdp_place_name__descriptor_dropped():
    assert ucdp.place_name("Aleppo town") == "Aleppo"
    assert ucdp.place_name("Tal Tamr (Tell Tamer) village") == "Tal Tamr"
    assert ucdp.place_name("Idlib governorate") == "Idlib"
    assert ucdp.is_ucdp(UCDP_HEADER) and not ucdp.is_ucdp(ACLED_COLUMNS)


def acled_rows(n: int, start: int = 1) -> list[list[str]]:
    """`n` valid ACLED rows at Qamishli, Aleppo and coordinates no place stands for."""
    spots = [
        ("Qamishli", "37.0500", "41.2200"),
        ("Aleppo", "36.2000", "37.1600"),
        ("Tall Hamid", "36.5500", "40.1000"),
    ]
    out = []
    for i in range(start, start + n):
        name, lat, lon = spots[i % 3]
        out.append(
            [
                f"SYR{i}",
                f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "1",
                "Battles",
                "Armed clash",
                "SDF: Syrian Democratic Forces",
                "",
                "Al Hasakeh",
                name,
                lat,
                lon,
                "1",
                "SOHR",
                f"Clashes in {name}, report {i}.",
                "0",
            ]
        )
    return out


def test_acled_stream__duplicate_ids_reject_every_row_even_across_batches(ds, tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "BATCH", 4)
    rows = acled_rows(10)
    rows.append(list(rows[1]))  # SYR2 again, read two batches after the first
    path = write_csv(tmp_path / "acled.csv", ACLED_COLUMNS, rows)
    result = read_import(path, dataset=ds)
    assert isinstance(result.records, SpooledEvents)
    assert len(result.records) == 9 and "acled-syr2" not in {e.id for e in result.records}
    dupes = sorted(p.record for p in result.rejected if p.field == "id")
    assert dupes == ["acled-syr2 (#11)", "acled-syr2 (#2)"]
    assert [e.id for e in result.records[:2]] == ["acled-syr1", "acled-syr3"]
    assert result.records[-1].id == "acled-syr10"
    tall_hamid = next(e for e in result.records if e.id == "acled-syr5")
    assert tall_hamid.places == () and result.attrs["acled-syr5"]["location"] == "Tall Hamid"


def test_acled_stream__unreadable_text_is_one_clear_error(ds, tmp_path):
    path = tmp_path / "acled.csv"
    path.write_bytes((",".join(ACLED_COLUMNS) + "\n").encode() + b"SYR1,\xff\xfe\xfa\n")
    with pytest.raises(ImportFileError, match=r"not UTF-8 text .*--encoding cp1256"):
        read_import(path, dataset=ds)


MEMORY_ROWS = 50_000
MEMORY_BOUND = 64 * 2**20  # bytes traced at the peak of reading 50,000 rows


def test_acled_stream__memory_bounded_on_a_large_file(ds, tmp_path):
    """Reading 50,000 rows holds a batch, not the file: the peak traced by tracemalloc stays
    under 64 MB, where the 50,000 events as models (with their attrs) would take about
    ten times that (measured here on 2,000 of them and scaled)."""
    path = write_csv(tmp_path / "big.csv", ACLED_COLUMNS, acled_rows(MEMORY_ROWS))
    tracemalloc.start()
    try:
        result = read_import(path, dataset=ds, limits=Limits(records=10**6, seconds=10**5))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        held = [(e, result.attrs[e.id]) for e in result.records[:0]]  # (the lookup API works)
        sample = list(result.records[:2000])
        kept = {e.id: dict(a) for e, a in zip(sample, _attrs_of(result, 2000), strict=True)}
        per_model = (tracemalloc.get_traced_memory()[0] - before) / 2000
    finally:
        tracemalloc.stop()
    assert len(result.records) == MEMORY_ROWS and not result.rejected and not held and kept
    assert peak < MEMORY_BOUND, f"peak {peak / 2**20:.0f} MB"
    assert peak < MEMORY_ROWS * per_model / 4, (peak, per_model)


def _attrs_of(result, n: int) -> list[dict]:
    out = []
    for docs in result.records.documents():
        out += [d["_attrs"] for d in docs]
        if len(out) >= n:
            return out[:n]
    return out
