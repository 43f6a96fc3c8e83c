"""The dashboard as served: `app.py` in a Starlette app (`st.App`, Streamlit >= 1.67) with
Zonemap's own HTTP routes beside Streamlit's -- the two that set and clear the cookie keeping an
editor signed in (`dashboard.kept_session`). `zonemap serve` runs `streamlit run
dashboard/server.py`; `streamlit run dashboard/app.py` still works, without those routes (a
reload then signs an editor out)."""

import streamlit as st

from dashboard import kept_session

kept_session.routes_mounted = True
app = st.App("app.py", routes=kept_session.routes())
