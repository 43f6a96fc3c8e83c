{#- The mouse wheel zooms the map only once it was clicked or focused (Leaflet's common practice):
    over an untouched map the wheel scrolls the page. It stops again when the pointer leaves the
    map or the map loses the focus (see interaction.WheelAfterFocus). -#}
{% macro script(this, kwargs) -%}
(function () {
  var map = {{ this._parent.get_name() }}, c = map.getContainer();
  map.scrollWheelZoom.disable();
  function on() { map.scrollWheelZoom.enable(); c.classList.add('zm-wheel'); }
  function off() { map.scrollWheelZoom.disable(); c.classList.remove('zm-wheel'); }
  c.addEventListener('mousedown', on);
  c.addEventListener('focus', on);
  c.addEventListener('mouseleave', off);
  c.addEventListener('blur', off);
})();
{%- endmacro %}
