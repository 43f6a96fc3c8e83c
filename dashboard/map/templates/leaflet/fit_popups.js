{#- Popups fit the map (see interaction.FitPopups): on a map narrower than a popup's maxWidth plus
    margins (a phone) the popup's width and height come from the map's size, with a small pan
    margin, so that its start and its close button stay on screen; it scrolls inside. -#}
{% macro script(this, kwargs) -%}
(function () {
  var map = {{ this._parent.get_name() }};
  map.on('popupopen', function (e) {
    var p = e.popup, o = p.options, size = map.getSize();
    if (!o.zmWanted) { o.zmWanted = {maxWidth: o.maxWidth, minWidth: o.minWidth}; }
    var narrow = size.x < {{ this.narrow }}, pad = narrow ? {{ this.pad }} : 30;
    // On a phone the popup pans below the controls' row, so that they never cover its close button.
    var top = narrow ? {{ this.top }} : pad;
    var width = Math.max(120, size.x - 2 * pad - {{ this.chrome }});
    var maxWidth = Math.min(o.zmWanted.maxWidth || 300, width);
    var minWidth = Math.min(o.zmWanted.minWidth || 50, maxWidth);
    var maxHeight = Math.max(160, size.y - top - pad - 60);
    if (maxWidth === o.maxWidth && minWidth === o.minWidth && o.maxHeight === maxHeight) { return; }
    o.maxWidth = maxWidth; o.minWidth = minWidth; o.maxHeight = maxHeight;
    o.autoPanPadding = [pad, pad];
    o.autoPanPaddingTopLeft = [pad, top];
    p.update();
  });
})();
{%- endmacro %}
