"""The words of a view that do not depend on a page: the territory and the period of the filters ("Sondrio",
"da gennaio 2025 a dicembre 2025"), and the :class:`~presentation.registry.ChartWords` of its charts. The pages
(``views/layout.py``), the meeting pack built on the command line (``manage.py pack``) and the pack e-mail use the
same words, so a slide says the same thing wherever it is made."""

from __future__ import annotations

from sqlalchemy import Engine

from config.labels import fmt_period, t
from data_access import queries
from data_access.scope import Filters, Scope
from presentation import grammar
from presentation.registry import ChartWords


def territory_name(filters: Filters, scope: Scope, lang: str = "it", engine: Engine | None = None) -> str:
    """The territory a view shows, in words ("Italia", "Lombardia", "Sondrio"; with a project, "Sondrio, SAI ...")."""
    names = queries.filter_choices(scope, None, engine=engine)["names"]
    if filters.province:
        name = names.provinces[filters.province]
    elif filters.region:
        name = names.regions[filters.region]
    else:
        name = scope.label if scope.provinces is not None else t("territory.italy", lang)
    if filters.project:
        return t("territory.with_project", lang, territory=name,
                 project=names.project_short.get(filters.project, filters.project))
    return name


def period_words(filters: Filters, lang: str = "it") -> tuple[str, str]:
    """The range in words ("dicembre 2025", "da gennaio 2025 a dicembre 2025": ``grammar.period_range``) and its
    last period."""
    end = fmt_period(filters.unit, filters.end, lang)
    return grammar.period_range(filters.unit, filters.start or filters.end, filters.end, lang), end


def chart_words(scope: Scope, filters: Filters, lang: str = "it", engine: Engine | None = None) -> ChartWords:
    """The words of the charts of a view (``engine``: the database, default DATABASE_URL's)."""
    period, last = period_words(filters, lang)
    return ChartWords(lang, filters.unit, territory_name(filters, scope, lang, engine), period, last, filters.end)
