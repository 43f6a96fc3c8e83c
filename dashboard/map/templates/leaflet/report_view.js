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
  // A click on a mark or an outline is reported at once: st_folium sends its value 250 ms after
  // the last map event (a debounce meant for pans), which a click on a place would wait for.
  // Once its own click handler has noted the clicked layer's tooltip, this sends the value
  // st_folium would send; its debounced call then finds nothing new and sends nothing.
  function sendNow() {
    var d = data();
    if (!d || !window.Streamlit || !d.returned_objects) { return; }
    var all = {
      last_clicked: d.lat_lng_clicked, last_object_clicked: d.last_object_clicked,
      last_object_clicked_count: d.last_object_clicked_count,
      last_object_clicked_tooltip: d.last_object_clicked_tooltip,
      last_object_clicked_popup: d.last_object_clicked_popup, all_drawings: d.all_drawings,
      last_active_drawing: d.last_active_drawing, last_geocoder_result: d.last_geocoder_result,
      bounds: map.getBounds(), zoom: map.getZoom(), last_circle_radius: d.last_circle_radius,
      last_circle_polygon: d.last_circle_polygon, center: map.getCenter(),
      selected_layers: Object.values(d.selected_layers || {}), selected_tags: d.selected_tags
    };
    var value = {};
    Object.keys(all).forEach(function (k) {
      if (d.returned_objects.indexOf(k) !== -1) { value[k] = all[k]; }
    });
    if (JSON.stringify(d.previous_data) !== JSON.stringify(value)) {
      d.previous_data = value;
      window.Streamlit.setComponentValue(value);
    }
  }
  document.addEventListener('click', function (e) {
    var t = e.target;
    if (t.closest && t.closest('.leaflet-marker-icon, .leaflet-interactive')) {
      setTimeout(sendNow, 0);
    }
  }, true);
  document.addEventListener('keydown', function () { setTimeout(watch, 0); }, true);
})();
{%- endmacro %}
