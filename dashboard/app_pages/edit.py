"""Edit (editors only): add, change and delete events and places, set a control zone's dates,
read the audit log, undo the last change. The forms are in `dashboard.editing`."""

import streamlit as st

from dashboard import account, editing, session, undo

account.require_editor()
ds = session.full_dataset()
st.markdown("##### Edit the data")
account.show_flash()
editing.show_error()
undo.panel()
events, places, zones, log = st.tabs(["Events", "Places", "Control zones", "Audit log"])
with events:
    editing.event_form(ds)
with places:
    editing.place_form(ds)
with zones:
    editing.zone_form(ds)
with log:
    editing.audit_log()
