{#- Vector tiles (Mapbox Vector Tiles, extracted by dashboard/map/basemap_file.py) drawn on
    canvas: a minimal protobuf reader for layers, features and geometry commands, and one light
    style by layer name (water, land use, buildings, roads, boundaries). Place labels of the
    tiles are not drawn: the map's own labels are. `this.url` is a js_string. -#}
{% macro script(this, kwargs) -%}
(function () {
  var map = {{ this._parent.get_name() }};
  var MAXN = {{ this.max_native_zoom }};
  function decode(buf) {
    var pos = 0;
    function varint() { var v = 0, s = 1, b; do { b = buf[pos++]; v += (b & 0x7f) * s; s *= 128; } while (b & 0x80); return v; }
    function skip(t) { if (t === 0) { varint(); } else if (t === 2) { pos += varint(); } else if (t === 5) { pos += 4; } else if (t === 1) { pos += 8; } }
    function each(end, fn) { while (pos < end) { var tag = varint(); fn(tag >> 3, tag & 7); } }
    function packed() { var end = varint() + pos, out = []; while (pos < end) { out.push(varint()); } return out; }
    function str() { var n = varint(), s = new TextDecoder().decode(buf.subarray(pos, pos + n)); pos += n; return s; }
    var layers = [];
    each(buf.length, function (f, t) {
      if (f !== 3) { skip(t); return; }
      var layer = {name: '', extent: 4096, features: []}, end = varint() + pos;
      each(end, function (f2, t2) {
        if (f2 === 1) { layer.name = str(); } else if (f2 === 5) { layer.extent = varint(); } else if (f2 === 2) {
          var feat = {type: 0, geom: []}, fend = varint() + pos;
          each(fend, function (f3, t3) {
            if (f3 === 3) { feat.type = varint(); } else if (f3 === 4) { feat.geom = packed(); } else { skip(t3); }
          });
          layer.features.push(feat);
        } else { skip(t2); }
      });
      layers.push(layer);
    });
    return layers;
  }
  function paths(geom) {
    var out = [], cur = null, x = 0, y = 0, i = 0;
    while (i < geom.length) {
      var c = geom[i++], id = c & 7, n = c >> 3;
      if (id === 7) { continue; }
      for (var k = 0; k < n; k++) {
        var dx = geom[i++], dy = geom[i++];
        x += (dx >> 1) ^ -(dx & 1); y += (dy >> 1) ^ -(dy & 1);
        if (id === 1) { cur = [[x, y]]; out.push(cur); } else { cur.push([x, y]); }
      }
    }
    return out;
  }
  var STYLES = [
    [/water|ocean|lake|sea/, 3, {fill: '#a9cce3'}], [/waterway|river|stream/, 2, {stroke: '#7fb2d6', width: 1.2}],
    [/landuse|landcover|park|wood|grass|farm/, 3, {fill: '#e3ead6'}], [/building/, 3, {fill: '#ddd6cf'}],
    [/road|transport|highway|street/, 2, {stroke: '#c9c2b8', width: 1.4}],
    [/boundar|admin/, 2, {stroke: '#9a8fa8', width: 1, dash: [4, 3]}]
  ];
  function style(name, type) {
    for (var i = 0; i < STYLES.length; i++) {
      if (STYLES[i][0].test(name) && (STYLES[i][1] === type || type === 3 && STYLES[i][1] === 2)) { return STYLES[i][2]; }
    }
    return null;
  }
  function draw(ctx, layers, k) {
    ctx.fillStyle = '#f2efe9'; ctx.fillRect(0, 0, 4096, 4096);
    layers.forEach(function (layer) {
      var scale = 4096 / layer.extent;
      layer.features.forEach(function (f) {
        var st = f.type > 1 ? style(layer.name, f.type) : null;
        if (!st) { return; }
        ctx.beginPath();
        paths(f.geom).forEach(function (p) {
          p.forEach(function (pt, j) { (j ? ctx.lineTo : ctx.moveTo).call(ctx, pt[0] * scale, pt[1] * scale); });
          if (f.type === 3) { ctx.closePath(); }
        });
        if (st.fill && f.type === 3) { ctx.fillStyle = st.fill; ctx.fill('evenodd'); }
        if (st.stroke) { ctx.strokeStyle = st.stroke; ctx.lineWidth = st.width / k; ctx.setLineDash((st.dash || []).map(function (d) { return d / k; })); ctx.stroke(); }
      });
    });
  }
  var Layer = L.GridLayer.extend({
    createTile: function (c, done) {
      var tile = document.createElement('canvas'), size = this.getTileSize();
      tile.width = size.x; tile.height = size.y;
      var d = Math.max(0, c.z - MAXN), z = c.z - d, x = c.x >> d, y = c.y >> d;
      var k = size.x / 4096 * Math.pow(2, d);
      var url = L.Util.template({{ this.url }}, {z: z, x: x, y: y});
      fetch(url).then(function (r) { return r.ok ? r.arrayBuffer() : null; }).then(function (ab) {
        var ctx = tile.getContext('2d');
        ctx.setTransform(k, 0, 0, k, -(c.x - (x << d)) * size.x, -(c.y - (y << d)) * size.y);
        if (ab) { draw(ctx, decode(new Uint8Array(ab)), k); }
        done(null, tile);
      }).catch(function (e) { done(e, tile); });
      return tile;
    }
  });
  new Layer({attribution: {{ this.attribution }}, maxZoom: 19, pane: 'tilePane'}).addTo(map);
})();
{%- endmacro %}
