"""The Streamlit dashboard: thin pages over `geodata`, and the folium map.

Importing the package makes branca render every map element once, never compiling rendered text
as a template again (`dashboard.map.rendering`): report text in a popup must never run.
"""

from .map import rendering

rendering.activate()
