"""Import (editors only): upload a file, read it with a progress bar, see every rejected record
with its reason, and write nothing until "Apply the N valid records" (all or nothing)."""

import streamlit as st

from dashboard import account, i18n, importing, session
from dashboard.i18n import t, tmd
from dashboard.markdown import md
from geodata import duplicates
from geodata.errors import ZonemapError
from geodata.formats import KINDS, read_import_bytes

editor = account.require_editor()
ds = session.full_dataset()
ui = i18n.current()  # bound in the options' labels: AppTest formats them outside a run
st.markdown("##### " + t("import.title"))
account.show_flash()
upload = st.file_uploader(
    tmd("import.upload", mb=importing.MAX_MB),
    type=importing.UPLOAD_TYPES,
    key="import_file",
    max_upload_size=importing.MAX_MB,
)
a, b = st.columns(2)
kind = a.selectbox(
    t("import.kind"),
    ["auto", *KINDS],
    key="import_kind",
    format_func=lambda k: i18n.text(ui, f"import.kind_{k}"),
)
as_of = b.date_input(t("import.as_of"), value=None, key="import_as_of", help=t("import.as_of_help"))
if upload is None:
    st.caption(t("import.nothing_yet"))
    st.stop()

key = (upload.file_id, kind, as_of)
if st.session_state.get("import_key") != key:
    bar = st.progress(0.0, text=t("import.reading", name=upload.name))
    try:
        result = read_import_bytes(
            upload.getvalue(),
            upload.name,
            None if kind == "auto" else kind,
            as_of,
            dataset=ds,
            progress=importing.progress_to(bar, "import.read_progress", ui),
        )
        st.session_state["import_result"] = result
    except (ZonemapError, ValueError, OSError) as exc:
        st.session_state["import_result"] = str(exc)
    st.session_state["import_key"] = key
    bar.empty()
result = st.session_state["import_result"]
if isinstance(result, str):
    st.error(tmd("import.cannot", reason=result))
    st.stop()

st.write(md("{}", importing.summary(result, ui)))
for note in result.notes:
    st.caption(md("{}", note))
if result.rejected:
    st.warning(tmd("import.rejected", n=result.rejected_records))
    rejects = importing.headers(importing.rejects_frame(result), ui)
    st.dataframe(rejects, hide_index=True, width="stretch", key="import_rejects")
if st.session_state.get("import_applied") == key:
    st.info(t("import.applied"))
elif result.records:
    with st.expander(tmd("import.valid", n=len(result.records))):
        st.dataframe(importing.preview_frame(result), hide_index=True, width="stretch")
    found = importing.duplicates_in(result, ds)
    choice = None
    if found:
        st.warning(
            tmd("import.duplicates", n=len(found), km=duplicates.MAX_KM), icon=":material/content_copy:"
        )
        st.dataframe(
            importing.headers(importing.duplicates_frame(found), ui),
            hide_index=True,
            width="stretch",
            key="import_duplicates_table",
        )
        choice = st.radio(
            t("import.what_to_do"),
            importing.DUPLICATE_CHOICES,
            index=None,
            key="import_duplicates",
            format_func=lambda c: i18n.text(ui, f"import.duplicate_{c}"),
        )
    if st.button(
        tmd("import.apply", n=len(result.records)),
        key="import_apply",
        type="primary",
        disabled=bool(found) and choice is None,
        help=t("import.choose_first") if found else None,
    ):
        bar = st.progress(0.0, text=t("import.writing"))
        try:
            applied = editor.apply(
                importing.resolved(result, found, choice or duplicates.SKIP),
                progress=importing.progress_to(bar, "import.written_progress", ui),
            )
        except (PermissionError, ZonemapError, ValueError, LookupError) as exc:
            bar.empty()
            st.error(tmd("import.not_written", reason=exc))
        else:
            st.session_state["import_applied"] = key
            account.flash(
                t(
                    "import.done",
                    name=upload.name,
                    new=applied.inserted,
                    updated=applied.updated,
                    unchanged=applied.unchanged,
                    change=applied.change_id,
                )
            )
            st.rerun()
else:
    st.error(t("import.no_valid"))
