"""Downloadable files: tables (CSV, XLSX), chart images (PNG, SVG) and the meeting slide pack (PPTX, PDF).

Pure functions of what the page already shows: no Streamlit, no database, nothing recomputed. The rooms:

- ``tables``: the cells (neutralised against spreadsheet formulas), CSV and XLSX, the source line and the
  small-value note under every export;
- ``images``: a chart's export spec (project theme, footer, map geometry inlined) and its PNG or SVG bytes;
- ``pack``: the meeting pack as data (:class:`Pack`, :class:`PackChart`), its summary rows, and the caption of a
  chart slide (:func:`caption_change`, with its Italian grammar);
- ``pptx_slides`` and ``pdf_pages``: the pack drawn as slides or pages, one function per kind of slide.

Every sentence comes from the catalogue (``config/catalogue/exports.py``; the source line is the screen's).
"""

from presentation.exports.images import (
    IMAGE_FORMATS,
    chart_image,
    chart_png,
    chart_spec,
    json_text,
    png_size,
    project_topojson,
    uses_project_topojson,
)
from presentation.exports.pack import Pack, PackChart, caption_change
from presentation.exports.pdf_pages import pack_pdf
from presentation.exports.pptx_slides import pack_pptx
from presentation.exports.tables import (
    AUDIT_CSV_HEADER,
    FORMULA_START,
    audit_csv,
    neutralise,
    put_cell,
    sheet_name,
    small_value_in,
    small_value_note,
    source_line,
    table_csv,
    table_xlsx,
)

__all__ = [
    "audit_csv", "AUDIT_CSV_HEADER", "caption_change", "chart_image", "chart_png", "chart_spec", "FORMULA_START",
    "IMAGE_FORMATS", "json_text", "neutralise", "Pack", "pack_pdf", "pack_pptx", "PackChart", "png_size",
    "project_topojson", "put_cell", "sheet_name", "small_value_in", "small_value_note", "source_line", "table_csv",
    "table_xlsx", "uses_project_topojson",
]
