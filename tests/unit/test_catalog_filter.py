from __future__ import annotations

from dataclasses import replace

from hiptui.content.models import Exercise
from hiptui.core.catalog.filter import (
    NO_EQUIPMENT,
    CatalogFilter,
    CatalogIndex,
    cycle,
    cycle_tristate,
    facet_values,
)
from tests.builders import an_exercise


def exercise(
    name: str, *, source: str = "article", kit: tuple[str, ...] = (), **extra: object
) -> Exercise:
    exercise_id = name.lower().replace(" ", "-")
    return an_exercise(
        exercise_id,
        name=name,
        secondary_muscles=("hamstrings",),
        equipment=kit,
        source=source,
        **extra,
    )


LIBRARY = [
    exercise("Ball bridge", kit=("stability ball",)),
    exercise("Glute bridge"),
    exercise("Hip thrust", kit=("bench",), level="intermediate"),
    exercise("Couch stretch", source="hiptui", per_side=True, primary_muscles=("hip flexors",)),
    exercise("Glute kick", source="user"),
]


def shown(filter_: CatalogFilter, index: CatalogIndex | None = None) -> list[str]:
    index = index or CatalogIndex(LIBRARY)
    return [LIBRARY[i].name for i in index.matching(filter_)]


def test_name_matches_come_first_within_their_group() -> None:
    assert shown(CatalogFilter(query="glute")) == [
        "Glute bridge", "Ball bridge", "Hip thrust", "Glute kick",
    ]  # fmt: skip


def test_no_query_keeps_the_catalog_order() -> None:
    assert shown(CatalogFilter()) == [ex.name for ex in LIBRARY]


def test_subsequence_of_the_name_matches() -> None:
    assert shown(CatalogFilter(query="glbr")) == ["Glute bridge"]


def test_quick_filters_combine() -> None:
    assert shown(CatalogFilter(equipment=NO_EQUIPMENT)) == [
        "Glute bridge", "Couch stretch", "Glute kick",
    ]  # fmt: skip
    assert shown(CatalogFilter(equipment=NO_EQUIPMENT, per_side=True)) == ["Couch stretch"]
    assert shown(CatalogFilter(muscle="gluteus maximus", level="intermediate")) == ["Hip thrust"]


def test_equipment_to_choose_from_counts_as_equipment_for_the_filters() -> None:
    step = exercise("Step up", equipment_choice=("box", "bench"))
    assert CatalogFilter(equipment="bench").matches(step)
    assert CatalogFilter(equipment="box").matches(step)
    assert not CatalogFilter(equipment=NO_EQUIPMENT).matches(step)
    assert not CatalogFilter(equipment="mat").matches(step)
    assert step.equipment_words() == ("box or bench",)
    assert "bench" in facet_values([step])["equipment"]
    assert NO_EQUIPMENT not in facet_values([step])["equipment"]


def test_cycles_wrap_through_none() -> None:
    assert [cycle(None, ["a", "b"]), cycle("a", ["a", "b"]), cycle("b", ["a", "b"])] == [
        "a", "b", None,
    ]  # fmt: skip
    assert [cycle_tristate(None), cycle_tristate(True), cycle_tristate(False)] == [
        True, False, None,
    ]  # fmt: skip


def test_typing_on_narrows_the_last_answer_and_agrees_with_a_fresh_search() -> None:
    index = CatalogIndex(LIBRARY)
    quick_filters = [CatalogFilter(), CatalogFilter(equipment=NO_EQUIPMENT)]
    for quick in quick_filters:
        for query in ["g", "gl", "glu", "glu ", "glu b", "glu br", "gl", "", "k", "ki"]:
            filter_ = replace(quick, query=query)
            assert shown(filter_, index) == shown(filter_), filter_
    # Another quick filter with the same query searches everything again.
    assert shown(CatalogFilter(query="glu"), index) == shown(CatalogFilter(query="glu"))
    assert shown(CatalogFilter(query="glu", per_side=True), index) == []
    # From a narrower quick filter to a wider one, the kit-free answer is not a limit.
    index.matching(CatalogFilter(query="b", equipment=NO_EQUIPMENT))
    assert shown(CatalogFilter(query="br"), index) == ["Ball bridge", "Glute bridge"]


def test_the_index_lets_through_exactly_what_the_filter_matches() -> None:
    """One word, two words or none, with and without the quick filters: the index (which
    tests the words first and the quick filters after) keeps exactly the exercises that
    CatalogFilter.matches keeps."""
    quick_filters = [
        CatalogFilter(),
        CatalogFilter(equipment=NO_EQUIPMENT),
        CatalogFilter(level="intermediate"),
        CatalogFilter(muscle="hip flexors", per_side=True),
    ]
    for quick in quick_filters:
        for query in ["", "b", "br", "glute", "gb", "glute b", "bridge ball", "x"]:
            filter_ = replace(quick, query=query)
            expected = {item.name for item in LIBRARY if filter_.matches(item)}
            assert set(shown(filter_)) == expected, filter_


def test_the_ranking_is_by_group_then_name_matches_then_the_list_s_order() -> None:
    """The one-pass ranking gives what sorting by (group, not in the name, position) gives,
    for one word and for several, whatever the groups' order in the list."""
    names = ["Glute bridge", "Ball kick", "Bridge glute", "Kick back", "Side glute", "Bird dog"]
    sources = ["user", "article", "hiptui", "article", "user", "hiptui"]
    library = [
        exercise(f"{name} {n}", source=sources[(n + k) % len(sources)])
        for n in range(4)
        for k, name in enumerate(names)
    ]
    index = CatalogIndex(library)
    for query in ["g", "glute", "b", "br", "glute b", "k b", "i", "gb"]:
        words = query.split()
        found = [i for i, item in enumerate(library) if CatalogFilter(query=query).matches(item)]

        def rank(i: int, words: list[str] = words) -> tuple[int, bool, int]:
            name = library[i].name.lower()
            return (library[i].group.order, not all(w in name for w in words), i)

        assert index.matching(CatalogFilter(query=query)) == sorted(found, key=rank), query
