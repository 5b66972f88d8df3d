"""Pay once per question (presentation/view_cache.py): a chart of the registry is built once for a (scope, chart,
words, choices, published result) and served to every session asking the same; the user's scope, the filters (the
result they asked), the language and the data version are each part of the key, so two scopes never share a chart
and a new data version is never answered with the old one's."""

from __future__ import annotations

import pandas as pd
import pytest

from config import theme
from data_access.result_cache import ResultCache
from data_access.scope import Filters, Scope
from data_access.sql import Published
from presentation import charts, registry, view_cache
from presentation.registry import ChartWords

FILTERS = Filters(unit="trimestre", start="2024-T1", end="2024-T4")
WORDS = ChartWords("it", "trimestre", "Italia", "dal 1° trimestre 2024 al 4° trimestre 2024", "4° trimestre 2024")
LOMBARDIA = Scope(provinces=frozenset({"012", "013", "015", "016", "017", "018", "019", "020", "097", "098", "108"}),
                  label="Lombardia")


@pytest.fixture(autouse=True)
def empty_cache():
    view_cache.clear()
    yield
    view_cache.clear()


def published(values=(10, 20), version: int | None = 1) -> Published:
    frame = pd.DataFrame({"category": ["a", "b"], "count": list(values), "is_total": [False, False]})
    return Published(frame, version, 5)


class Builder:
    """A chart builder that counts its calls."""

    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return object()


def test_the_same_question_is_built_once_and_served_again():
    build = Builder()
    first = view_cache.cached_chart("x", published(), WORDS, {}, build, scope=Scope())
    again = view_cache.cached_chart("x", published(), WORDS, {}, build, scope=Scope())  # an equal result, a copy
    assert again is first and build.calls == 1


@pytest.mark.parametrize("change", [
    {"scope": LOMBARDIA},  # another user's scope, even for equal values
    {"words": ChartWords("en", "trimestre", "Italy", "Q1 2024 to Q4 2024", "Q4 2024")},  # another language
    {"result": published(values=(10, 21))},  # other filters: another result
    {"result": published(version=2)},  # a new data version, even with the same values
    {"choices": {"measure": "other"}},  # another choice of the page
])
def test_scope_language_filters_data_version_and_choices_are_each_in_the_key(change):
    build = Builder()
    base = {"scope": Scope(), "words": WORDS, "result": published(), "choices": {}}
    first = view_cache.cached_chart("x", base["result"], base["words"], base["choices"], build, scope=base["scope"])
    other = {**base, **change}
    second = view_cache.cached_chart("x", other["result"], other["words"], other["choices"], build,
                                     scope=other["scope"])
    assert second is not first and build.calls == 2


def test_a_result_of_the_shared_cache_is_digested_once_for_every_copy(monkeypatch):
    """A national Rete run digested its results' frames at every run (a seventh of its time): a copy of a stored
    result has the stored frame's digest, computed once."""
    monkeypatch.delenv(view_cache.CHECK_COPIES, raising=False)
    stored = published()
    cache = ResultCache(lambda *a: stored, ttl=60, max_entries=8)
    digested = []
    digest = view_cache._digest
    monkeypatch.setattr(view_cache, "_digest", lambda frame: digested.append(frame) or digest(frame))
    keys = {view_cache.result_key(cache("q")) for _session in range(5)}
    assert len(keys) == 1 and len(digested) == 1 and digested[0] is stored.frame  # the stored frame, once
    assert keys == {view_cache.result_key(published())}  # the key of an equal frame: the same charts are served
    other = published(values=(10, 21))  # a frame not of the cache: digested itself
    assert view_cache.result_key(other) != keys.pop() and digested[-1] is other.frame


def test_a_page_that_changes_a_result_of_the_shared_cache_fails_its_tests(monkeypatch):
    """Pages lay out, they never change a result: the digest of a copy is the stored frame's, so a copy changed would
    be drawn under the key of the unchanged one. Every test run checks each copy drawn (CRUSCOTTO_CHECK_COPIES, set
    in tests/conftest.py): a page that changed one fails."""
    assert view_cache.CHECK_COPIES == "CRUSCOTTO_CHECK_COPIES"
    monkeypatch.setenv(view_cache.CHECK_COPIES, "1")
    cache = ResultCache(lambda *a: published(), ttl=60, max_entries=8)
    view_cache.result_key(cache("q"))  # unchanged: fine
    changed = cache("q")
    changed.frame.loc[0, "count"] = 11
    with pytest.raises(view_cache.ChangedResult, match="count"):
        view_cache.result_key(changed)
    monkeypatch.delenv(view_cache.CHECK_COPIES)
    assert view_cache.result_key(changed) == view_cache.result_key(published())  # unchecked: the stored key


def test_two_scopes_get_their_own_specs_and_a_new_version_is_drawn_anew(seeded_engine):
    """On the seeds demo data: all of Italy and Lombardy draw different charts for the same filters; after a new
    data version (the same values, published again) the chart is built again, not taken from the cache."""
    theme.enable()
    entry = registry.PLACES
    specs = {}
    for scope in (Scope(), LOMBARDIA):
        result = entry.query(scope, FILTERS, engine=seeded_engine)
        chart = entry.chart(result, WORDS)
        assert entry.chart(entry.query(scope, FILTERS, engine=seeded_engine), WORDS) is chart  # served again
        specs[scope.label] = view_cache.spec_of(chart, charts.to_spec)
        assert view_cache.spec_of(chart, charts.to_spec) is specs[scope.label]  # converted once
        chart.to_dict()  # the cached chart still validates against the Vega-Lite schema
    (_, italy_frames), (_, lombardy_frames) = specs["Italia"], specs["Lombardia"]
    assert [f.to_dict() for f in italy_frames.values()] != [f.to_dict() for f in lombardy_frames.values()]
    result = entry.query(Scope(), FILTERS, engine=seeded_engine)
    places = entry.published(result)
    newer = {**result, **{name: Published(part.frame, part.data_version + 100, part.k, part.guard,
                                          part.sparsity_max)
                          for name, part in result.items() if isinstance(part, Published)}}
    assert entry.published(newer).data_version == places.data_version + 100
    assert entry.chart(newer, WORDS) is not entry.chart(result, WORDS)


def test_a_full_cache_lets_the_oldest_question_go(monkeypatch):
    monkeypatch.setattr(view_cache, "MAX_ENTRIES", 2)
    build = Builder()
    for values in ((1, 1), (2, 2), (3, 3)):
        view_cache.cached_chart("x", published(values), WORDS, {}, build, scope=Scope())
    assert view_cache.stats()["entries"] == 2
    view_cache.cached_chart("x", published((1, 1)), WORDS, {}, build, scope=Scope())
    assert build.calls == 4  # the first question had left: built again


def test_a_spec_is_converted_once_only_for_a_chart_of_the_cache():
    calls = []

    def convert(chart):
        calls.append(chart)
        return {"n": len(calls)}, {}

    cached = view_cache.cached_chart("x", published(), WORDS, {}, Builder(), scope=Scope())
    assert view_cache.spec_of(cached, convert) is view_cache.spec_of(cached, convert)
    outsider = object()  # a chart a page built itself (the map): converted at each call, never kept
    view_cache.spec_of(outsider, convert)
    view_cache.spec_of(outsider, convert)
    assert len(calls) == 3 and view_cache.stats()["specs"] == 1
