"""Who is using the dashboard: a viewer (anyone with the link) or a signed-in editor.

An editor signs in in the sidebar with a name and the editor secret (ZONEMAP_EDITOR_SECRET, from
the environment or a root key of `.streamlit/secrets.toml`); the store checks the secret
(`Store.as_editor`) and hands back an Editor, the only object with write methods. It is kept in
this session's state, never the secret. Viewers get no editing control at all: the editor pages
are not in their navigation, and each editor page refuses to run without an Editor.
"""

from __future__ import annotations

import logging

import streamlit as st

from geodata.errors import ZonemapError
from geodata.store import Editor

from . import data, session

log = logging.getLogger(__name__)

EDITOR = "_editor"  # session state: (store key, Editor) of the signed-in user
MESSAGE = "_account_message"  # session state: why the last sign-in failed
FLASH = "_flash"  # session state: what the last write did, shown once on the next run


def editor() -> Editor | None:
    """The signed-in editor of this session (None for a viewer). It shares the session's store
    (and so its connection, closed at the end of each run). An editor of another database or
    secret (the settings changed under a running server) counts as signed out."""
    held = st.session_state.get(EDITOR)
    if held is None:
        return None
    key, ed = held
    if key != session.store_key():
        st.session_state.pop(EDITOR, None)
        return None
    return ed


def require_editor() -> Editor:
    """The signed-in editor, or the page stops here with a message (a viewer never reaches an
    editor page through the navigation; this guards a stale link or a signed-out session)."""
    ed = editor()
    if ed is None:
        st.warning("This page is for signed-in editors. Sign in in the sidebar.")
        st.stop()
        raise RuntimeError("unreachable")  # st.stop() raises
    return ed


def editing_enabled() -> bool:
    st.secrets.load_if_toml_exists()
    return bool(data.settings().editor_secret)


def _sign_in() -> None:
    user = str(st.session_state.get("signin_user") or "").strip()
    secret = str(st.session_state.get("signin_secret") or "")
    st.session_state["signin_secret"] = ""  # the secret does not stay in the session
    try:
        st.session_state[EDITOR] = (session.store_key(), session.store().as_editor(user, secret))
        st.session_state.pop(MESSAGE, None)
        log.info("editor %r signed in", user)
    except PermissionError as exc:
        st.session_state.pop(EDITOR, None)
        st.session_state[MESSAGE] = str(exc)
        log.warning("refused sign-in for %r: %s", user, exc)
    except ZonemapError as exc:
        st.session_state.pop(EDITOR, None)
        st.session_state[MESSAGE] = f"Signing in failed: {exc}"


def _sign_out() -> None:
    st.session_state.pop(EDITOR, None)
    st.session_state.pop(MESSAGE, None)


def sidebar() -> None:
    """The sign-in form (or the signed-in editor and a sign-out button), at the sidebar's foot.
    Nothing at all when the server has no editor secret: there is no editing to sign in to."""
    ed = editor()
    if ed is not None:
        with st.sidebar.container(border=True):
            st.caption(f"Signed in as **{ed.user}** (editor)")
            st.button("Sign out", key="signout", on_click=_sign_out, icon=":material/logout:")
        return
    if not editing_enabled():
        return
    with st.sidebar.expander("Editor sign-in", expanded=bool(st.session_state.get(MESSAGE))):
        with st.form("signin", border=False):
            st.text_input("Your name", key="signin_user", autocomplete="username")
            st.text_input("Editor secret", key="signin_secret", type="password",
                          autocomplete="current-password")
            st.form_submit_button("Sign in", on_click=_sign_in, key="signin_submit")
        if st.session_state.get(MESSAGE):
            st.error(st.session_state[MESSAGE])


def flash(message: str) -> None:
    """Say what a write did on the next run (pages rerun after a write, to show fresh data)."""
    st.session_state[FLASH] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message, icon=":material/check_circle:")
