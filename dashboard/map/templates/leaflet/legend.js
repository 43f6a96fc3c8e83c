{#- The legend, bottom left; its HTML is a js_string of templates/map.html's legend macro. -#}
{% macro script(this, kwargs) -%}
(function () {
  var c = L.control({position: 'bottomleft'});
  c.onAdd = function () {
    var d = L.DomUtil.create('div', 'zm-legend');
    d.innerHTML = {{ this.html }};
    L.DomEvent.disableClickPropagation(d);
    return d;
  };
  var map = {{ this._parent.get_name() }};
  c.addTo(map);
  // On a phone (a map narrower than 640 px) the legend starts closed to its title, a button,
  // and closes again when a popup opens, so that it never covers the popup.
  function narrow() { return (map.getSize().x || window.innerWidth) < 640; }
  function fold() {
    var det = c.getContainer().querySelector('details');
    if (det && narrow()) { det.open = false; }
  }
  fold();
  map.on('popupopen', fold);
})();
{%- endmacro %}
