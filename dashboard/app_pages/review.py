"""Add a report (editors only): paste a report and its metadata, review the events found in it
(evidence highlighted, places on a small map), accept, edit or reject each; and the queue of
drafts stored by `zonemap ingest`. Helpers in `dashboard.review`; sign-in in `dashboard.account`."""

import streamlit as st
from streamlit_folium import st_folium

from dashboard import account, i18n, language, review, session
from dashboard.i18n import t, tmd
from dashboard.map import build_map
from dashboard.markdown import md
from dashboard.view_state import ViewState
from geodata.errors import ZonemapError
from geodata.extract import ExtractionError, Extractor, source_for
from geodata.model import EventType, ReviewStatus


@st.cache_resource(show_spinner=t("review.loading"))  # the cache is keyed on the code, not the text
def _extractor(_ds, revision: int) -> Extractor:  # noqa: ARG001 (a cache key: the cached function is keyed on it)
    return Extractor.from_dataset(_ds)


editor = account.require_editor()
ds = session.dataset()
account.show_flash()
ui = i18n.current()
FLAGS = {f: i18n.text(ui, f"review.flag_{f}") for f in ("historical", "implied", "linked")}
# The report box reads in the direction of what is typed in it (as dir="auto"): an Arabic
# report right-to-left, an English one left-to-right, whatever the page's language.
st.markdown(language.AUTO_DIRECTION, unsafe_allow_html=True)
st.markdown("##### " + t("review.title"))
add, queue = st.tabs([t("review.new"), t("review.queue")])

with add:
    text = st.text_area(t("review.text"), key="review_text", height=220)
    c1, c2, c3, c4 = st.columns([2, 3, 2, 1])
    outlet = c1.text_input(t("review.outlet"), key="review_outlet")
    url = c2.text_input(t("review.url"), key="review_url")
    published = c3.date_input(
        t("review.published"),
        value=None,  # never today unasked
        key="review_published",
    )
    lang = c4.selectbox(
        t("review.language"),
        ["auto", "ar", "en"],
        key="review_lang",
        format_func=lambda code: i18n.text(ui, f"review.lang_{code}"),
    )
    if st.button(t("review.find"), key="review_find", type="primary"):
        try:
            result = _extractor(ds, session.store().revision()).extract(
                text, lang=None if lang == "auto" else lang, published=published
            )
            source = source_for(
                text,
                outlet=outlet.strip() or "unknown outlet",
                url=url or None,
                published=published,
                lang=result.lang,
            )
            st.session_state["review_found"] = (text, result.to_events(source))
        except ExtractionError as exc:
            st.error(md("{}", exc))
    found_text, drafts = st.session_state.get("review_found", ("", []))
    if drafts:
        placed = [e for e in drafts if e.places]
        first = ds.gazetteer.places[placed[0].places[0]] if placed else None
        view = ViewState(
            date=published,
            lat=first.point[0] if first else None,
            lon=first.point[1] if first else None,
            zoom=8 if first else None,
        )
        shown = [e.model_copy(update={"review": ReviewStatus.ACCEPTED}) for e in placed]
        st_folium(
            build_map(ds.with_events(shown), view, tiles=session.tiles_url(), link_base=session.link_base()),
            key="review_map",
            height=320,
            use_container_width=True,
            returned_objects=[],
        )
        st.caption(tmd("review.found", n=len(drafts)))
        decisions, edits = {}, {}
        types = [t.value for t in EventType]
        places = ["", *sorted(ds.gazetteer.curated)]
        actors = ["", *sorted(ds.actors)]
        for e in drafts:
            with st.container(border=True):
                st.markdown(md("{}", review.label(ds, e, ui, FLAGS)))
                st.html(review.evidence_html(found_text, e.evidence.start, e.evidence.end))
                decisions[e.id] = st.radio(
                    t("review.decision"),
                    review.DECISIONS,
                    horizontal=True,
                    key=f"review_decision_{e.id}",
                    index=3,
                    format_func=lambda d: i18n.text(ui, f"review.{d}"),
                )
                if decisions[e.id] == review.EDIT:
                    a, b, c, d = st.columns(4)
                    here = e.places[0] if e.places and e.places[0] in places else ""
                    edits[e.id] = {
                        "type": a.selectbox(
                            t("column.type"),
                            types,
                            index=types.index(e.type.value),
                            key=f"review_type_{e.id}",
                        ),
                        "place": b.selectbox(
                            t("review.place"), places, index=places.index(here), key=f"review_place_{e.id}"
                        ),
                        "actor": c.selectbox(
                            t("column.actor"),
                            actors,
                            key=f"review_actor_{e.id}",
                            index=actors.index(e.actor or ""),
                        ),
                        "target": d.selectbox(
                            t("column.target"),
                            actors,
                            key=f"review_target_{e.id}",
                            index=actors.index(e.target or ""),
                        ),
                    }
        if st.button(t("review.save"), key="review_save"):
            chosen = review.decide(drafts, decisions, edits, keep_later=True)
            try:
                editor.add_events(chosen)
                waiting = sum(e.review == ReviewStatus.DRAFT for e in chosen)
                account.flash(
                    i18n.text(ui, "review.saved", n=len(chosen))
                    + (i18n.text(ui, "review.waiting", n=waiting) if waiting else ".")
                )
                st.session_state.pop("review_found", None)
                st.rerun()
            except (ZonemapError, ValueError) as exc:
                st.error(tmd("review.not_saved", reason=exc))

with queue:
    waiting = session.store().drafts()
    if not waiting:
        st.write(t("review.no_drafts"))
    for e in waiting:
        with st.container(border=True):
            st.markdown(md("{}", review.label(ds, e, ui, FLAGS)))
            st.html(review.evidence_html(e.evidence.quote, 0, len(e.evidence.quote)))
            st.caption(
                md(
                    "{} · {} · {}",
                    e.source.outlet,
                    e.source.published or i18n.text(ui, "review.undated"),
                    e.source.url or i18n.text(ui, "review.no_url"),
                )
            )
            ok, no = st.columns(2)
            status = (
                ReviewStatus.ACCEPTED
                if ok.button(t("review.accept_button"), key=f"queue_accept_{e.id}")
                else ReviewStatus.REJECTED
                if no.button(t("review.reject_button"), key=f"queue_reject_{e.id}")
                else None
            )
            if status is not None:
                try:
                    editor.set_review(e.id, status)
                    account.flash(
                        i18n.text(
                            ui,
                            "review.decided",
                            id=e.id,
                            status=i18n.text(ui, f"review_status.{status.value}"),
                        )
                    )
                    st.rerun()
                except ZonemapError as exc:
                    st.error(md("{}: {}", e.id, exc))
