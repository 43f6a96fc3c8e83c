{#- A click on a link to a place inside a popup moves the map there and clicks it (see
    elements.PlaceLinks). -#}
{% macro script(this, kwargs) -%}
(function () {
  var map = {{ this._parent.get_name() }};
  map.getContainer().addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[data-place-link]') : null;
    if (!a) { return; }
    var layer = (window.__zmPlaces || {})[a.getAttribute('data-place-link')];
    if (!layer) { return; }
    e.preventDefault();
    e.stopPropagation();
    map.closePopup();
    var ll = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
    var z = Math.max(map.getZoom(), parseInt(a.getAttribute('data-zoom') || '0', 10));
    map.setView(ll, z, {animate: false});
    layer.fire('click', {latlng: ll});
  }, true);
})();
{%- endmacro %}
