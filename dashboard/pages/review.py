"""Add a report (editors only): paste a report and its metadata, review the events found in it
(evidence highlighted, places on a small map), accept, edit or reject each; and the queue of
drafts stored by `zonemap ingest`."""

import datetime as dt
import hmac

import streamlit as st
from streamlit_folium import st_folium

from dashboard import review, session
from dashboard.map import build_map
from dashboard.view_state import ViewState
from geodata.errors import ZonemapError
from geodata.extraction import ExtractionError, Extractor, source_for
from geodata.model import EventType, ReviewStatus
from geodata.settings import get_settings
from geodata.store import open_store


@st.cache_resource(show_spinner="Loading the lexicons…")
def _extractor(_ds) -> Extractor:
    return Extractor.from_dataset(_ds)


ds = session.dataset()
settings = get_settings()
st.markdown("##### Add a report")
if not settings.editor_secret:
    st.info("Editing is off on this server: set ZONEMAP_EDITOR_SECRET to let editors add reports.")
    st.stop()
user = st.text_input("Your name", key="review_user")
secret = st.text_input("Editor secret", type="password", key="review_secret")
if not user.strip() or not hmac.compare_digest(secret.encode(), settings.editor_secret.encode()):
    st.info("Editors only: give your name and the editor secret.")
    st.stop()

add, queue = st.tabs(["New report", "Review queue"])
with add:
    text = st.text_area("Report text (Arabic or English)", key="review_text", height=220)
    c1, c2, c3, c4 = st.columns([2, 3, 2, 1])
    outlet = c1.text_input("Outlet", key="review_outlet")
    url = c2.text_input("URL", key="review_url")
    published = c3.date_input("Published", value=dt.date.today(), key="review_published")
    lang = c4.selectbox("Language", ["auto", "ar", "en"], key="review_lang")
    if st.button("Find events", key="review_find", type="primary"):
        try:
            result = _extractor(ds).extract(text, lang=None if lang == "auto" else lang,
                                            published=published)
            source = source_for(text, outlet=outlet.strip() or "unknown outlet", url=url or None,
                                published=published, lang=result.lang)
            st.session_state["review_found"] = (text, result.to_events(source))
        except ExtractionError as exc:
            st.error(str(exc))
    found_text, drafts = st.session_state.get("review_found", ("", []))
    if drafts:
        placed = [e for e in drafts if e.places]
        first = ds.gazetteer.places[placed[0].places[0]] if placed else None
        view = ViewState(date=published, lat=first.point[0] if first else None,
                         lon=first.point[1] if first else None, zoom=8 if first else None)
        shown = [e.model_copy(update={"review": ReviewStatus.ACCEPTED}) for e in placed]
        st_folium(build_map(ds.with_events(shown), view, tiles=session.tiles_url(),
                            link_base=session.link_base()),
                  key="review_map", height=320, use_container_width=True, returned_objects=[])
        st.caption(f"{len(drafts)} event(s) found. Decide on each, then save.")
        decisions, edits = {}, {}
        for e in drafts:
            with st.container(border=True):
                st.markdown(review.label(ds, e))
                st.html(review.evidence_html(found_text, e.evidence.start, e.evidence.end))
                decisions[e.id] = st.radio("Decision", review.DECISIONS, horizontal=True,
                                           key=f"review_decision_{e.id}", index=3)
                if decisions[e.id] == review.EDIT:
                    a, b, c, d = st.columns(4)
                    types = [t.value for t in EventType]
                    places = ["", *sorted(ds.gazetteer.curated)]
                    actors = ["", *sorted(ds.actors)]
                    edits[e.id] = {
                        "type": a.selectbox("Type", types, index=types.index(e.type.value),
                                            key=f"review_type_{e.id}"),
                        "place": b.selectbox("Place", places, key=f"review_place_{e.id}",
                                             index=places.index(e.places[0]) if e.places
                                             and e.places[0] in places else 0),
                        "actor": c.selectbox("Actor", actors, key=f"review_actor_{e.id}",
                                             index=actors.index(e.actor) if e.actor in actors else 0),
                        "target": d.selectbox("Target", actors, key=f"review_target_{e.id}",
                                              index=actors.index(e.target) if e.target in actors
                                              else 0),
                    }
        if st.button("Save decisions", key="review_save"):
            chosen = review.decide(drafts, decisions, edits)
            store = open_store(settings)
            try:
                store.as_editor(user.strip(), secret).add_events(chosen, user=user.strip())
                st.success(f"{len(chosen)} event(s) saved.")
                st.session_state.pop("review_found", None)
            except (ZonemapError, ValueError, PermissionError) as exc:
                st.error(f"Nothing was saved: {exc}")
            finally:
                store.close()

with queue:
    store = open_store(settings)
    try:
        waiting = store.drafts()
        if not waiting:
            st.write("No drafts are waiting for review.")
        for e in waiting:
            with st.container(border=True):
                st.markdown(review.label(ds, e))
                st.html(review.evidence_html(e.evidence.quote, 0, len(e.evidence.quote)))
                st.caption(f"{e.source.outlet} · {e.source.published or 'undated'} · "
                           f"{e.source.url or 'no URL'}")
                ok, no = st.columns(2)
                status = (ReviewStatus.ACCEPTED if ok.button("Accept", key=f"queue_accept_{e.id}")
                          else ReviewStatus.REJECTED if no.button("Reject", key=f"queue_reject_{e.id}")
                          else None)
                if status is not None:
                    store.as_editor(user.strip(), secret).set_review(e.id, status, user=user.strip())
                    st.rerun()
    except (ZonemapError, PermissionError) as exc:
        st.error(f"The review queue cannot be read: {exc}")
    finally:
        store.close()
