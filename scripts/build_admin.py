"""Build Syria's administrative units and city neighbourhoods from OCHA's COD-AB.

Reads (see ../shared/geo-sources/README.md):
- `ocha_codab_2026/syr_admin3.shp`: the 272 sub-districts, with English (`adm3_name`) and Arabic
  (`adm3_name1`) names and p-codes, and those of their district and governorate;
- `ocha_codab_2026/syr_neighborhoods.shp`: 414 city-neighbourhood polygons (N-p-codes, ar/en,
  `adm4_pcode` the community p-code of their city);
- `opensyria_data-geography/{governorates,districts,subdistricts}.json`: alias spellings, joined
  on the OCHA p-code (consonant skeletons such as 'nahyt mrkz alhskt' are dropped).

Writes (one feature per line, coordinates on the 1e-5 grid):
- `geodata/data/syria_admin1.geojson`: the 14 governorates (ids as in places.geojson);
- `geodata/data/syria_admin2.geojson`: the 62 districts;
- `geodata/data/syria_admin3.geojson`: the 272 sub-districts;
- `geodata/data/neighbourhoods.geojson`: the 414 neighbourhoods;
- `geodata/data/syria_admin0.geojson`: Syria's outline, the union of the governorates: what
  places must lie in. (`syria_outline.geojson`, Natural Earth's, which leaves out the Golan and
  runs up to 8 km off OCHA's border in places, stays: the control zones are clipped to it.)

The sub-districts are simplified as one coverage (`shapely.coverage_simplify`, about 100 m) and
the districts and governorates are their unions, so that the three levels share their edges
exactly; neighbourhoods are simplified the same way (about 30 m: they are small).

Run: `python scripts/build_admin.py` (needs ../shared/geo-sources).
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import shapely
from geo_sources import (
    OCHA,
    OCHA_DIR,
    OPENSYRIA,
    ROOT,
    names_field,
    opensyria_aliases,
    require_sources,
    simplify_coverage,
)
from shapely.geometry.base import BaseGeometry

from geodata.formats.geojson import write_feature_collection
from geodata.normalize import slug

DATA = ROOT / "geodata" / "data"
NEIGHBOURHOOD_TOLERANCE = 0.0003

# OCHA governorate p-code -> (id in places.geojson, English name, Arabic name).
GOVERNORATES = {
    "SY01": ("damascus-governorate", "Damascus Governorate", "محافظة دمشق"),
    "SY02": ("aleppo-governorate", "Aleppo Governorate", "محافظة حلب"),
    "SY03": ("rif-dimashq-governorate", "Rif Dimashq Governorate", "محافظة ريف دمشق"),
    "SY04": ("homs-governorate", "Homs Governorate", "محافظة حمص"),
    "SY05": ("hama-governorate", "Hama Governorate", "محافظة حماة"),
    "SY06": ("latakia-governorate", "Latakia Governorate", "محافظة اللاذقية"),
    "SY07": ("idlib-governorate", "Idlib Governorate", "محافظة إدلب"),
    "SY08": ("hasakah-governorate", "Hasakah Governorate", "محافظة الحسكة"),
    "SY09": ("deir-ez-zor-governorate", "Deir ez-Zor Governorate", "محافظة دير الزور"),
    "SY10": ("tartus-governorate", "Tartus Governorate", "محافظة طرطوس"),
    "SY11": ("raqqa-governorate", "Raqqa Governorate", "محافظة الرقة"),
    "SY12": ("daraa-governorate", "Daraa Governorate", "محافظة درعا"),
    "SY13": ("suwayda-governorate", "As-Suwayda Governorate", "محافظة السويداء"),
    "SY14": ("quneitra-governorate", "Quneitra Governorate", "محافظة القنيطرة"),
}


def unit_ids(frame: gpd.GeoDataFrame, level: int, suffix: str) -> dict[str, str]:
    """p-code -> id: the English name's slug and `suffix`, plus the p-code when two units of
    the level share a name ('markaz-...' sub-districts do)."""
    names = {row[f"adm{level}_pcode"]: slug(row[f"adm{level}_name"]) for _, row in frame.iterrows()}
    counts: dict[str, int] = {}
    for s in names.values():
        counts[s] = counts.get(s, 0) + 1
    return {p: f"{s}-{suffix}" if counts[s] == 1 else f"{s}-{suffix}-{p.lower()}" for p, s in names.items()}


def unit_record(
    row: Any, level: int, uid: str, aliases: dict[str, list[dict[str, str]]], parent: str | None
) -> dict[str, Any]:
    pcode = row[f"adm{level}_pcode"]
    en, ar = str(row[f"adm{level}_name"]), str(row[f"adm{level}_name1"])
    own = [{"text": en, "lang": "en"}, {"text": ar, "lang": "ar"}]
    if level == 1:
        _, en, ar = GOVERNORATES[pcode]
    names = names_field(own + aliases.get(pcode, []), en, ar)
    sources = [OCHA] + ([OPENSYRIA] if pcode in aliases else [])
    return {
        "id": uid,
        "pcode": pcode,
        "name_en": en,
        "name_ar": ar,
        "names": names,
        "parent": parent,
        "sources": sources,
    }


def dissolved(geoms: list[BaseGeometry], keys: list[str]) -> dict[str, BaseGeometry]:
    groups: dict[str, list[BaseGeometry]] = {}
    for g, k in zip(geoms, keys, strict=True):
        groups.setdefault(k, []).append(g)
    return {k: shapely.union_all(v, grid_size=1e-5) for k, v in groups.items()}


def build_admin() -> dict[str, list[tuple[dict[str, Any], BaseGeometry]]]:
    adm3 = gpd.read_file(OCHA_DIR / "syr_admin3.shp").sort_values("adm3_pcode")
    geoms3 = simplify_coverage(list(adm3.geometry))
    geoms2 = dissolved(geoms3, list(adm3["adm2_pcode"]))
    geoms1 = dissolved(geoms3, list(adm3["adm1_pcode"]))
    ids2 = unit_ids(adm3.drop_duplicates("adm2_pcode"), 2, "district")
    ids3 = unit_ids(adm3, 3, "subdistrict")
    out: dict[str, list[tuple[dict[str, Any], BaseGeometry]]] = {"1": [], "2": [], "3": []}
    aliases = {
        lvl: opensyria_aliases(name)
        for lvl, name in (("1", "governorates"), ("2", "districts"), ("3", "subdistricts"))
    }
    for _, row in adm3.drop_duplicates("adm1_pcode").iterrows():
        gid = GOVERNORATES[row["adm1_pcode"]][0]
        out["1"].append((unit_record(row, 1, gid, aliases["1"], "syria"), geoms1[row["adm1_pcode"]]))
    for _, row in adm3.drop_duplicates("adm2_pcode").iterrows():
        parent = GOVERNORATES[row["adm1_pcode"]][0]
        rec = unit_record(row, 2, ids2[row["adm2_pcode"]], aliases["2"], parent)
        out["2"].append((rec, geoms2[row["adm2_pcode"]]))
    for (_, row), geom in zip(adm3.iterrows(), geoms3, strict=True):
        rec = unit_record(row, 3, ids3[row["adm3_pcode"]], aliases["3"], ids2[row["adm2_pcode"]])
        out["3"].append((rec, geom))
    for level in out.values():
        level.sort(key=lambda f: f[0]["pcode"])
    return out


def build_neighbourhoods() -> list[tuple[dict[str, Any], BaseGeometry]]:
    frame = gpd.read_file(OCHA_DIR / "syr_neighborhoods.shp").sort_values("neighbor_2")
    geoms = simplify_coverage(list(frame.geometry), NEIGHBOURHOOD_TOLERANCE)
    out = []
    for (_, row), geom in zip(frame.iterrows(), geoms, strict=True):
        pcode = row["neighbor_2"]
        en, ar = str(row["neighborho"]).strip(), str(row["neighbor_1"]).strip()
        out.append(
            (
                {
                    "id": f"{slug(en)}-{pcode.lower()}",
                    "pcode": pcode,
                    "name_en": en,
                    "name_ar": ar,
                    "names": [],
                    "city_pcode": row["adm4_pcode"],
                    "city_en": row["adm4_en"],
                    "subdistrict_pcode": row["adm3_pcode"],
                    "sources": [OCHA],
                },
                geom,
            )
        )
    return out


def main() -> None:
    require_sources()
    levels = build_admin()
    for level, features in levels.items():
        path = DATA / f"syria_admin{level}.geojson"
        write_feature_collection(path, features)
        print(f"{path.relative_to(ROOT)}: {len(features)} units, {path.stat().st_size / 1e3:.0f} kB")
    outline = shapely.union_all([g for _, g in levels["1"]], grid_size=1e-5)
    write_feature_collection(
        DATA / "syria_admin0.geojson",
        [
            (
                {
                    "id": "syria",
                    "name_en": "Syria",
                    "name_ar": "سوريا",
                    "source": f"{OCHA}: the union of the governorates",
                },
                outline,
            )
        ],
    )
    path = DATA / "neighbourhoods.geojson"
    hoods = build_neighbourhoods()
    write_feature_collection(path, hoods)
    print(f"{path.relative_to(ROOT)}: {len(hoods)} neighbourhoods, {path.stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
