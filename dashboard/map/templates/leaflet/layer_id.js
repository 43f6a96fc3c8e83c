{#- Names a layer of Leaflet's control for the shared view (interaction.LayerId). -#}
{% macro script(this, kwargs) -%}
{{ this._parent.get_name() }}._zmId = {{ this.id }};
{%- endmacro %}
