from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.paging import paginate


def test_middle_page_has_both_neighbours() -> None:
    page = paginate(list(range(12)), 5, 1)
    assert page.items == (5, 6, 7, 8, 9)
    assert (page.index, page.number, page.page_count, page.total) == (1, 2, 3, 12)
    assert page.has_prev
    assert page.has_next
    assert page.first_position == 5


def test_last_page_is_partial_and_has_no_next() -> None:
    page = paginate("abcdefg", 3, 2)
    assert page.items == ("g",)
    assert page.has_prev
    assert not page.has_next


def test_page_past_the_end_is_clamped_to_the_last_page() -> None:
    page = paginate(list(range(10)), 5, 7)
    assert page.index == 1
    assert page.items == (5, 6, 7, 8, 9)


def test_negative_page_is_clamped_to_the_first_page() -> None:
    page = paginate(list(range(10)), 5, -3)
    assert page.index == 0
    assert not page.has_prev


def test_exact_multiple_has_no_empty_trailing_page() -> None:
    assert paginate(list(range(10)), 5, 0).page_count == 2


def test_empty_list_has_one_empty_page() -> None:
    no_items: list[str] = []
    page = paginate(no_items, 4, 3)
    assert page.items == ()
    assert page.page_count == 1
    assert page.index == 0
    assert not page.has_prev
    assert not page.has_next


def test_page_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="page_size"):
        paginate([1, 2], 0, 0)


@given(st.lists(st.integers(), max_size=60), st.integers(1, 12))
def test_pages_together_are_the_whole_list_in_order(items: list[int], size: int) -> None:
    first = paginate(items, size, 0)
    pages = [paginate(items, size, i) for i in range(first.page_count)]
    assert [x for page in pages for x in page.items] == items
    assert all(0 < len(page.items) <= size for page in pages if items)
    assert [page.has_next for page in pages] == [True] * (first.page_count - 1) + [False]
