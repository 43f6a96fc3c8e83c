{#- Opens a popup fetched for the mark just clicked (the live map fetches popups on click). -#}
{% macro script(this, kwargs) -%}
if (window.__zmWanted !== false) {  // not closed by the reader since the click (marks.js)
  // A popup the rerun closed fades out for 200 ms: removed at once, so that one popup shows.
  (function (pane) { while (pane.firstChild) { pane.removeChild(pane.firstChild); } })(
    {{ this._parent._parent.get_name() }}.getPane('popupPane'));
  L.popup({{ this.options }}).setLatLng([{{ this.lat }}, {{ this.lon }}]).setContent({{ this.html }}).openOn({{ this._parent._parent.get_name() }});
}
{%- endmacro %}
