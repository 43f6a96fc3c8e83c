"""Driving the live map's fragment from AppTest: AppTest cannot rerun a fragment alone, nor
send what st_folium sends from the browser, so these reach into its internals (private
Streamlit API, kept to this one module)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequests
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.local_script_runner import LocalScriptRunner

from dashboard.layers_control import LAYERS_OPEN


def map_component(at: AppTest) -> Any:
    (component,) = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    return component


def map_args(at: AppTest) -> dict:
    """The arguments the map's component was last rendered with (its layer, centre, zoom)."""
    return json.loads(map_component(at).proto.json_args)


def live_map_fragment(at: AppTest) -> str:
    """The id of the fragment that draws the map (the live map's function)."""
    fragments = at._fragment_storage._fragments
    ids = [i for i, f in fragments.items() if "live_map" in repr(getattr(f, "__wrapped__", f))]
    return (ids or list(fragments))[0]


def fragment_run(at: AppTest, fragment_id: str, map_value: dict) -> AppTest:
    """Rerun only the fragment `fragment_id`, st_folium reporting `map_value` (what the browser
    sends after a pan, a click, a toggle or a close)."""
    states = at._tree.get_widget_states()
    widget = states.widgets.add()
    widget.id = map_component(at).proto.id
    widget.json_value = json.dumps(map_value)

    class FragmentRunner(LocalScriptRunner):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._requests = ScriptRequests()  # not the full run queued on creation

        def request_rerun(self, rerun_data: Any) -> bool:
            return super().request_rerun(dataclasses.replace(rerun_data, fragment_id_queue=[fragment_id]))

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(app_test_module, "LocalScriptRunner", FragmentRunner)
        at._run(states)
    return at


def opened_popup(layer: str) -> bool:
    """Whether the data layer opens a popup (open_bound.js or open_popup.js)."""
    return "__zmWanted === false) { return; }" in layer or "if (window.__zmWanted !== false) {" in layer


def open_layers(at: AppTest, is_open: bool = True) -> AppTest:
    """Open (or close) the sidebar's "Layers" expander and rerun: its widgets are drawn only
    while it is open."""
    at.session_state[LAYERS_OPEN] = is_open
    return at.run()
