"""The ``national`` scale: a superset of ``seeds`` (the same rows first, drawn from the same generator state) plus
every province: SAI projects (ordinari, MSNA, DM-DS) in proportion to population (~800 projects, ~41,000 places in
2024), one CAS per prefecture following the national curve of 2019-2025, 21 regional anti-trafficking projects (one
per region, Trento and Bolzano apart) with outreach, shelters, services and training, 21 regional FAMI networks of
desks, the national Numero Verde Antitratta and prefecture working tables. More than a million person-count rows:
the benchmark size.

National regional anti-trafficking projects do not report where and when a seed project covers the same territory
(Lombardy during avviso 5, Veneto during NAVIGARE), so regional totals are not counted twice.
"""

from __future__ import annotations

from demo.builder import Builder
from demo.national.reception import cas, sai
from demo.national.tables import working_tables
from demo.national.territory import Territory
from demo.national.trafficking import desks, hotline, regional_projects


def build(b: Builder) -> None:
    """Every province's projects and tables, after the seeds (the order is part of the data)."""
    terr = Territory(b.ref)
    sai(b, terr)
    cas(b, terr)
    regional_projects(b, terr)
    desks(b, terr)
    hotline(b, terr)
    working_tables(b, terr)
