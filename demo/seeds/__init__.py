"""The ``seeds`` scale: the organisations of the seed pages and DOMAIN.md, with their territories, structures
and the totals they publish; small monthly counts where reality has them. Months run from 2019-01 to 2025-12, each
project only inside its own dates.

Seeds projects (code: programme, provinces, months):

* ``SAI-SONDRIO``: SAI, 014, 2019-01..2025-12 (since Feb 2014). 11 structures and 47 places every month in
  seven rows (uomini, nuclei, donne, monoparentali) in Sondrio, Tirano, Morbegno, Chiavenna and Ponte in
  Valtellina; presences 40-46.
* ``SAI-NOVATE``: SAI, 015 (Novate Milanese), 2019-01..2025-12 (since Sep 2016). 5 structures, 16 places.
* ``SAI-CINISELLO``: SAI, 015 (Cinisello Balsamo), 2019-01..2025-12 (since Sep 2018). 4 structures, 15 places.
* ``SAI-BESOZZO``: SAI, 012 (Besozzo 012013, Comerio 012055), 2019-01..2025-12. 3 structures; 36 places to
  2020-12, 13 from 2021-01.
* ``CAS-MILANO``, ``CAS-VARESE``: CAS, 015 / 012, 2019-01..2025-12, places following the national CAS curve.
* ``DERIVE-APPRODI``: ANTITRATTA (avviso-5), 013 015 108 014 012, 2022-10..2024-02: mobile units and drop-ins
  (outreach, outings, opening days), 7 apartments (28 places, no comune), services, training.
* ``METTIAMO-ALI-BS``: ANTITRATTA (avviso-5), 017, 2022-10..2024-02: contact units and assessments.
* ``DIAGRAMMI-NORD``: FAMI, 017 013 015 108 014 012, 2020-08..2022-12 (Avviso 1/2019, started August 2020,
  about 30 months). Totals from 2020-08 to 2022-09 are the seed's: 196 outings of the outreach staff, 1,000
  contacts (about 500 regular residents plus about 500 undocumented people), 500 referrals (the undocumented
  people oriented to other services), 901 accompaniments, 59 legal orientations, 33 housing mediations, 85
  skills assessments, 83 tutorships, 25 L2 certifications, 194 hours of training to 269 people; October to
  December 2022 continue at the same pace.
* ``NAVIGARE``: ANTITRATTA, Veneto (023 024 025 026 027 028 029), 2021-07..2022-09: 2,500 contacts, 600
  assessments, 150 take-ins (each within 3% whatever the seed); shelters, services, training.
* ``NAVE-POLIS-PD``: ANTITRATTA, 028, 2019-01..2025-12: Gruppo Polis's micro-apartment in the N.A.Ve network
  (1 structure, 4 places, presences 0-4, target group donne).
* ``FAMI-POLIS-PD``: FAMI, 028, 2019-01..2025-12: inclusion desks (contacts, services, opening days).
* ``SAMMARTINI``: ALTRO, 015, 2019-01..2025-12: access point for homeless people (hundreds of contacts a month,
  assessments, take-ins; winter peaks of the Piano freddo).
* ``INSIDE-AUT``: FAMI, 015 014 012, 2019-10..2022-12: people in individual autonomy paths and their services.
* ``RETI-AVELLINO``: FAMI, 064, 2023-05..2025-12: street proximity and second-level desk, services, courses for
  operators; the Avellino working table (members, meetings, a Piano di intervento locale of 14 actions in every
  status, some overdue).
* Working tables with members, meetings and actions also for Milano (015) and Padova (028).

Decisions where the seeds are ambiguous (also in the report to the lead):

* Besozzo's ISTAT code is 012013 (012012 is Besnate).
* NAVIGARE's territory: seed 002 names none; its figures (2,500 / 600 / 150) match the Veneto project
  N.A.V.I.G.A.Re (capofila Regione del Veneto, Bando 4/2021 from 1 July 2021, about 2,560 contacts and 141
  take-ins in its first 14 months), so it is Veneto, 2021-07..2022-09. The 600 "programmi individualizzati di
  assistenza di prossimità" are ``assessments`` (the middle step between contact and take-in, as N.A.Ve's 364
  assessments between 2,214 contacts and 94 programmes).
* DIAGRAMMI Nord is FAMI (the seed cites the FAMI fund); the 83 tutorships "verso l'autonomia e il lavoro
  regolare" are ``inserimento_lavorativo``; the 194 hours to 269 people trained beneficiaries (language, civic,
  labour rights), so they are ``services`` (formazione_linguistica, people and hours) rather than the
  ``training`` table, which is for operators; the project's training of inspectors, unions and farms is in
  ``training``.
* Mettiamo le ali is ANTITRATTA (DPO avviso 5); only its Brescia activity is in the seed, so only Brescia.
* RE.T.I. Avellino (a prefecture project on governance and vulnerabilities) is FAMI; its dates are not in the
  seed (2023-05..2025-12 assumed).
* Inside Aut: FAMI 2014-2020, dates not in the seed (2019-10..2022-12 assumed).
* National regional anti-trafficking projects do not report where and when a seed project covers the same
  territory (Lombardy during avviso 5, Veneto during NAVIGARE), so regional totals are not counted twice.
"""

from __future__ import annotations

from demo.builder import Builder
from demo.seeds.inclusion import diagrammi_nord, inside_aut, reti_avellino, sammartini
from demo.seeds.reception import cas, sai
from demo.seeds.tables import working_tables
from demo.seeds.trafficking import derive_e_approdi, fami_polis_padova, mettiamo_le_ali, nave_polis_padova, navigare


def build(b: Builder) -> None:
    """Every seed project, in the order their numbers are drawn (the order is part of the data)."""
    sai(b)
    cas(b)
    derive_e_approdi(b)
    mettiamo_le_ali(b)
    diagrammi_nord(b)
    navigare(b)
    nave_polis_padova(b)
    fami_polis_padova(b)
    sammartini(b)
    inside_aut(b)
    reti_avellino(b)
    working_tables(b)
