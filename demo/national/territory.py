"""The national territory: provinces, their comuni (largest first), the 21 anti-trafficking areas and the
names of the bodies that lead them."""

from __future__ import annotations

import pandas as pd


def _plain(name: str) -> str:
    """A name without its second language ("Bolzano/Bozen" -> "Bolzano")."""
    return name.split("/")[0]


class Territory:
    """Provinces, their comuni (largest first) and the 21 anti-trafficking areas."""

    def __init__(self, ref: dict[str, pd.DataFrame]):
        self.provinces = ref["provinces"].sort_values("code").reset_index(drop=True)
        comuni = ref["municipalities"].sort_values(["province_code", "population"], ascending=[True, False])
        self.comuni = {code: group.reset_index(drop=True) for code, group in comuni.groupby("province_code")}
        self._names = self.provinces.set_index("code")["name"].to_dict()
        self.regions = ref["regions"].set_index("code")["name"].map(_plain).to_dict()
        self.areas: dict[str, list[str]] = {}
        for row in self.provinces.itertuples():
            area = {"021": "04BZ", "022": "04TN"}.get(row.code, row.region_code)  # Bolzano and Trento apart
            self.areas.setdefault(area, []).append(row.code)

    def area_name(self, area: str) -> str:
        """The region's name, or the autonomous province's."""
        if area in ("04BZ", "04TN"):
            return f"Provincia autonoma di {self.name(self.areas[area][0])}"
        return self.regions[area]

    def area_lead(self, area: str) -> str:
        """The body leading an area's regional projects (official names)."""
        if area in ("04BZ", "04TN"):
            return self.area_name(area)
        special = {"02": "Regione Autonoma Valle d'Aosta", "05": "Regione del Veneto",
                   "06": "Regione Autonoma Friuli Venezia Giulia", "19": "Regione Siciliana",
                   "20": "Regione Autonoma della Sardegna"}
        return special.get(area, f"Regione {self.regions[area]}")

    def name(self, province: str) -> str:
        """A province's name."""
        return _plain(self._names[province])

    def capital(self, province: str) -> str:
        """The largest comune of a province (its chief town in the demo)."""
        return self.comuni[province].at[0, "name"]

    def prefecture(self, province: str) -> str:
        """The body with the prefecture's functions in a province."""
        if province == "007":
            return "Presidenza della Regione Valle d'Aosta (funzioni prefettizie)"
        if province in ("021", "022"):
            return f"Commissariato del Governo per la provincia di {self.name(province)}"
        if province == "111":
            return "Prefettura di Cagliari"
        return f"Prefettura di {self.name(province)}"
