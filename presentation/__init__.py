"""Presentation: what turns published results into something seen. Chart builders (pure: DataFrame -> Vega-Lite,
one theme), the files users download (CSV, XLSX, PNG, SVG, PPTX, PDF) and the meeting pack. Nothing here queries
the database: it receives published values only."""
