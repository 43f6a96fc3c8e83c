{#- Tells the dashboard which overlays of Leaflet's layer control the reader toggled and whether
    the popup is open (see interaction.ReportView): st_folium sends `selected_layers` back to
    Python, so one entry of it, named "zm-view", carries {n, map, shown, hidden, popup}. Layers
    carry their id in `_zmId` (interaction.LayerId). -#}
{% macro script(this, kwargs) -%}
(function () {
  var map = {{ this._parent.get_name() }};
  var state = {name: 'zm-view', n: 0, map: Math.random().toString(36).slice(2),
               shown: [], hidden: [], popup: null};
  function data() { return window.__GLOBAL_DATA__ || null; }
  function send() {
    state.n += 1;
    var d = data();
    if (d && d.selected_layers) {
      d.selected_layers['zm-view'] = JSON.parse(JSON.stringify(state));
      // st_folium sends its value after any overlayadd (the event without a layer is ours).
      map.fire('overlayadd', {layer: null, zmSync: true});
    }
  }
  function toggled(show) {
    return function (e) {
      var id = e.layer && e.layer._zmId;
      if (e.zmSync || !id) { return; }
      state.shown = state.shown.filter(function (x) { return x !== id; });
      state.hidden = state.hidden.filter(function (x) { return x !== id; });
      (show ? state.shown : state.hidden).push(id);
      send();
    };
  }
  map.on('overlayadd', toggled(true));
  map.on('overlayremove', toggled(false));
  // Whether the reader wants the popup open: marks.js keeps window.__zmWanted (true after a
  // click on a mark, false after the close button, a click on the bare map or Escape).
  var seen = null;
  function watch() {
    var wanted = window.__zmWanted;
    if (wanted === undefined || wanted === seen) { return; }
    seen = wanted;
    if (wanted === false) { state.popup = false; send(); }
    else { state.popup = true; }
  }
  document.addEventListener('click', function () { setTimeout(watch, 0); }, true);
  document.addEventListener('keydown', function () { setTimeout(watch, 0); }, true);
})();
{%- endmacro %}
