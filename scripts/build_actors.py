"""Write geodata/data/actors.json from the table below (the table is the source of truth;
the JSON is what the package loads). Aliases are the spellings met in Arabic, English and
Kurdish reporting; an actor's `valid_from`/`valid_to` say when its names mean it."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from geodata.dataset import DATA_DIR
from geodata.formats.geojson import write_records
from geodata.model import Actor

A = "ar"
E = "en"
K = "ku"


def actor(id, en, ar, faction, colour, aliases, **kw):
    return {"id": id, "name_en": en, "name_ar": ar, "faction": faction, "colour": colour,
            "aliases": [{"text": t, "lang": lang} for lang, t in aliases], **kw}


ACTORS = [
    actor("sdf", "Syrian Democratic Forces (SDF)", "قوات سوريا الديمقراطية", "sdf", "#E69F00", [
        (E, "SDF"), (E, "Syrian Democratic Forces"), (A, "قسد"), (A, "قوات سورية الديمقراطية"),
        (A, "قوات سوريا الديموقراطية"), (K, "HSD"), (K, "Hêzên Sûriya Demokratîk"),
        (E, "QSD"), (E, "Kurdish-led forces"), (E, "Kurdish-led SDF"), (A, "قوات قسد")]),
    actor("asayish", "Asayish (internal security forces)", "الأسايش", "sdf", "#E69F00", [
        (E, "Asayish"), (E, "Asayiş"), (K, "Asayîş"), (A, "الاسايش"), (A, "قوات الأسايش"),
        (A, "قوى الأمن الداخلي"), (E, "Internal Security Forces")],
        note="«قوى الأمن الداخلي» names the Asayish in north-east Syria before 2025; after "
             "8 December 2024 the same words also name the transitional government's police."),
    actor("ypg", "People's Protection Units (YPG)", "وحدات حماية الشعب", "sdf", "#E69F00", [
        (E, "YPG"), (K, "Yekîneyên Parastina Gel"), (A, "الوحدات الكردية"), (A, "وحدات الحماية"),
        (E, "People's Protection Units")]),
    actor("aanes", "Autonomous Administration of North and East Syria (AANES)",
          "الإدارة الذاتية لشمال وشرق سوريا", "sdf", "#E69F00", [
        (E, "AANES"), (E, "Autonomous Administration"), (A, "الإدارة الذاتية"),
        (A, "الادارة الذاتية"), (E, "Self-Administration"), (E, "Kurdish-led administration")]),
    actor("syrian-government", "Syrian government (Assad)", "الحكومة السورية (نظام الأسد)",
          "government", "#D55E00", [
        (A, "النظام"), (A, "نظام الأسد"), (A, "النظام السوري"), (A, "السلطات السورية"),
        (A, "الحكومة السورية"), (A, "حكومة دمشق"), (A, "القوات الحكومية"), (A, "قوات النظام"),
        (A, "الجيش السوري"), (A, "الجيش العربي السوري"), (E, "Syrian government"),
        (E, "Assad government"), (E, "Assad regime"), (E, "regime"), (E, "Syrian regime"),
        (E, "Syrian army"), (E, "government forces"), (E, "Damascus"), (E, "regime forces"),
        (E, "Assad forces"), (E, "Syrian regime forces"), (A, "قوات الأسد"),
        (A, "ميليشيات النظام"), (A, "جيش النظام")],
        valid_to="2024-12-08",
        note="The Assad government, up to its fall on 8 December 2024."),
    actor("syrian-transitional-government", "Syrian transitional government",
          "الحكومة السورية الانتقالية", None, "#CC79A7", [
        (A, "الحكومة الانتقالية"), (A, "الحكومة المؤقتة"), (A, "السلطات السورية"),
        (A, "الحكومة السورية"), (A, "الجيش السوري"), (A, "وزارة الدفاع السورية"),
        (A, "قوى الأمن الداخلي"), (A, "الأمن العام"), (E, "Syrian government"),
        (E, "transitional government"), (E, "interim government"), (E, "Syrian army"),
        (E, "Damascus"), (E, "Syrian Ministry of Defence"), (E, "General Security"),
        (A, "حكومة دمشق"), (A, "قوات الجيش السوري"), (A, "هيئة عمليات الجيش السوري"),
        (E, "central government"), (E, "Damascus government"), (E, "Damascus administration"),
        (E, "government forces"), (E, "Syrian government forces"), (A, "القوات الحكومية"),
        (E, "General Security Service"), (E, "government-affiliated armed groups"),
        (E, "Armed groups affiliated with the Syrian government")],
        valid_from="2024-12-08",
        note="From 8 December 2024; the same words that named the Assad government before."),
    actor("fourth-division", "Fourth Division", "الفرقة الرابعة", "government", "#D55E00", [
        (E, "4th Division"), (E, "Fourth Armoured Division"), (A, "الفرقة الرابعة مدرعات")],
        valid_to="2024-12-08"),
    actor("air-force-intelligence", "Air Force Intelligence", "المخابرات الجوية", "government",
          "#D55E00", [(A, "الاستخبارات الجوية"), (A, "جهاز الاستخبارات الجوية"),
                      (E, "Air Force Intelligence Directorate")], valid_to="2024-12-08"),
    actor("ndf", "National Defence Forces (NDF)", "قوات الدفاع الوطني", "government", "#D55E00", [
        (E, "NDF"), (A, "الدفاع الوطني"), (A, "فصيل الدفاع الوطني"), (A, "ميليشيا الدفاع الوطني"),
        (E, "National Defense Forces")], valid_to="2024-12-08"),
    actor("russia", "Russia", "روسيا", None, "#56B4E9", [
        (A, "القوات الروسية"), (A, "الروس"), (A, "الجانب الروسي"), (E, "Russian forces"),
        (E, "Russian military police"), (E, "Moscow"), (A, "الشرطة العسكرية الروسية"),
        (E, "Russians"), (E, "the Russian side"), (A, "الجيش الروسي"), (A, "الجانب الروسي"),
        (A, "موسكو")]),
    actor("turkey", "Turkey", "تركيا", "sna", "#009E73", [
        (A, "الجيش التركي"), (A, "القوات التركية"), (A, "أنقرة"), (E, "Turkish army"),
        (E, "Turkish forces"), (E, "Türkiye"), (E, "Ankara"), (A, "الاحتلال التركي"),
        (A, "الجانب التركي"), (A, "ضباط أتراك"), (E, "Turkish officers"), (E, "Turkish military")]),
    actor("sna", "Syrian National Army (SNA)", "الجيش الوطني السوري", "sna", "#009E73", [
        (E, "SNA"), (E, "Turkish-backed factions"), (A, "الجيش الوطني"),
        (A, "الفصائل الموالية لتركيا"), (A, "فصائل المعارضة"), (E, "Free Syrian Army"),
        (E, "TFSA"), (E, "Turkish-backed armed groups"), (E, "Turkish-backed groups"),
        (E, "Turkish-backed Syrian opposition forces"), (E, "Turkish-backed opposition"),
        (A, "الفصائل المدعومة من تركيا"), (A, "فصائل الجيش الوطني"),
        (E, "opposition forces"), (E, "Syrian opposition forces"), (E, "opposition factions"),
        (E, "armed opposition factions"), (A, "قوات المعارضة"), (A, "الفصائل المعارضة")]),
    actor("hts", "Hayat Tahrir al-Sham (HTS)", "هيئة تحرير الشام", "hts", "#999999", [
        (E, "HTS"), (A, "تحرير الشام"), (A, "الهيئة"), (E, "Tahrir al-Sham")]),
    actor("us", "United States", "الولايات المتحدة", "coalition", "#0072B2", [
        (E, "US"), (E, "U.S."), (E, "Washington"), (E, "American forces"), (A, "واشنطن"),
        (A, "القوات الأمريكية"), (A, "الأمريكيين"), (A, "أمريكا")]),
    actor("us-led-coalition", "US-led coalition", "التحالف الدولي", "coalition", "#0072B2", [
        (E, "international coalition"), (E, "Global Coalition"), (E, "coalition forces"),
        (A, "قوات التحالف"), (A, "التحالف الدولي بقيادة واشنطن")]),
    actor("hezbollah", "Hezbollah", "حزب الله", "government", "#D55E00", [
        (E, "Hizbullah"), (E, "Hizballah"), (A, "ميليشيا حزب الله")]),
    actor("iran", "Iran and Iranian-backed militias", "إيران", "government", "#D55E00", [
        (A, "الميليشيات الإيرانية"), (E, "Iranian-backed militias"), (E, "IRGC"),
        (A, "الحرس الثوري")]),
    actor("manbij-military-council", "Manbij Military Council", "مجلس منبج العسكري", "sdf",
          "#E69F00", [(E, "MMC")]),
    actor("deir-ez-zor-military-council", "Deir ez-Zor Military Council",
          "مجلس دير الزور العسكري", "sdf", "#E69F00", [(E, "DMC")]),
    actor("isis", "Islamic State (ISIS)", "تنظيم الدولة الإسلامية", None, "#000000", [
        (E, "ISIS"), (E, "IS"), (E, "ISIL"), (E, "Daesh"), (A, "داعش"), (A, "تنظيم الدولة")]),
    actor("sheikh-maqsoud-residents", "Sheikh Maqsoud residents", "أهالي حي الشيخ مقصود", None,
          "#777777", [(A, "سكان حي الشيخ مقصود"), (A, "أهالي الشيخ مقصود"),
                      (A, "سكان الشيخ مقصود"), (E, "residents of Sheikh Maqsoud"),
                      (E, "Sheikh Maqsoud residents"), (E, "people of Sheikh Maqsoud")]),
]

# The people of a town or neighbourhood as a descriptive group: the target of a siege of the
# place when no armed actor is named as besieged ("<Place> residents"). The id is always
# "<place id>-residents" (see `geodata.extract.roles.residents_of`). Place id, English and Arabic name.
RESIDENT_PLACES = [
    ("ashrafieh-aleppo", "Ashrafieh", "الأشرفية", "حي الأشرفية"),
    ("aleppo", "Aleppo", "حلب", "مدينة حلب"),
    ("kobani", "Kobani", "عين العرب", "كوباني"),
    ("qamishli", "Qamishli", "القامشلي", "مدينة القامشلي"),
    ("hasakah", "Hasakah", "الحسكة", "مدينة الحسكة"),
    ("afrin", "Afrin", "عفرين", "مدينة عفرين"),
    ("tal-rifaat", "Tal Rifaat", "تل رفعت", "مدينة تل رفعت"),
    ("manbij", "Manbij", "منبج", "مدينة منبج"),
    ("azaz", "Azaz", "أعزاز", "مدينة أعزاز"),
    ("ain-issa", "Ain Issa", "عين عيسى", "بلدة عين عيسى"),
    ("tal-abyad", "Tal Abyad", "تل أبيض", "مدينة تل أبيض"),
    ("ras-al-ain", "Ras al-Ain", "رأس العين", "مدينة رأس العين"),
    ("raqqa", "Raqqa", "الرقة", "مدينة الرقة"),
    ("deir-ez-zor", "Deir ez-Zor", "دير الزور", "مدينة دير الزور"),
    ("deir-hafer", "Deir Hafer", "دير حافر", "بلدة دير حافر"),
    ("maskanah", "Maskanah", "مسكنة", "بلدة مسكنة"),
    ("jarablus", "Jarablus", "جرابلس", "مدينة جرابلس"),
    ("amuda", "Amuda", "عامودا", "مدينة عامودا"),
    ("derik", "Derik", "المالكية", "مدينة المالكية"),
]
for _pid, _en, _ar, _ar_cls in RESIDENT_PLACES:
    ACTORS.append(actor(f"{_pid}-residents", f"{_en} residents", f"أهالي {_ar}", None, "#777777", [
        (A, f"سكان {_ar}"), (A, f"أهالي {_ar_cls}"), (A, f"سكان {_ar_cls}"),
        (E, f"residents of {_en}"), (E, f"{_en} residents"), (E, f"people of {_en}")]))


def main() -> None:
    for record in ACTORS:
        Actor.model_validate(record)
    write_records(DATA_DIR / "actors.json", ACTORS)


if __name__ == "__main__":
    main()
