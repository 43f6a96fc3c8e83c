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
  c.addTo({{ this._parent.get_name() }});
})();
{%- endmacro %}
