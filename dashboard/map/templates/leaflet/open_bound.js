{#- Opens the popup bound to a mark already on the map (a small view sends its popups with its
    marks): after a click reruns the map's fragment, the new mark's popup is opened again. -#}
{% macro script(this, kwargs) -%}
(function () {
  var layer = (window.__zmPlaces || {})[{{ this.key }}];
  if (window.__zmWanted === false) { return; }  // closed by the reader since the click
  // The popup the rerun closed (its mark replaced) fades out for 200 ms: removed at once, so
  // that one popup shows, not the old one beside the new.
  var pane = layer && layer._map && layer._map.getPane('popupPane');
  while (pane && pane.firstChild) { pane.removeChild(pane.firstChild); }
  if (layer && layer.openPopup) { layer.openPopup(); }
})();
{%- endmacro %}
