{#- Shows the elements of class `zm-detail` only from `min_zoom` on (see elements.DetailFromZoom). -#}
{% macro script(this, kwargs) -%}
(function () {
  var map = {{ this._parent.get_name() }};
  function sync() {
    map.getContainer().classList.toggle('zm-hide-detail', map.getZoom() <{{ this.min_zoom }});
  }
  map.on('zoomend', sync);
  sync();
})();
{%- endmacro %}
