{#- The marks of a view as ONE layer: a JSON array drawn by one script (see marks_layer.py), not one
    folium element per place. Each mark's icon, tooltip and (optional) popup are finished,
    escaped HTML made in Python; the array is a js_json literal. -#}
{% macro script(this, kwargs) -%}
(function () {
  var group = {{ this._parent.get_name() }};
  var marks = {{ this.data }};
  var places = window.__zmPlaces = window.__zmPlaces || {};
  if (!window.__zmWatchCloses) {
    // A popup the reader closed stays closed: a click on its close button or on the bare map
    // (or Escape) between a click on a mark and the rerun that click asked for tells the
    // rerun not to open the mark's popup again (open_bound.js).
    window.__zmWatchCloses = true;
    document.addEventListener('click', function (e) {
      var t = e.target;
      if (!t.closest) return;
      if (t.closest('.leaflet-popup-close-button')) { window.__zmWanted = false; }
      else if (t.closest('.leaflet-marker-icon, .leaflet-interactive')) { window.__zmWanted = true; }
      else if (!t.closest('.leaflet-popup, .leaflet-control')) { window.__zmWanted = false; }
    }, true);
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { window.__zmWanted = false; }
    }, true);
  }
  // A click on a place's mark rings it at once, as the rerun the click asks for would (the
  // server's ring: builder.highlight, class zm-ring). That rerun sends the map the layer it
  // already has when the mark's popup came with the marks (the browser opened it), so the
  // map redraws nothing and the place's panel shows without waiting for it.
  var ringOptions = {{ this.ring_options }};
  function ring(marker) {
    var map = group._map;
    if (!map) return;
    map.eachLayer(function (l) {
      if (l.options && l.options.className === ringOptions.className) { l.remove(); }
    });
    L.circleMarker(marker.getLatLng(), ringOptions).addTo(group);
  }
  marks.forEach(function (m) {
    var icon = L.divIcon({
      html: m.icon, className: m.cls,
      iconSize: [m.size, m.size], iconAnchor: [m.size / 2, m.size / 2]
    });
    var marker = L.marker([m.lat, m.lon], {icon: icon, zIndexOffset: m.z || 0,
                                          pane: m.pane || 'markerPane'});
    marker.bindTooltip(m.tooltip, {{ this.tooltip_options }});
    if (m.popup) {
      marker.bindPopup(m.popup, {{ this.popup_options }});
    }
    if (m.key) {
      places[m.key] = marker;
    }
    if (m.place) {
      places[m.place] = marker;
      marker.on('click', function () { ring(marker); });
    }
    marker.addTo(group);
  });
})();
{%- endmacro %}
