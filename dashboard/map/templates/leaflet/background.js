{#- The background at every zoom, and the one place where labels are laid out
    (see dashboard/map/background.py). `this.config` is JSON made in Python:
      base      URL of the fetched layers (/app/static/layers/), or "" to fetch nothing;
      water     rivers and lakes (GeoJSON);  governorates  their borders, coarse (GeoJSON);
      labels    [lat, lon, text, kind, minzoom, maxzoom, rank] drawn without fetching.
    Layers come and go by zoom; the labels of the view are placed greedily in priority order
    (the map's own place labels first, then by kind and population), none over another.
    Names become text nodes, never markup. -#}
{% macro script(this, kwargs) -%}
(function () {
  var map = {{ this._parent.get_name() }};
  var cfg = {{ this.config }};
  var bg = map._zmBg = {items: [], tiers: []};
  function pane(name, z) {
    var p = map.getPane(name) || map.createPane(name);
    p.style.zIndex = z;
    p.style.pointerEvents = 'none';
    return name;
  }
  pane('zmBgLines', 350); pane('zmBgDots', 360); pane('zmBgLabels', 450);
  var dots = L.canvas({pane: 'zmBgDots', padding: 0.3});
  var STYLE = {
    river: {color: '#5b9bd5', weight: 2, opacity: 0.8},
    lake: {color: '#5b9bd5', weight: 1, fillColor: '#a9cce3', fillOpacity: 0.9},
    gov: {color: '#555', weight: 1.6, dashArray: '6 4', fill: false},
    adm1: {color: '#555', weight: 1.8, dashArray: '6 4', opacity: 0.9},
    adm2: {color: '#777', weight: 1.1, dashArray: '4 3', opacity: 0.8},
    adm3: {color: '#999', weight: 0.7, dashArray: '2 3', opacity: 0.8},
    hood: {color: '#8a6d3b', weight: 0.8, fillColor: '#f3e6c8', fillOpacity: 0.25}
  };
  function tier(min, max, layer) { bg.tiers.push({min: min, max: max, layer: layer}); }
  function syncTiers() {
    var z = map.getZoom();
    bg.tiers.forEach(function (t) {
      var on = z >= t.min && z <= t.max;
      if (on && !map.hasLayer(t.layer)) { t.layer.addTo(map); }
      if (!on && map.hasLayer(t.layer)) { map.removeLayer(t.layer); }
    });
  }
  function label(lat, lon, text, kind, min, max, rank) {
    bg.items.push({ll: L.latLng(lat, lon), text: text, kind: kind, min: min, max: max, rank: rank});
  }
  bg.add = function (rows) { rows.forEach(function (r) { label.apply(null, r); }); };
  function lines(coords, style, pane_) {
    return L.geoJSON({type: 'MultiLineString', coordinates: coords},
                     {pane: pane_ || 'zmBgLines', interactive: false, style: style});
  }
  L.geoJSON(cfg.water, {pane: 'zmBgLines', interactive: false, style: function (f) {
    return STYLE[f.properties.kind] || STYLE.river;
  }}).addTo(map);
  cfg.water.features.forEach(function (f) {
    var c = L.geoJSON(f).getBounds().getCenter();
    label(c.lat, c.lng, f.properties.name_en, 'water', f.properties.minzoom, 11, 9);
  });
  tier(0, 8, L.geoJSON(cfg.governorates, {pane: 'zmBgLines', interactive: false, style: STYLE.gov}));
  bg.add(cfg.labels);

  var KIND = ['city', 'town', 'village'];
  var RULES = {  // kind: [dot from, label from, rank]
    city: [6, 6, 1], town: [8, 9, 3], village: [10, 10, 5], approx: [12, 13, 7]
  };
  function communities(d) {
    var byMin = {};
    d.rows.forEach(function (r) {
      var kind = r[6] === 1 ? KIND[r[4]] : 'approx';
      var rule = RULES[kind];
      var g = byMin[rule[0]] = byMin[rule[0]] || L.layerGroup();
      L.circleMarker([r[1], r[0]], {renderer: dots, interactive: false, radius: kind === 'city' ? 4 : 2.5,
        weight: 1, color: '#444', fillColor: kind === 'approx' ? '#fff' : '#777', fillOpacity: 1}).addTo(g);
      label(r[1], r[0], r[2], kind, rule[1], 99, rule[2] + 1 / (2 + Math.log(2 + r[5])));
    });
    Object.keys(byMin).forEach(function (min) { tier(+min, 99, byMin[min]); });
  }
  function admin(d) {
    bg.detailed = true;  // the country's border is drawn in detail: the coarse outline's stroke goes
    tier(9, 99, lines(d.lines['1'], STYLE.adm1));
    tier(8, 99, lines(d.lines['2'], STYLE.adm2));
    tier(10, 99, lines(d.lines['3'], STYLE.adm3));
    d.labels.forEach(function (r) {
      label(r[1], r[0], r[2], r[4] === 2 ? 'district' : 'subdistrict', r[4] === 2 ? 8 : 11,
            r[4] === 2 ? 10 : 12, r[4] === 2 ? 2 : 4);
    });
  }
  function hoods(d) {
    tier(12, 99, L.geoJSON(d, {pane: 'zmBgLines', interactive: false, style: STYLE.hood}));
    d.features.forEach(function (f) {
      var c = L.geoJSON(f).getBounds().getCenter();
      label(c.lat, c.lng, f.properties.n, 'hood', 13, 99, 5);
    });
  }
  function fetchAt(name, zoom, use) {
    var done = !cfg.base || location.protocol === 'file:';
    function check() {
      if (done || map.getZoom() < zoom) { return; }
      done = true;
      fetch(cfg.base + name).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (d) { if (d) { use(d); refresh(); } })
        .catch(function () {});
    }
    map.on('zoomend', check);
    check();
  }

  var boxes = [];
  var measure = document.createElement('canvas').getContext('2d');
  measure.font = '11px system-ui, sans-serif';
  function free(b) {
    for (var i = 0; i < boxes.length; i++) {
      var o = boxes[i];
      if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) { return false; }
    }
    return true;
  }
  function ownLabels(size) {
    var root = map.getContainer(), at = root.getBoundingClientRect();
    var spans = Array.prototype.slice.call(root.querySelectorAll('.zm-label'));
    spans.forEach(function (s) { s.style.visibility = ''; });
    var pins = Array.prototype.slice.call(root.querySelectorAll('.zm-pin, .leaflet-control'));
    pins.forEach(function (p) {
      var r = p.getBoundingClientRect();
      if (r.width) { boxes.push([r.left - at.left, r.top - at.top, r.right - at.left, r.bottom - at.top]); }
    });
    spans.sort(function (a, b) { return rankOf(a) - rankOf(b); });
    spans.forEach(function (s) {
      var r = s.getBoundingClientRect();
      if (!r.width) { return; }
      var b = [r.left - at.left - 2, r.top - at.top - 1, r.right - at.left + 2, r.bottom - at.top + 1];
      var inside = b[2] > 0 && b[0] < size.x && b[3] > 0 && b[1] < size.y;
      if (inside && free(b)) { boxes.push(b); } else { s.style.visibility = 'hidden'; }
    });
  }
  var OWN = {city: 0, town: 1, neighbourhood: 2, facility: 3, village: 4, region: 5};
  function rankOf(span) {
    var pin = span.parentNode && span.parentNode.querySelector('.zm-pin');
    var kind = pin ? pin.getAttribute('data-kind') : '';
    return (kind in OWN ? OWN[kind] : 6) - (span.parentNode.querySelector('.zm-badge') ? 0.5 : 0);
  }
  var layer = L.layerGroup().addTo(map);
  function zoomClasses(z) {
    cfg.zooms.forEach(function (n) { map.getContainer().classList.toggle('zm-lt' + n, z < n); });
    map.getContainer().classList.toggle('zm-detailed', z >= 9 && bg.detailed);
  }
  function refresh() {
    scheduled = false;
    syncTiers();
    layer.clearLayers();
    boxes = [];
    var z = map.getZoom(), size = map.getSize(), view = map.getBounds().pad(0.05);
    zoomClasses(z);
    ownLabels(size);
    var todo = bg.items.filter(function (it) {
      return z >= it.min && z <= it.max && view.contains(it.ll);
    }).sort(function (a, b) { return a.rank - b.rank; });
    var placed = 0;
    for (var i = 0; i < todo.length && placed < 300; i++) {
      var it = todo[i], p = map.latLngToContainerPoint(it.ll);
      var w = measure.measureText(it.text).width + 4, h = 14;
      var area = it.kind === 'district' || it.kind === 'subdistrict' || it.kind === 'hood' ||
                 it.kind === 'gov' || it.kind === 'water';
      var b = area ? [p.x - w / 2, p.y - h / 2, p.x + w / 2, p.y + h / 2]
                   : [p.x + 4, p.y - h / 2, p.x + 4 + w, p.y + h / 2];
      if (!free(b)) { continue; }
      boxes.push(b);
      placed += 1;
      var el = document.createElement('span');
      el.textContent = it.text;
      L.marker(it.ll, {pane: 'zmBgLabels', interactive: false, keyboard: false,
        icon: L.divIcon({className: 'zm-bgl zm-bgl-' + it.kind + (area ? ' zm-bgl-area' : ''),
                         html: el, iconSize: null})}).addTo(layer);
    }
  }
  bg.refresh = refresh;
  fetchAt('communities.json', 6, communities);
  fetchAt('admin.json', 8, admin);
  fetchAt('neighbourhoods.json', 12, hoods);
  var scheduled = false;
  map.on('zoomend moveend', function () {
    if (!scheduled) { scheduled = true; window.requestAnimationFrame(refresh); }
  });
  map.whenReady(function () { window.setTimeout(refresh, 0); });
})();
{%- endmacro %}
{% macro header(this, kwargs) -%}
<style>
.zm-bgl{white-space:nowrap;font:11px/14px system-ui,"Noto Sans",sans-serif;color:#333;pointer-events:none;
 text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff}
.zm-bgl span{position:absolute;left:4px;top:-7px}
.zm-bgl-area span{left:0;top:0;transform:translate(-50%,-50%)}
.zm-bgl-gov span{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:#4a4a4a}
.zm-bgl-district span{font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:#666}
.zm-bgl-subdistrict span{font-style:italic;color:#777}
.zm-bgl-hood span{color:#6b4f1d;font-weight:600}
.zm-bgl-city span{font-weight:700;font-size:12px}
.zm-bgl-approx span{color:#777;font-style:italic}
.zm-bgl-water span{color:#2e6da4;font-style:italic}
.zm-bgl-place span{font-weight:600;color:#111}
.zm-detailed .zm-outline{stroke-opacity:0}
{% for z in this.zooms %}.zm-lt{{ z }} .zm-min{{ z }}{display:none}
{% endfor %}</style>
{%- endmacro %}
