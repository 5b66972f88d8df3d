"""The public statistics (issue 18): the shipped files loaded with their corrections, the known figures, the gaps,
the landings, the data version apart from the project data, the queries within each role's territory, and the
figures shown as published (never perturbed)."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import func, select

from data_access import geo, loading, public_files, public_stats, queries, sql
from data_access.models import DataVersion, PublicLanding, PublicPresence
from data_access.scope import Filters, Scope
from tests.conftest import TEST_SECRET

EVERYTHING = Scope.everything()
GUEST = Scope(provinces=None, level="regione", label="Italia (totali)")
MILANO = Scope(provinces=frozenset({"015", "108"}), level="provincia", label="Milano, Monza e della Brianza")
AVELLINO = Scope(provinces=frozenset({"064"}), level="provincia", label="Avellino")
AUGUST_2024 = Filters(unit="mese", start="2024-08", end="2024-08")
RAW = {name: pd.read_csv(io.BytesIO(data), dtype=str) for name, data in public_files.shipped()}
PRESENCES_CSV, LANDINGS_CSV = RAW["accoglienza.csv"], RAW["sbarchi-per-giorno.csv"]
GAPS = [dt.date(2020, 10, 15), dt.date(2021, 3, 15), dt.date(2021, 7, 15), dt.date(2024, 3, 31)]


@pytest.fixture
def public_engine(migrated_engine):
    """A database with the territories and the shipped public data (as `manage.py init-db` leaves it)."""
    assert public_files.ensure_loaded(migrated_engine, actor="manage.py") is not None
    return migrated_engine


def checked(name: str, data: bytes | None = None, today: dt.date | None = None) -> public_files.Checked:
    from data_access import reference

    frames = reference.reference_frames()["regions"]
    regions = dict(zip(frames["code"], frames["name"], strict=True))
    return public_files.check(data if data is not None else dict(public_files.shipped())[name], name, regions, today)


def context(engine, scope=EVERYTHING, filters=AUGUST_2024) -> pd.DataFrame:
    return public_stats.reception_context.uncached(engine, scope, filters).frame.set_index("area")


# --- The known figures ----------------------------------------------------------------------------------------
def test_known_figures_of_31_august_2024(public_engine):
    """Checked against the Ministry's report: 929 in hotspots, 100,340 in centres, 36,944 in SAI (138,213);
    Lombardia 14,965 in centres and 3,098 in SAI."""
    frame = context(public_engine, filters=AUGUST_2024.with_(region="03"))
    assert list(frame.index) == ["03", "IT"]
    italy, lombardia = frame.loc["IT"], frame.loc["03"]
    assert italy["report_date"] == dt.date(2024, 8, 31)
    assert (italy["hotspot"], italy["centres"], italy["sai"], italy["total"]) == (929, 100_340, 36_944, 138_213)
    assert (lombardia["centres"], lombardia["sai"], lombardia["hotspot"]) == (14_965, 3_098, 0)
    assert lombardia["area_name"] == "Lombardia" and pd.isna(italy["area_name"])


def test_national_totals_are_the_sums_of_the_regions_at_every_date(public_engine):
    """Italy is the sum of the 20 regions (after the corrections), at every report date."""
    series = public_stats.reception_series.uncached(public_engine, EVERYTHING, Filters(
        unit="anno", start="2019", end="2025")).frame
    raw = PRESENCES_CSV.assign(**{c: pd.to_numeric(PRESENCES_CSV[c]).fillna(0) for c in PRESENCES_CSV.columns[2:6]})
    raw_totals = raw.groupby("Data_Report")[list(raw.columns[2:6])].sum().sum(axis=1)
    raw_totals["2022-02-28"] -= 51  # Valle d'Aosta's shifted row: 28 + 23 + 51 as published, 28 + 23 corrected
    shown = series[~series["missing"]].set_index(series.loc[~series["missing"], "report_date"].astype(str))["total"]
    assert len(shown) == 140 and shown.astype(int).to_dict() == raw_totals.astype(int).to_dict()
    assert int(series.loc[series["report_date"] == dt.date(2024, 8, 31), "total"].iloc[0]) == 138_213


def test_valle_d_aosta_28_february_2022_is_put_back_in_its_columns(public_engine):
    """The source shifts the row one column (hotspot 28, centres 23, and 51 in SAI): centres 28, SAI 23."""
    row = PRESENCES_CSV[(PRESENCES_CSV["CodiceRegione"] == "02") & (PRESENCES_CSV["Data_Report"] == "2022-02-28")]
    assert row.iloc[0, 2:6].tolist()[:2] == ["28", "23"]  # as published
    series = public_stats.reception_series.uncached(public_engine, EVERYTHING, Filters(
        unit="mese", start="2022-01", end="2022-03", region="02")).frame.set_index("report_date")
    fixed = series.loc[dt.date(2022, 2, 28)]
    assert (fixed["hotspot"], fixed["centres"], fixed["sai"], fixed["correction"]) == (0, 28, 23, "colonne_spostate")
    assert series["sai"].tolist() == [25, 25, 23, 23, 23, 23]  # no jump to 51 any more
    assert series.drop(dt.date(2022, 2, 28))["correction"].isna().all()
    assert checked("accoglienza.csv").changes["shifted"] == 1


def test_a_file_already_corrected_upstream_is_left_as_it_is():
    """The correction applies only while the row reads as the source published it."""
    text = dict(public_files.shipped())["accoglienza.csv"].decode()
    fixed = text.replace("Valle d'Aosta,2022-02-28,28,23,,51,", "Valle d'Aosta,2022-02-28,,28,,23,")
    assert fixed != text
    result = checked("accoglienza.csv", fixed.encode())
    assert result.ok and "shifted" not in result.changes
    row = result.frame[(result.frame["region_code"] == "02") & (result.frame["report_date"] == dt.date(2022, 2, 28))]
    assert row[["hotspot", "centres", "sai"]].values.tolist() == [[0, 28, 23]] and row["correction"].isna().all()


def test_siproimi_and_sai_are_one_series(public_engine):
    """SIPROIMI (to 31/12/2020) and SAI (from 15/01/2021) make one SAI series, without a break at the rename."""
    series = public_stats.reception_series.uncached(public_engine, EVERYTHING, Filters(
        unit="mese", start="2020-12", end="2021-01")).frame.set_index("report_date")
    assert series.loc[dt.date(2020, 12, 31), "sai"] == pd.to_numeric(PRESENCES_CSV.loc[
        PRESENCES_CSV["Data_Report"] == "2020-12-31", "Migranti presenti nei centri SIPROIMI"]).sum()
    assert series.loc[dt.date(2021, 1, 15), "sai"] == pd.to_numeric(PRESENCES_CSV.loc[
        PRESENCES_CSV["Data_Report"] == "2021-01-15", "Migranti presenti nei centri SAI"]).sum()
    whole = public_stats.reception_series.uncached(public_engine, EVERYTHING, Filters(
        unit="anno", start="2019", end="2025")).frame
    assert whole.loc[~whole["missing"], "sai"].gt(20_000).all()  # never a missing half
    assert checked("accoglienza.csv").changes["siproimi"] == 600


def test_gaps_of_the_source_stay_gaps(public_engine):
    """The four report dates the source misses are rows without values, never carried over nor zero."""
    series = public_stats.reception_series.uncached(public_engine, EVERYTHING, Filters(
        unit="anno", start="2019", end="2025")).frame
    missing = series[series["missing"]]
    assert list(missing["report_date"]) == GAPS
    assert missing[["hotspot", "centres", "sai", "total"]].isna().all().all()
    assert series["report_date"].min() == dt.date(2019, 9, 30) and series["report_date"].max() == dt.date(2025, 9, 15)
    # twelve months before a gap: the change is not computed
    frame = context(public_engine, filters=Filters(unit="mese", start="2025-03", end="2025-03"))
    assert frame.loc["IT", "report_date"] == dt.date(2025, 3, 31) and pd.isna(frame.loc["IT", "change"])
    assert frame.loc["IT", "previous_date"] == dt.date(2024, 3, 31) and pd.isna(frame.loc["IT", "previous_total"])


def test_blank_hotspot_cells_are_zero_and_only_four_regions_have_hotspots(public_engine):
    result = checked("accoglienza.csv")
    assert result.changes["hotspot_blank"] == PRESENCES_CSV["Migranti presenti negli hot spot"].isna().sum() == 2490
    with public_engine.connect() as conn:
        regions = set(conn.execute(select(PublicPresence.region_code).where(PublicPresence.hotspot > 0)).scalars())
    assert regions <= {"16", "18", "19"}  # Puglia, Calabria, Sicilia (Valle d'Aosta's 28 was the shifted row)


def test_change_over_twelve_months(public_engine):
    frame = context(public_engine, filters=AUGUST_2024.with_(region="03"))
    italy = frame.loc["IT"]
    assert italy["previous_date"] == dt.date(2023, 8, 31)
    assert italy["change"] == pytest.approx((138_213 - italy["previous_total"]) / italy["previous_total"])
    assert frame.loc["03", "previous_total"] > 0
    assert public_stats.year_before(dt.date(2024, 2, 29)) == dt.date(2023, 2, 28)
    assert public_stats.year_before(dt.date(2025, 2, 28)) == dt.date(2024, 2, 29)
    assert public_stats.year_before(dt.date(2025, 9, 15)) == dt.date(2024, 9, 15)


def test_the_latest_report_up_to_the_end_of_the_period(public_engine):
    """A period after the series ends shows the last report (15/09/2025); one before it begins shows nothing."""
    late = context(public_engine, filters=Filters(unit="anno", start="2026", end="2026"))
    assert late.loc["IT", "report_date"] == dt.date(2025, 9, 15)
    early = public_stats.reception_context.uncached(public_engine, EVERYTHING, Filters(
        unit="mese", start="2019-08", end="2019-08")).frame
    assert early.empty and early.attrs["first_date"] == dt.date(2019, 9, 30)


# --- Landings ---------------------------------------------------------------------------------------------------
def test_landings_keep_the_latest_report_of_each_day_and_refuse_the_invalid_rows():
    result = checked("sbarchi-per-giorno.csv")
    assert result.ok
    assert result.changes == {"missing_value": 3, "impossible_date": 7, "not_a_number": 1, "superseded": 2119,
                              "not_yet_reported": 15}
    refused = [m for m in result.warnings if m.column.startswith(("«Data»", "«Valore»"))]
    assert len(refused) == 11 and all(m.row for m in refused)
    assert {m.value for m in refused if m.column.startswith("«Data»")} == {
        "2024-04-31", "2024-09-31", "2025-02-29", "2025-02-30", "2025-02-31", "2025-04-31", "2025-06-31"}
    days = result.frame.set_index("day")
    assert days.index.is_unique and len(days) == 2207  # 01/09/2019 to 15/09/2025, one row a day
    assert days.loc[dt.date(2024, 5, 27), "landed"] == 259  # "0[VALORE]0" in an earlier report
    assert days.loc[dt.date(2023, 7, 29), "landed"] == 358  # blank in an earlier report
    raw = LANDINGS_CSV[pd.to_datetime(LANDINGS_CSV["Data"], errors="coerce").notna()
                       & LANDINGS_CSV["Valore"].str.fullmatch(r"\d+", na=False)]
    latest = raw.sort_values("Data_Report", kind="stable").drop_duplicates("Data", keep="last")
    latest = latest[latest["Data"] <= latest["Data_Report"]]
    expected = dict(zip(pd.to_datetime(latest["Data"]).dt.date, latest["Valore"].astype(int), strict=True))
    assert days["landed"].to_dict() == expected
    revised = raw.groupby("Data")["Valore"].nunique()
    assert (revised > 1).sum() > 100  # many days were revised by later reports: the latest one counts


def test_landings_by_month(public_engine):
    frame = public_stats.landings_by_month.uncached(public_engine, EVERYTHING, Filters(
        unit="mese", start="2025-12", end="2025-12")).frame.set_index("period_key")
    assert list(frame.index)[-1] == "2025-09" and len(frame) == public_stats.LANDING_MONTHS
    september = frame.loc["2025-09"]
    assert bool(september["partial"]) and (september["days"], september["month_days"]) == (15, 30)
    assert not frame.drop("2025-09")["partial"].any()
    raw = checked("sbarchi-per-giorno.csv").frame
    august = raw[[d.strftime("%Y-%m") == "2025-08" for d in raw["day"]]]["landed"].sum()
    assert frame.loc["2025-08", "landed"] == august
    first = public_stats.landings_by_month.uncached(public_engine, EVERYTHING, Filters(
        unit="mese", start="2020-01", end="2020-01")).frame
    assert list(first["period_key"])[0] == "2019-09"  # nothing before the data begin


# --- A version of its own, apart from the project data ---------------------------------------------------------
def test_the_public_version_is_not_project_data_nor_leaves_demo_mode(public_engine):
    state = loading.data_state(public_engine)
    assert state["empty"] and not state["demo"] and state["kinds"] == {} and state["reference_version"] == 1
    assert queries.version_info(public_engine) is None  # pages still say "no data loaded"
    assert sql.current_version(public_engine) is None and sql.cache_version(public_engine) == 1
    assert loading.startup_problem(public_engine) is not None  # no secret: like an empty database
    import demo

    data = demo.generate("seeds", 42)
    loading.load(public_engine, secret=TEST_SECRET, kind="demo", source="demo", frames=data.frames,
                 projects=data.projects)
    state = loading.data_state(public_engine)
    assert state["demo"] and state["kinds"] == {"demo": 1} and state["latest_version"] == 2
    assert queries.version_info(public_engine)["id"] == 2 and sql.current_version(public_engine) == 2
    assert loading.demo_kinds({"demo", "reference"}) and not loading.demo_kinds({"reference"})
    with pytest.raises(loading.RollbackError, match="non è un caricamento"):
        loading.rollback(public_engine, 1)


def test_loading_the_shipped_files_again_changes_nothing(public_engine):
    assert public_files.ensure_loaded(public_engine) is None
    with public_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(DataVersion)).scalar_one() == 1
        assert conn.execute(select(func.count()).select_from(PublicPresence)).scalar_one() == 2800
        assert conn.execute(select(func.count()).select_from(PublicLanding)).scalar_one() == 2207
        version = conn.execute(select(DataVersion.kind, DataVersion.created_by, DataVersion.rows,
                                      DataVersion.source)).one()
    assert (version.kind, version.created_by, version.rows) == ("reference", "manage.py", 5007)
    assert "accoglienza.csv" in version.source and "sbarchi-per-giorno.csv" in version.source


def test_a_newer_extract_is_a_new_version_and_the_old_one_stays_for_as_of(public_engine):
    text = dict(public_files.shipped())["accoglienza.csv"].decode()
    newer = text + "".join(line.replace("2025-09-15", "2025-09-30") + "\n" for line in text.splitlines()
                           if ",2025-09-15," in line)
    result = checked("accoglienza.csv", newer.encode(), today=dt.date(2025, 10, 1))
    assert result.ok and result.span()[1] == dt.date(2025, 9, 30)
    version = public_files.load(public_engine, [result], actor="manage.py")
    assert version == 2
    late = Filters(unit="mese", start="2025-12", end="2025-12")
    assert context(public_engine, filters=late).loc["IT", "report_date"] == dt.date(2025, 9, 30)
    landings = public_stats.landings_by_month.uncached(public_engine, EVERYTHING, late)
    assert landings.data_version == 1  # the landings were not in the new extract: those of version 1 stay
    administrator = Scope(history=True)  # "data as of version N": administrators only
    before = context(public_engine, administrator, late.with_(as_of=1))
    assert before.loc["IT", "report_date"] == dt.date(2025, 9, 15)
    assert public_files.ensure_loaded(public_engine) is None  # init-db keeps the newer extract
    assert public_files.load(public_engine, [result], actor="manage.py") is None  # the same again: no version


# --- Shown as published: never perturbed, never in a perturbed sum ----------------------------------------------
def test_public_figures_are_shown_as_published_and_the_share_divides_published_values(public_engine, monkeypatch):
    """With every published count swapped for n + 1,000,000, the public figures do not move, and the projects'
    share is the published presences over the public figure (a ratio, never a sum of the two)."""
    import demo

    data = demo.generate("seeds", 42)
    loading.load(public_engine, secret=TEST_SECRET, kind="demo", source="demo", frames=data.frames,
                 projects=data.projects)
    before = context(public_engine, filters=AUGUST_2024.with_(region="03"))
    monkeypatch.setattr(sql, "perturb", lambda n, k, p=None: np.where(np.asarray(n) > 0, np.asarray(n) + 10**6, 0))
    after = context(public_engine, filters=AUGUST_2024.with_(region="03"))
    pd.testing.assert_frame_equal(before, after)
    share = public_stats.reception_share.uncached(public_engine, MILANO, Filters(
        unit="trimestre", start="2024-T1", end="2024-T4")).frame
    assert (share["occupied"] > 10**6).all() and (share["public"] < 10**6).all()
    assert np.allclose(share["share"].astype(float), share["occupied"].astype(float) / share["public"].astype(float))
    assert share["report_date"].tolist() == [dt.date(2024, 3, 15), dt.date(2024, 6, 30), dt.date(2024, 9, 30),
                                             dt.date(2024, 12, 31)]  # March 2024: its 31st is a gap of the source
    assert share.attrs["regions"] == ("03",) and share.attrs["system"] == "total"
    sai = public_stats.reception_share.uncached(public_engine, MILANO, Filters(
        unit="mese", start="2024-08", end="2024-08", programme="SAI")).frame
    assert sai.attrs["system"] == "sai" and sai["public"].tolist() == [3_098]  # Lombardia's SAI
    shelters = public_stats.reception_share.uncached(public_engine, MILANO, Filters(
        unit="mese", start="2024-08", end="2024-08", programme="ANTITRATTA")).frame
    assert shelters.attrs["system"] is None and shelters["share"].isna().all()


# --- Within each role's territory --------------------------------------------------------------------------------
def test_each_role_sees_its_regions_and_italy(public_engine):
    assert list(context(public_engine, MILANO).index) == ["03", "IT"]
    assert list(context(public_engine, AVELLINO).index) == ["15", "IT"]
    assert list(context(public_engine, GUEST).index) == ["IT"]  # national totals, and a region when chosen
    assert list(context(public_engine, GUEST, AUGUST_2024.with_(region="19")).index) == ["19", "IT"]
    assert list(context(public_engine, AVELLINO, AUGUST_2024.with_(region="03")).index) == ["IT"]  # nothing of 03
    series = public_stats.reception_series.uncached(public_engine, AVELLINO, AUGUST_2024)
    assert series.frame.attrs["regions"] == ("15",) and series.frame.attrs["region_names"] == ["Campania"]


def test_the_map_of_regions(public_engine):
    guest = geo.map_values.uncached(public_engine, GUEST, AUGUST_2024, "public_presences", "regione").frame
    assert len(guest) == 20 and guest["value"].sum() == 138_213 and not guest["value_small"].any()
    lombardia = guest.set_index("code").loc["03"]
    assert lombardia["value"] == 18_063 and lombardia["label"] == "18.063"
    assert lombardia["rate_100k"] == pytest.approx(18_063 / lombardia["population"] * 100_000)
    assert guest.attrs["report_date"] == dt.date(2024, 8, 31) and guest.attrs["last_date"] == dt.date(2025, 9, 15)
    avellino = geo.map_values.uncached(public_engine, AVELLINO, AUGUST_2024, "public_presences", "regione").frame
    assert list(avellino["code"]) == ["15"]  # the whole of Campania, with Campania's residents
    assert avellino["population"].iloc[0] > 5_000_000
    with pytest.raises(ValueError, match="esiste solo per regione"):
        geo.map_values.uncached(public_engine, EVERYTHING, AUGUST_2024, "public_presences", "provincia")
    assert geo.map_levels(EVERYTHING, "public_presences") == ("regione",)
    series = geo.map_series.uncached(public_engine, GUEST, Filters(unit="trimestre", start="2024-T1", end="2024-T2"),
                                     "public_presences", "regione", "03").frame
    assert series["value"].tolist() == [17_622, 17_884]  # 15/03/2024 (the 31st is a gap) and 30/06/2024
    assert (series["population"] == lombardia["population"]).all()


def test_no_public_data_loaded_gives_empty_results(migrated_engine):
    for query in (public_stats.reception_context, public_stats.landings_by_month):
        result = query.uncached(migrated_engine, EVERYTHING, AUGUST_2024)
        assert result.data_version is None and result.frame.empty
    series = public_stats.reception_series.uncached(migrated_engine, EVERYTHING, AUGUST_2024)
    assert series.data_version is None and series.frame.empty
    frame = geo.map_values.uncached(migrated_engine, EVERYTHING, AUGUST_2024, "public_presences", "regione").frame
    assert frame.empty


# --- Where the data are documented ---------------------------------------------------------------------------------
def test_the_shipped_files_are_those_documented_with_their_licence():
    """The docs name the files' SHA-256 (a refresh updates them), the source, the licence and every correction;
    the README says where the data come from, their licence and how to refresh them."""
    import hashlib
    from pathlib import Path

    root = Path(public_files.FOLDER).parents[1]
    docs = (root / "docs" / "dati_pubblici.md").read_text(encoding="utf-8")
    for name, data in public_files.shipped():
        assert f"`{name}`: `{hashlib.sha256(data).hexdigest()}`" in docs, name
    assert (public_files.FOLDER / "LICENSE.md").read_text(encoding="utf-8").startswith(
        "# Creative Commons Attribution 4.0 International")
    assert (public_files.FOLDER / "PROVENANCE.md").exists()
    for words in ("Liberiamoli tutti!", "https://datibenecomune.substack.com/", "CC BY 4.0",
                  "Valle d'Aosta, 28/02/2022", "SIPROIMI e SAI sono una sola serie", "Cella vuota degli hotspot = 0",
                  "15/10/2020, 15/03/2021, 15/07/2021 e 31/03/2024", "Totali nazionali calcolati dalle regioni",
                  "`Data_Report` più recente", "7 date inesistenti", "manage.py reference load"):
        assert words in docs, words
    readme = (root / "README.md").read_text(encoding="utf-8")
    for words in ("## Public data: the national context", "ondata/liberiamoli-tutti", "CC BY 4.0",
                  "manage.py reference load FILE...", "public_data/ministero-interno/"):
        assert words in readme, words
