""" "Undo last change" on the Edit page: it says whose change it is and what it did, asks for
confirmation, and undoes exactly the change confirmed (`Editor.undo_last(expected=...)`: if
another change has come in since, nothing is undone and the message names it). An editor may
undo only their own change, an administrator anyone's (`geodata.accounts.undo_refusal`); the
button is disabled, with the reason, when the last change is someone else's."""

from __future__ import annotations

import streamlit as st

from geodata import accounts
from geodata.store import Change, Editor

from . import account, editing, session
from .i18n import t, tmd

CONFIRM = "_undo_confirm"  # session state: the id of the change whose undo awaits confirmation


def describe(change: Change) -> str:
    """Whose change, when, and what it did, in the page's language (plain text: shown through
    `md`). The change's own summary is the store's, in English, as on the Audit page."""
    return t(
        "undo.change",
        id=change.id,
        user=change.user,
        at=f"{change.at:%Y-%m-%d %H:%M}",
        summary=change.summary,
    )


def _ask(change_id: int) -> None:
    st.session_state[CONFIRM] = change_id


def _cancel() -> None:
    st.session_state.pop(CONFIRM, None)


def _undo(change_id: int) -> None:
    st.session_state.pop(CONFIRM, None)

    def undo(ed: Editor) -> str:
        change = ed.undo_last(expected=change_id)
        return t("undo.undone", change=describe(change))

    editing._write(t("undo.what"), undo)


def panel() -> None:
    """The last change, and its undo button or the confirmation."""
    ed = account.require_editor()
    last = session.store().last_change()
    if last is None:
        st.caption(t("undo.nothing"))
        st.session_state.pop(CONFIRM, None)
        return
    refusal = accounts.undo_refusal(ed.role, ed.user, last.user)
    if st.session_state.get(CONFIRM) == last.id and not refusal:
        with st.container(border=True, key="undo_confirmation"):
            st.warning(tmd("undo.confirm", change=describe(last)), icon=":material/undo:")
            yes, no = st.columns(2)
            yes.button(t("undo.yes"), key="undo_confirm", type="primary", on_click=_undo, args=(last.id,))
            no.button(t("undo.cancel"), key="undo_cancel", on_click=_cancel)
        return
    st.session_state.pop(CONFIRM, None)  # a confirmation for an older change is void
    st.caption(tmd("undo.last", change=describe(last)))
    if refusal:
        st.caption(tmd("undo.refused", reason=refusal))
    st.button(
        t("undo.button"),
        key="undo_last",
        icon=":material/undo:",
        disabled=bool(refusal),
        on_click=_ask,
        args=(last.id,),
    )
