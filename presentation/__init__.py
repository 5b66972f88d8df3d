"""Presentation: what turns published results into something seen. Chart builders (``charts``: pure, DataFrame ->
Vega-Lite, one theme), the chart registry (``registry``: each chart of the pages and the meeting pack defined once,
with a reference to its published query, its builder, title and caption), and the files users download
(``exports``: CSV, XLSX, PNG, SVG, PPTX, PDF and the meeting pack). Nothing here queries the database: it receives
published values only (the registry names each chart's query; the pages call it)."""
