"""Write geodata/data/sources.json and events.json: the events of the seed report.

The report (a Russian-brokered meeting in Qamishli, January 2021) is not shipped; only the
quotes each event rests on, located here by exact search in a copy of its text, so that every
offset is computed, never typed. Run: `python scripts/build_seed_events.py PATH_TO_TEXT`.

Dating: the report gives no date. It says the Hasakah cordon began "yesterday"; contemporary
reports date the Asayish siege of the Hasakah square to 19 January 2021, so the report is dated
2021-01-20 at day precision for the source and week precision for the meeting itself.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from geodata.dataset import DATA_DIR
from geodata.formats.geojson import write_records
from geodata.model import Event, Source

SOURCE_ID = "syria-tv-relay-2021-01-20-qamishli-meeting"
DAY = "2021-01-20"

SOURCE = {
    "id": SOURCE_ID,
    "outlet": "Arabic news site relaying Syria TV (تلفزيون سوريا)",
    "url": None,
    "published": DAY,
    "title": "Russian-brokered meeting between the SDF and the Syrian government in Qamishli",
    "lang": "ar",
    "note": "The seed report of the project. Its original URL was not kept with the text; the "
    "publication date is inferred from its content (see scripts/build_seed_events.py).",
}

# (id, fields, quote). Quotes must occur exactly once in the text.
EVENTS: list[tuple[str, dict, str]] = [
    (
        "seed-meeting-qamishli",
        dict(
            type="meeting",
            cameo="044",
            actor="sdf",
            target="syrian-government",
            mediator="russia",
            places=["qamishli"],
            date=DAY,
            date_precision="week",
            confidence="high",
            object_en="Russian-brokered talks to end the escalating tension; ended without agreement",
            object_ar="اجتماع برعاية روسية لوقف التوتر، انتهى دون اتفاق",
        ),
        "الاجتماع الذي جمع قوات سوريا الديمقراطية, ومسؤولين من السلطات السورية في القامشلي "
        "برعاية روسية انتهى دون التوصل إلى اتفاق",
    ),
    (
        "seed-demand-lift-shahba",
        dict(
            type="demand",
            cameo="1056",
            actor="sdf",
            target="syrian-government",
            places=["shahba-region"],
            date=DAY,
            confidence="high",
            status="proposed",
            object_en="lift the blockade of the Shahba region (northern Aleppo countryside)",
            object_ar="فك الحصار عن منطقة الشهباء بريف حلب الشمالي",
            links=[
                {"rel": "in_exchange_for", "event": "seed-offer-lift-hasakah-square"},
                {"rel": "in_exchange_for", "event": "seed-offer-lift-qamishli-square"},
                {"rel": "concerns", "event": "seed-blockade-shahba"},
            ],
        ),
        "قوات سوريا الديمقراطية طالبت السلطات السورية بفك الحصار عن منطقة الشهباء بريف حلب الشمالي",
    ),
    (
        "seed-demand-lift-sheikh-maqsoud",
        dict(
            type="demand",
            cameo="1056",
            actor="sdf",
            target="syrian-government",
            places=["sheikh-maqsoud"],
            date=DAY,
            confidence="high",
            status="proposed",
            object_en="lift the blockade of Sheikh Maqsoud (Aleppo)",
            object_ar="فك الحصار عن حي الشيخ مقصود بمدينة حلب",
            links=[
                {"rel": "in_exchange_for", "event": "seed-offer-lift-hasakah-square"},
                {"rel": "in_exchange_for", "event": "seed-offer-lift-qamishli-square"},
                {"rel": "concerns", "event": "seed-blockade-sheikh-maqsoud"},
            ],
        ),
        "طالبت السلطات السورية بفك الحصار عن منطقة الشهباء بريف حلب الشمالي وحي الشيخ مقصود بمدينة حلب",
    ),
    (
        "seed-blockade-shahba",
        dict(
            type="blockade",
            actor="syrian-government",
            target="sdf",
            places=["shahba-region"],
            date=DAY,
            since=DAY,
            status="ongoing",
            confidence="medium",
            object_en="government blockade of the Shahba region",
            object_ar="حصار الحكومة لمنطقة الشهباء",
            note="Stated through the SDF's demand to lift it; its start is not given in the report.",
        ),
        "بفك الحصار عن منطقة الشهباء بريف حلب الشمالي",
    ),
    (
        "seed-blockade-sheikh-maqsoud",
        dict(
            type="blockade",
            actor="syrian-government",
            target="sdf",
            places=["sheikh-maqsoud"],
            date=DAY,
            since=DAY,
            status="ongoing",
            confidence="medium",
            object_en="government blockade of Sheikh Maqsoud",
            object_ar="حصار الحكومة لحي الشيخ مقصود",
            note="Stated through the SDF's demand to lift it; its start is not given in the report.",
        ),
        "الحصار عن منطقة الشهباء بريف حلب الشمالي وحي الشيخ مقصود",
    ),
    (
        "seed-offer-lift-hasakah-square",
        dict(
            type="lift_blockade",
            actor="sdf",
            target="syrian-government",
            places=["hasakah-security-square"],
            date=DAY,
            status="proposed",
            confidence="medium",
            object_en="the SDF lifts its siege of the government's security square in Hasakah",
            object_ar="فك الحصار عن المربع الأمني بمدينة الحسكة",
            links=[
                {"rel": "in_exchange_for", "event": "seed-demand-lift-shahba"},
                {"rel": "in_exchange_for", "event": "seed-demand-lift-sheikh-maqsoud"},
                {"rel": "concerns", "event": "seed-blockade-hasakah-square"},
            ],
            note="Offered in exchange for the government lifting its blockades of Shahba and Sheikh "
            "Maqsoud. The Arabic «فك الأخيرة الحصار» is read, with the rest of the report, as "
            "the SDF lifting its own siege.",
        ),
        "مقابل فك الأخيرة الحصار عن المربعين الأمنيين بمدينتي الحسكة والقامشلي",
    ),
    (
        "seed-offer-lift-qamishli-square",
        dict(
            type="lift_blockade",
            actor="sdf",
            target="syrian-government",
            places=["qamishli-security-square"],
            date=DAY,
            status="proposed",
            confidence="medium",
            object_en="the SDF lifts its siege of the government's security square in Qamishli",
            object_ar="فك الحصار عن المربع الأمني بمدينة القامشلي",
            links=[
                {"rel": "in_exchange_for", "event": "seed-demand-lift-shahba"},
                {"rel": "in_exchange_for", "event": "seed-demand-lift-sheikh-maqsoud"},
                {"rel": "concerns", "event": "seed-blockade-qamishli-square"},
            ],
        ),
        "فك الأخيرة الحصار عن المربعين الأمنيين بمدينتي الحسكة والقامشلي",
    ),
    (
        "seed-demand-military-neighbourhood",
        dict(
            type="demand",
            cameo="106",
            actor="sdf",
            target="syrian-government",
            places=["qamishli-military-neighbourhood"],
            date=DAY,
            confidence="high",
            status="proposed",
            object_en="close the military neighbourhood in Qamishli, withdraw its security "
            "checkpoints and hand the neighbourhood to the SDF within a week",
            object_ar="إغلاق الحي العسكري في القامشلي وسحب الحواجز الأمنية وتسليم الحي لقسد خلال أسبوع",
        ),
        "جددت قسد مطالبتها السلطات السورية بإغلاق الحي العسكري في مدينة القامشلي وسحب حواجزها "
        "الأمنية وتسليم الحي لقوات سوريا الديمقراطية خلال أسبوع",
    ),
    (
        "seed-demand-airport-post",
        dict(
            type="demand",
            cameo="100",
            actor="sdf",
            target="syrian-government",
            places=["qamishli-airport"],
            date=DAY,
            confidence="high",
            status="proposed",
            object_en="let the SDF open a security post inside Qamishli airport, and stop Air Force "
            "Intelligence harassing travellers through the airport",
            object_ar="افتتاح مركز أمني لقسد داخل مطار القامشلي ووقف التضييق على المسافرين",
        ),
        "قسد تشترط أيضا على النظام افتتاح مركز أمني له داخل مطار القامشلي ووقف التضييق على "
        "المسافرين عبر المطار من قبل جهاز الاستخبارات الجوية لنظام الأسد",
    ),
    (
        "seed-demand-deescalate",
        dict(
            type="demand",
            cameo="1056",
            actor="syrian-government",
            target="sdf",
            places=["qamishli"],
            date=DAY,
            confidence="high",
            object_en="calm the situation (de-escalate)",
            object_ar="التهدئة",
            links=[{"rel": "responds_to", "event": "seed-demand-military-neighbourhood"}],
        ),
        "طالبت السلطات السورية “قسد” بالتهدئة",
    ),
    (
        "seed-threat-military-option",
        dict(
            type="threat",
            cameo="138",
            actor="sdf",
            target="syrian-government",
            places=["qamishli"],
            date=DAY,
            confidence="high",
            object_en="the military option, if the government does not carry out its demands; "
            "postponed until a second meeting in the coming days",
            object_ar="الخيار العسكري في حال عدم الامتثال لتنفيذ مطالبها",
            links=[{"rel": "responds_to", "event": "seed-demand-deescalate"}],
        ),
        "لوحت الأخيرة بالخيار العسكري في حال عدم أمثالها لتنفيذ مطالبها",
    ),
    (
        "seed-blockade-hasakah-square",
        dict(
            type="blockade",
            cameo="191",
            actor="asayish",
            target="syrian-government",
            places=["hasakah-security-square"],
            date=DAY,
            since="2021-01-19",
            status="ongoing",
            confidence="high",
            object_en="all roads to the security square cut; vehicles barred from entering or "
            "leaving government-held areas (some crossings kept open)",
            object_ar="قطع كل الطرق إلى المربع الأمني ومنع حركة السيارات",
        ),
        "مع إقدام قوات الأسايش و”قسد” بقطع كل الطرق إلى المربع الأمني ومنع حركة السيارات "
        "الداخلة والخارجة إلى مناطق سيطرة القوات الحكومية",
    ),
    (
        "seed-blockade-qamishli-square",
        dict(
            type="blockade",
            cameo="191",
            actor="asayish",
            target="syrian-government",
            places=["qamishli-security-square"],
            date=DAY,
            since=DAY,
            status="ongoing",
            confidence="high",
            object_en="a security cordon around the security square",
            object_ar="طوق أمني حول المربع الأمني",
            note="The report says the Asayish cordon both squares; its start in Qamishli is not given.",
        ),
        "تفرض الأسايش طوق أمني حول المربعين الأمنيين في المدينتين",
    ),
    (
        "seed-arrests-hasakah",
        dict(
            type="arrest",
            actor="sdf",
            target="syrian-government",
            places=["hasakah-security-square"],
            date=DAY,
            confidence="medium",
            object_en="arrest of every member of the army or the government's security agencies in the area",
            object_ar="اعتقال كل عنصر تابع للجيش أو أجهزة النظام",
        ),
        "اعتقال كل عنصر تابع للجيش أو أجهزة نظام الأسد في المنطقة",
    ),
    (
        "seed-meeting-ain-issa",
        dict(
            type="meeting",
            cameo="046",
            actor="russia",
            target="sdf",
            places=["ain-issa"],
            date="2020-12-01",
            date_precision="month",
            confidence="medium",
            historical=True,
            object_en="negotiations over Ain Issa, deadlocked by the SDF's refusal to hand the town "
            "to the government",
            object_ar="مفاوضات بشأن عين عيسى وصلت لطريق مسدود",
        ),
        "مفاوضات بين روسيا و”قسد” بشأن عين عيسى وصلت لطريق مسدود",
    ),
    (
        "seed-demand-handover-ain-issa",
        dict(
            type="demand",
            cameo="106",
            actor="russia",
            target="sdf",
            places=["ain-issa"],
            date="2020-12-01",
            date_precision="month",
            confidence="low",
            historical=True,
            status="proposed",
            object_en="hand the town of Ain Issa over to the Syrian government (refused by the SDF)",
            object_ar="تسليم بلدة عين عيسى للسلطات السورية",
            note="Implied: the report says the talks failed because the SDF refused the handover.",
        ),
        "رفض قوات سوريا الديمقراطية تسليم البلدة للسلطات السورية",
    ),
]


def main(text_path: Path) -> None:
    text = text_path.read_text(encoding="utf-8")
    source = dict(SOURCE, text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    Source.model_validate(source)
    events = []
    for event_id, fields, quote in EVENTS:
        start = text.find(quote)
        if start < 0 or text.find(quote, start + 1) >= 0:
            raise SystemExit(f"{event_id}: quote not found exactly once: {quote!r}")
        record = {
            "id": event_id,
            **fields,
            "source": SOURCE_ID,
            "evidence": {"quote": quote, "start": start, "end": start + len(quote), "lang": "ar"},
        }
        Event.model_validate({**record, "source": source})
        events.append(record)
    write_records(DATA_DIR / "sources.json", [source])
    write_records(DATA_DIR / "events.json", events)
    print(f"{len(events)} events written")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/seed/qamishli-meeting.ar.txt"))
