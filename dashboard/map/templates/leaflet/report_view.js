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
  // A click on a mark or an outline is sent at once, as st_folium would send it 250 ms later
  // (its debounce, meant for pans and zooms): the place's panel comes that much sooner. The
  // value is st_folium's own (updateComponentValue: its fields in its order, kept to the
  // returned objects), so its debounced send then finds it unchanged and sends nothing.
  var FIELDS = ['last_clicked', 'last_object_clicked', 'last_object_clicked_count',
                'last_object_clicked_tooltip', 'last_object_clicked_popup', 'all_drawings',
                'last_active_drawing', 'last_geocoder_result', 'bounds', 'zoom',
                'last_circle_radius', 'last_circle_polygon', 'center', 'selected_layers',
                'selected_tags'];
  // The value st_folium would send now: before a pan, where the map is as last sent (sending
  // a position the map is leaving would pan it back); after one (`live`), where it is now.
  function current(d, live) {
    var was = live ? {} : (d.previous_data || {});
    var all = {last_clicked: d.lat_lng_clicked, selected_layers: Object.values(d.selected_layers || {}),
               bounds: 'bounds' in was ? was.bounds : map.getBounds(),
               zoom: 'zoom' in was ? was.zoom : map.getZoom(),
               center: 'center' in was ? was.center : map.getCenter()};
    var value = {};
    FIELDS.forEach(function (k) {
      if (d.returned_objects.indexOf(k) >= 0) { value[k] = k in all ? all[k] : d[k]; }
    });
    return value;
  }
  function put(d, value) {
    if (JSON.stringify(d.previous_data) !== JSON.stringify(value)) {
      d.previous_data = value;
      window.Streamlit.setComponentValue(value);
    }
  }
  function ready() {
    var d = data();
    return d && d.returned_objects && window.Streamlit ? d : null;
  }
  function sendNow(live) {
    var d = ready();
    if (d && d.last_object_clicked) { put(d, current(d, live)); }
  }
  // A pan or a zoom is sent once the map has stayed still for MOVE_MS (st_folium waits 250 ms).
  var MOVE_MS = 80, moving = null;
  map.on('moveend', function () {
    clearTimeout(moving);
    moving = setTimeout(function () {
      var d = ready();
      if (d) { put(d, current(d, true)); }
    }, MOVE_MS);
  });
  // An animated zoom's end is known when it starts ('zoomanim' carries the centre and zoom the
  // map is going to): sent then, the server works out the new marks during Leaflet's quarter
  // second of animation instead of after it. The bounds are Leaflet's getBounds() of that view
  // (the same arithmetic), so the value at 'moveend' is the one sent: nothing more goes.
  map.on('zoomanim', function (e) {
    var d = ready();
    if (!d || e.noUpdate) { return; }
    var pixels = map.getPixelBounds(e.center, e.zoom);
    var value = current(d, true);
    if ('bounds' in value) {
      value.bounds = L.latLngBounds(map.unproject(pixels.getBottomLeft(), e.zoom),
                                    map.unproject(pixels.getTopRight(), e.zoom));
    }
    if ('zoom' in value) { value.zoom = e.zoom; }
    if ('center' in value) { value.center = L.latLng(e.center); }
    put(d, value);
  });
  // Every value st_folium or this script sends goes through this filter. A value that differs
  // from what the server knows only by a move of under ECHO_PX pixels -- the first report of a
  // map the server placed itself, the map set to the centre the server rounded -- is no
  // reader's move: it is kept as sent (st_folium's previous_data) but not sent, so no rerun
  // follows. What the server knows: the last value sent, unless the server has since placed
  // the map itself (st_folium's last_center, from the component's arguments); before any, the
  // map as this script found it.
  var ECHO_PX = 1.5, home = map.getCenter(), initial = (data() || {}).previous_data || {};
  var sent = null, sentArgs = null;
  function placed(d) { return JSON.stringify([d.last_center || null, d.last_zoom || null]); }
  function known(d) {
    if (sent && placed(d) === sentArgs) { return {center: sent.center, zoom: sent.zoom, rest: sent}; }
    var last = sent || initial;
    return {center: d.last_center || last.center || home, zoom: d.last_zoom || last.zoom, rest: last};
  }
  function rest(v) {
    return JSON.stringify(v, function (k, x) {
      if (k === 'center' || k === 'bounds') { return undefined; }
      return k === 'selected_layers' && !(x && x.length) ? [] : x;
    });
  }
  function echo(d, value) {
    var k = known(d), z = value.zoom;
    if (!value.center || !k.center || k.zoom !== z || rest(k.rest) !== rest(value)) { return false; }
    return map.project(L.latLng(k.center), z).distanceTo(map.project(L.latLng(value.center), z)) < ECHO_PX;
  }
  var REPORTED = 8, reported = [];  // the centres last sent, newest last
  var S = window.Streamlit;
  if (S && !S.__zmSend) { S.__zmSend = S.setComponentValue; }
  if (S) {
    S.setComponentValue = function (value) {
      var d = data();
      if (d && value && typeof value === 'object' && 'zoom' in value && echo(d, value)) { return; }
      if (d) { sent = value; sentArgs = placed(d); }
      if (value && value.center) { reported.push({center: value.center, zoom: value.zoom}); }
      if (reported.length > REPORTED) { reported.shift(); }
      return S.__zmSend.call(S, value);
    };
  }
  // The server gives the map back the centre the reader's map reported (the view it keeps),
  // and st_folium moves the map there when that differs from the centre it was given before.
  // By the time it arrives the map may have moved on (a popup the same run opened has panned
  // it to fit): going back would undo that pan, which is then reported, given back, undone
  // again -- the map jumped up and down for seconds after a click on a mark whose popup is
  // fetched. A move to a centre this map reported itself is no move the server asks for: it
  // is not made. A centre the server chooses (a shared link, a place shown) is still applied.
  function ownEcho(center, zoom) {
    if (!center || zoom === undefined || zoom !== map.getZoom()) { return false; }
    var at = map.project(L.latLng(center), zoom);
    return reported.some(function (r) {
      return r.zoom === zoom && map.project(L.latLng(r.center), zoom).distanceTo(at) < ECHO_PX;
    });
  }
  var setView = map.setView;
  map.setView = function (center, zoom, options) {
    if (ownEcho(center, zoom)) { return this; }
    return setView.call(this, center, zoom, options);
  };
  // A popup that opens pans the map to fit. That pan is made at once rather than animated
  // (Leaflet fires 'autopanstart', then calls panBy), so the click goes at once, with where the
  // map now stays, in one value: one rerun answers both, none moves the map back, and the
  // panel does not wait the animation's quarter second. A pan still animating (a drag's
  // inertia) is waited for.
  var autopan = false, panned = false;
  map.on('autopanstart', function () { autopan = true; panned = true; });
  var panBy = map.panBy;
  map.panBy = function (offset, options) {
    if (autopan) { autopan = false; options = L.extend({}, options, {animate: false}); }
    return panBy.call(this, offset, options);
  };
  function sendSoon() {
    var pan = map._panAnim, live = panned;
    panned = false;
    if (pan && pan._inProgress) { map.once('moveend', function () { sendNow(true); }); }
    else { sendNow(live); }
  }
  document.addEventListener('click', function (e) {
    setTimeout(watch, 0);
    var t = e.target;
    if (t.closest && t.closest('.leaflet-marker-icon, .leaflet-interactive')) {
      setTimeout(sendSoon, 0);  // after st_folium's own click handler has noted the click
    }
  }, true);
  document.addEventListener('keydown', function () { setTimeout(watch, 0); }, true);
})();
{%- endmacro %}
