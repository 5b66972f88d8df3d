"""The shared cache of published results (data_access/result_cache.py): one computation per question, copies out,
bounded, with an age limit, and one computation when many sessions ask the same new question at once."""

import gc
import threading
import time

import pandas as pd
import pytest

from data_access import result_cache, sql
from data_access.result_cache import ByIdentity, ResultCache
from data_access.scope import ChoiceNames, FilterChoices, Filters, Scope


def counting(result=lambda *a: pd.DataFrame({"value": [1, 2]})):
    calls = []

    def fn(*args):
        calls.append(args)
        return result(*args)
    return fn, calls


def test_a_question_is_computed_once_and_each_caller_gets_its_own_copy():
    fn, calls = counting()
    cache = ResultCache(fn, ttl=60, max_entries=8)
    first = cache("q", Scope(), Filters(unit="mese", start="2025-01", end="2025-01"))
    first.loc[0, "value"] = 999  # a caller changing what it received
    second = cache("q", Scope(), Filters(unit="mese", start="2025-01", end="2025-01"))
    assert len(calls) == 1
    assert second["value"].tolist() == [1, 2]  # the stored result is as computed
    cache("q", Scope(), Filters(unit="mese", start="2025-02", end="2025-02"))  # another question
    cache("q", Scope(provinces=frozenset({"014"})), Filters(unit="mese", start="2025-01", end="2025-01"))
    assert len(calls) == 3


def test_a_copy_shares_the_stored_data_until_its_caller_changes_it():
    """A published result is handed out as a copy without its data (pandas copies on write): every way a page may
    change what it received leaves the stored result as computed, for the next caller."""
    frame = pd.DataFrame({"value": [1, 2, 3], "name": ["a", "b", "c"]})
    frame.attrs["as_of"] = {"day": "2025-01-31"}
    stored = sql.Published(frame, data_version=4, k=5, guard=("value",))
    fn, calls = counting(lambda *a: {"result": stored, "parts": [frame], "pair": (frame, 1)})
    cache = ResultCache(fn, ttl=60, max_entries=8)
    changes = (
        lambda f: f.loc.__setitem__((0, "value"), 999),
        lambda f: f.iloc.__setitem__((1, 0), 999),
        lambda f: f.__setitem__("name", f["name"].str.upper()),
        lambda f: f.__setitem__("extra", 1),
        lambda f: f.attrs["as_of"].__setitem__("day", "2030-01-01"),
        lambda f: f["value"].__setitem__(2, 999),
    )
    for change in changes:
        got = cache("q")
        for copy in (got["result"].frame, got["parts"][0], got["pair"][0]):
            assert copy is not frame
            change(copy)
        assert got["result"].k == 5 and got["result"].guard == ("value",) and got["pair"][1] == 1
        with pytest.raises(ValueError, match="read-only"):  # the shared array itself cannot be written
            got["result"].frame["value"].to_numpy()[0] = 999
    assert len(calls) == 1
    again = cache("q")
    for copy in (again["result"].frame, again["parts"][0], again["pair"][0]):
        assert copy.to_dict("list") == {"value": [1, 2, 3], "name": ["a", "b", "c"]}
        assert copy.attrs == {"as_of": {"day": "2025-01-31"}}
    assert frame.to_dict("list") == {"value": [1, 2, 3], "name": ["a", "b", "c"]}


def test_each_copy_knows_the_stored_frame_it_was_made_of_while_it_lives():
    frame = pd.DataFrame({"value": [1, 2]})
    fn, _calls = counting(lambda *a: {"a": sql.Published(frame, 1, 5), "b": [frame]})
    cache = ResultCache(fn, ttl=60, max_entries=8)
    got = cache("q")
    assert result_cache.origin(got["a"].frame) is frame and result_cache.origin(got["b"][0]) is frame
    assert result_cache.origin(frame) is None  # the stored frame itself, or any frame of a page's own
    assert result_cache.origin(got["a"].frame[got["a"].frame["value"] > 1]) is None  # a frame derived from a copy
    assert result_cache.origin(pd.DataFrame({"value": [1, 2]})) is None


def test_an_identity_entry_goes_with_its_object():
    memo, frame = ByIdentity(), pd.DataFrame({"value": [1]})
    memo.put(frame, "digest")
    assert memo.get(frame) == "digest" and memo.get(pd.DataFrame({"value": [1]})) is None and len(memo) == 1
    del frame
    gc.collect()
    assert len(memo) == 0  # no entry outlives its frame: a new frame at the same address finds nothing


def test_the_filter_choices_are_shared_read_only_not_copied():
    """A scope's choices (990 projects nationally) are handed out as they are, and no caller can change them."""
    choices = FilterChoices(provinces={"014": "03"}, programmes=("SAI",), projects={"P1": "SAI"},
                            first_month="2025-01", last_month="2025-03", project_provinces={"P1": ("014",)})
    names = ChoiceNames(regions={"03": "Lombardia"}, provinces={"014": "Sondrio"}, projects={"P1": "SAI Sondrio"},
                        project_short={"P1": "SAI Sondrio"})
    fn, calls = counting(lambda *a: {"choices": choices, "names": names, "projects": pd.DataFrame({"code": ["P1"]})})
    cache = ResultCache(fn, ttl=60, max_entries=8)
    first, second = cache("choices", Scope()), cache("choices", Scope())
    assert first["choices"] is second["choices"] is choices and len(calls) == 1
    assert first["names"] is second["names"] is names
    for mapping in (names.regions, names.provinces, names.projects, names.project_short):
        with pytest.raises(TypeError):
            mapping["X"] = "Y"
    assert first["projects"] is not second["projects"]  # frames are still copies
    for mapping in (choices.provinces, choices.projects, choices.project_provinces):
        with pytest.raises(TypeError):
            mapping["X"] = "Y"
    assert choices.projects_in("SAI", region="03") == ["P1"] and choices.provinces["014"] == "03"


def test_entries_are_bounded_and_age():
    fn, calls = counting()
    cache = ResultCache(fn, ttl=60, max_entries=2)
    for key in ("a", "b", "a", "c"):  # "b" is the least recently used when "c" comes
        cache(key)
    assert len(cache) == 2
    cache("a")
    assert len(calls) == 3
    cache("b")
    assert len(calls) == 4
    old = ResultCache(fn, ttl=0.01, max_entries=8)
    old("x")
    time.sleep(0.05)
    old("x")
    assert len(calls) == 6
    old.clear()
    assert len(old) == 0


def test_many_sessions_asking_a_new_question_at_once_compute_it_once():
    started = threading.Event()

    def slow(*args):
        started.set()
        time.sleep(0.2)
        return {"answer": args}

    fn, calls = counting(slow)
    cache = ResultCache(fn, ttl=60, max_entries=8)
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(cache("same"))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert answers == [{"answer": ("same",)}] * 6


def test_an_argument_that_cannot_be_a_key_is_computed_each_time():
    fn, calls = counting()
    cache = ResultCache(fn, ttl=60, max_entries=8)
    cache("q", ["a", "list"])
    cache("q", ["a", "list"])
    assert len(calls) == 2 and len(cache) == 0


def test_published_queries_go_through_it(seeded_engine):
    from data_access import queries

    sql.cached_result.clear()
    before = dict(sql.cached_result.stats)
    filters = Filters(unit="mese", start="2025-06", end="2025-06")
    one = queries.headline(Scope(), filters, engine=seeded_engine)
    two = queries.headline(Scope(), filters, engine=seeded_engine)
    assert sql.cached_result.stats["misses"] == before["misses"] + 1
    assert sql.cached_result.stats["hits"] == before["hits"] + 1
    assert one is not two and one.frame.equals(two.frame)
