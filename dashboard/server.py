"""The dashboard as served: `app.py` in a Starlette app (`st.App`, Streamlit >= 1.67) with
Zonemap's own HTTP routes beside Streamlit's -- the two that set and clear the cookie keeping an
editor signed in (`dashboard.kept_session`) -- and a lifespan that warms the process up
(`dashboard.warm_up`) so that the first reader is served as fast as the next. `zonemap serve`
runs `streamlit run dashboard/server.py`; `streamlit run dashboard/app.py` still works, without
those routes (a reload then signs an editor out) and without the warm-up."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import streamlit as st

from dashboard import kept_session, warm_up

kept_session.routes_mounted = True


@asynccontextmanager
async def _lifespan(_app: object) -> AsyncIterator[None]:
    warm_up.start()
    yield


app = st.App("app.py", routes=kept_session.routes(), lifespan=_lifespan)
