"""Who is using the dashboard: a viewer (anyone with the link) or a signed-in editor.

The deployment chooses how editors sign in (SECURITY.md), in this order:

1. **OpenID Connect**, when `.streamlit/secrets.toml` has an `[auth]` section (Streamlit's
   `st.login`; needs Authlib): "Sign in" sends the person to the identity provider; an identity
   whose e-mail address is on the allow-list -- ZONEMAP_EDITOR_EMAILS, or `editor_emails = [...]`
   in a `[zonemap]` section of the secrets -- becomes an editor recorded under that address
   (`Store.as_verified_editor`); any other stays a viewer. "Sign out" calls `st.logout()`.
2. **Editor accounts**, when the database holds any (`zonemap editors add NAME`): account name
   and password (`Store.sign_in`, given the client's IP address for the throttle).
3. **The shared secret** ZONEMAP_EDITOR_SECRET, when there is neither: the single-user laptop
   fallback, a self-declared name and the secret (`Store.as_editor`); a secret of fewer than 12
   characters disables editing, and the sign-in panel says so.

The store hands back an Editor, the only object with write methods; it is kept in this session's
state, never the password or the secret. Viewers get no editing control at all: the editor pages
are not in their navigation, and each editor page refuses to run without an Editor. Names are
shown through `markdown.md` (escaped), never as Markdown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from geodata import accounts
from geodata.errors import ZonemapError
from geodata.store import Editor, Store

from . import data, kept_session, session
from .i18n import t, tmd
from .markdown import md

log = logging.getLogger(__name__)

EDITOR = "_editor"  # session state: (store key, Editor) of the signed-in user
MESSAGE = "_account_message"  # session state: why the last sign-in failed
FLASH = "_flash"  # session state: what the last write did, shown once on the next run
OIDC_REFUSED = "_oidc_refused"  # session state: the e-mail address the allow-list refused

OIDC, ACCOUNTS, SECRET = "oidc", "accounts", "secret"


# -- what the deployment configures ----------------------------------------------------------


def _secrets_section(name: str) -> Mapping[str, Any] | None:
    """A section of `.streamlit/secrets.toml` (None when there is no such section or file).
    Loading the secrets also makes their root keys environment variables (ZONEMAP_...)."""
    try:
        if not st.secrets.load_if_toml_exists():
            return None
        section = st.secrets.get(name)
    except Exception:  # an unreadable secrets file: Streamlit reports it at start-up
        log.debug("cannot read the secrets", exc_info=True)
        return None
    return section if isinstance(section, Mapping) else None


def oidc_provider() -> tuple[bool, str | None]:
    """Whether OpenID Connect is configured, and the provider `st.login` is to use: None for
    the settings in `[auth]` itself, else the first `[auth.NAME]` section with a client id."""
    auth = _secrets_section("auth")
    if auth is None:
        return False, None
    if "client_id" in auth:
        return True, None
    named = sorted(k for k, v in auth.items() if isinstance(v, Mapping) and "client_id" in v)
    return True, (named[0] if named else None)


def allowed_emails() -> tuple[str, ...]:
    """The editors' e-mail addresses: ZONEMAP_EDITOR_EMAILS and `[zonemap] editor_emails`."""
    found = list(data.settings().editor_emails)
    section = _secrets_section("zonemap") or {}
    extra = section.get("editor_emails")
    if isinstance(extra, str):
        found += accounts.parse_emails(extra)
    elif isinstance(extra, list | tuple):
        found += [e for e in (accounts.normalise_email(x) for x in extra) if e]
    return tuple(dict.fromkeys(found))


def sign_in_mode() -> str | None:
    """How editors sign in here (OIDC, ACCOUNTS or SECRET; the module docstring), or None
    when there is no way: then there is no editing and no sign-in panel."""
    if oidc_provider()[0]:
        return OIDC
    if session.store().has_editor_accounts():
        return ACCOUNTS
    if data.settings().editor_secret:
        return SECRET
    return None


def editing_enabled() -> bool:
    return sign_in_mode() is not None


def client_address() -> str | None:
    """The browser's IP address (the WebSocket's peer: behind a reverse proxy, the proxy's),
    for the per-client throttle; None when unknown (and for localhost)."""
    try:
        ip = st.context.ip_address
    except Exception:  # no session (AppTest), or an older Streamlit
        return None
    return ip if isinstance(ip, str) and ip else None


def _user_claim(name: str) -> Any:
    try:
        return st.user.get(name)
    except Exception:  # no script run context
        return None


def _logged_in() -> bool:
    return bool(_user_claim("is_logged_in"))


# -- the signed-in editor ----------------------------------------------------------------------


def editor() -> Editor | None:
    """The signed-in editor of this session (None for a viewer). It shares the session's store
    (and so its connection, closed at the end of each run). An editor of another database or
    secret (the settings changed under a running server), or of an identity that has since
    logged out, counts as signed out. With OpenID Connect, a logged-in identity on the
    allow-list is made an editor here, before the navigation is built."""
    script = kept_session.pending_script()
    if script:  # the request that sets or clears the kept-session cookie (until it came)
        st.html(script, unsafe_allow_javascript=True)
    held = st.session_state.get(EDITOR)
    if held is not None:
        key, ed = held
        valid = key == session.store_key() and (
            ed.signed_in_with != "oidc"
            or (_logged_in() and accounts.normalise_email(_user_claim("email")) == ed.user)
        )
        if valid:
            return ed
        st.session_state.pop(EDITOR, None)
    kept = kept_session.resumed(session.store(), data.settings())
    if kept is not None:
        st.session_state[EDITOR] = (session.store_key(), kept)
        return kept
    return _oidc_editor()


def _oidc_editor() -> Editor | None:
    if not _logged_in() or not oidc_provider()[0]:
        return None
    email = _user_claim("email")
    if st.session_state.get(OIDC_REFUSED) == email:
        return None
    try:
        if _user_claim("email_verified") is False:
            raise PermissionError("the identity provider has not verified this e-mail address")
        ed = session.store().as_verified_editor(email, allowed_emails())
    except (PermissionError, ZonemapError) as exc:
        st.session_state[OIDC_REFUSED] = email
        st.session_state[MESSAGE] = str(exc)
        log.warning("identity %r is not an editor: %s", email, exc)
        return None
    st.session_state[EDITOR] = (session.store_key(), ed)
    st.session_state.pop(MESSAGE, None)
    log.info("editor %r signed in through the identity provider", ed.user)
    return ed


def require_editor() -> Editor:
    """The signed-in editor, or the page stops here with a message (a viewer never reaches an
    editor page through the navigation; this guards a stale link or a signed-out session)."""
    ed = editor()
    if ed is None:
        st.warning(t("account.editors_only"))
        st.stop()
        raise RuntimeError("unreachable")  # st.stop() raises
    return ed


# -- signing in and out ------------------------------------------------------------------------


def _attempt(who: str, sign_in: Callable[[Store], Editor]) -> None:
    try:
        ed = sign_in(session.store())
    except PermissionError as exc:
        st.session_state.pop(EDITOR, None)
        st.session_state[MESSAGE] = str(exc)
        log.warning("refused sign-in for %r from %s: %s", who, client_address() or "-", exc)
    except ZonemapError as exc:
        st.session_state.pop(EDITOR, None)
        st.session_state[MESSAGE] = f"Signing in failed: {exc}"
    else:
        st.session_state[EDITOR] = (session.store_key(), ed)
        st.session_state.pop(MESSAGE, None)
        kept_session.keep(ed, data.settings())
        log.info("editor %r signed in (%s)", ed.user, ed.signed_in_with)


def _sign_in_account() -> None:
    name = str(st.session_state.get("signin_user") or "").strip()
    password = str(st.session_state.get("signin_password") or "")
    st.session_state["signin_password"] = ""  # the password does not stay in the session
    _attempt(name, lambda s: s.sign_in(name, password, client=client_address()))


def _sign_in_secret() -> None:
    name = str(st.session_state.get("signin_user") or "").strip()
    secret = str(st.session_state.get("signin_secret") or "")
    st.session_state["signin_secret"] = ""  # the secret does not stay in the session
    _attempt(name, lambda s: s.as_editor(name, secret, client=client_address()))


def _sign_out(identity_provider: bool = False) -> None:
    for key in (EDITOR, MESSAGE, OIDC_REFUSED):
        st.session_state.pop(key, None)
    kept_session.end(data.settings())
    if identity_provider:
        st.logout()


def _login(provider: str | None) -> None:
    st.session_state.pop(OIDC_REFUSED, None)
    try:
        st.login(provider)
    except Exception as exc:  # Authlib missing, or an incomplete [auth] section
        log.exception("st.login failed")
        st.session_state[MESSAGE] = f"Sign-in with the identity provider is not available: {exc}"


def sidebar() -> None:
    """The sign-in panel (or the signed-in editor and a sign-out button), at the sidebar's foot.
    Nothing at all when the server offers no way to sign in: there is no editing."""
    oidc, provider = oidc_provider()
    ed = editor()
    if ed is not None:
        with st.sidebar.container(border=True):
            st.caption(tmd("account.signed_in", user=ed.user, role=ed.role))
            st.button(
                t("account.sign_out"),
                key="signout",
                on_click=_sign_out,
                args=(oidc,),
                icon=":material/logout:",
            )
        return
    mode = sign_in_mode()
    if mode is None:
        return
    message = st.session_state.get(MESSAGE)
    with st.sidebar.expander(t("account.title"), expanded=bool(message)):
        if mode == OIDC:
            _oidc_panel(provider)
        elif mode == ACCOUNTS:
            with st.form("signin", border=False):
                st.text_input(t("account.name"), key="signin_user", autocomplete="username")
                st.text_input(
                    t("account.password"),
                    key="signin_password",
                    type="password",
                    autocomplete="current-password",
                )
                st.form_submit_button(t("account.sign_in"), on_click=_sign_in_account, key="signin_submit")
        else:
            problem = accounts.secret_problem(data.settings().editor_secret)
            if problem:
                st.warning(md("{}", problem))
            else:
                with st.form("signin", border=False):
                    st.text_input(t("account.your_name"), key="signin_user", autocomplete="username")
                    st.text_input(
                        t("account.secret"),
                        key="signin_secret",
                        type="password",
                        autocomplete="current-password",
                    )
                    st.form_submit_button(t("account.sign_in"), on_click=_sign_in_secret, key="signin_submit")
        if message:
            st.error(md("{}", message))


def _oidc_panel(provider: str | None) -> None:
    if _logged_in():
        st.caption(tmd("account.not_editor", user=_user_claim("email") or "?"))
        st.button(
            t("account.sign_out"), key="signout", on_click=_sign_out, args=(True,), icon=":material/logout:"
        )
    else:
        st.button(
            t("account.oidc"), key="signin_oidc", on_click=_login, args=(provider,), icon=":material/login:"
        )


def flash(message: str) -> None:
    """Say what a write did on the next run (pages rerun after a write, to show fresh data)."""
    st.session_state[FLASH] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(md("{}", message), icon=":material/check_circle:")
