{#- The outlines of the curated areas in view as ONE layer: a JSON array drawn by one script (see
    marks_layer.areas_group), not one folium GeoJson element per area. Each is drawn as folium's
    GeoJson drew it (its style, a heavier outline under the pointer, its pane), with its popup
    and tooltip bound to it: finished, escaped HTML made in Python, in a js_json literal. -#}
{% macro script(this, kwargs) -%}
(function () {
  var group = {{ this._parent.get_name() }};
  var areas = {{ this.data }};
  var look = {{ this.style }};
  var highlight = {{ this.highlight }};
  areas.forEach(function (a) {
    var style = Object.assign({}, look, {fillColor: a.fill, className: a.cls});
    var layer;
    var options = {
      style: function () { return style; },
      onEachFeature: function (feature, sub) {
        sub.on({
          mouseout: function (e) {
            if (typeof e.target.setStyle === 'function') { layer.resetStyle(e.target); }
          },
          mouseover: function (e) {
            if (typeof e.target.setStyle === 'function') { e.target.setStyle(highlight); }
          }
        });
      }
    };
    if (a.pane) { options.pane = a.pane; }
    layer = L.geoJson(null, options);
    layer.addData(a.geo);
    if (a.popup) { layer.bindPopup(a.popup, {{ this.popup_options }}); }
    if (a.tooltip) { layer.bindTooltip(a.tooltip, {{ this.tooltip_options }}); }
    layer.addTo(group);
  });
})();
{%- endmacro %}
