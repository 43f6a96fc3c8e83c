"""Edit (editors only): add, change and delete events and places, set a control zone's dates,
read the audit log, undo the last change. The forms are in `dashboard.editing`."""

import streamlit as st

from dashboard import account, audit, editing, session, undo
from dashboard.i18n import t

account.require_editor()
ds = session.full_dataset()
st.markdown("##### " + t("edit.title"))
account.show_flash()
editing.show_error()
undo.panel()
events, places, zones, log = st.tabs([t("page.events"), t("page.places"), t("edit.zones"), t("edit.audit")])
with events:
    editing.event_form(ds)
with places:
    editing.place_form(ds)
with zones:
    editing.zone_form(ds)
with log:
    audit.audit_log()
