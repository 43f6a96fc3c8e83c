{#- Binds a popup and/or a tooltip to the parent layer from JSON strings: folium's own Popup and
    Tooltip paste HTML into a JavaScript template literal, where a backtick in a report would
    end the string. Every value is a js_string (JSON) made in Python. -#}
{% macro script(this, kwargs) -%}
{% if this.popup %}{{ this._parent.get_name() }}.bindPopup({{ this.popup }}, {maxWidth: 440, minWidth: 300, autoPanPadding: [30, 30]});{% endif %}
{% if this.tooltip %}{{ this._parent.get_name() }}.bindTooltip({{ this.tooltip }}, {{ this.tooltip_options }});{% endif %}
{% if this.place %}(window.__zmPlaces = window.__zmPlaces || {})[{{ this.place }}] = {{ this._parent.get_name() }};{% endif %}
{%- endmacro %}
