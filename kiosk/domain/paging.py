"""Splitting long lists into screen-sized pages (notices, Echo Wall, schedule)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list. `index` is 0-based; `number` is 1-based, for "2 / 5" labels."""

    items: tuple[T, ...]
    index: int
    page_count: int
    total: int
    page_size: int

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def has_prev(self) -> bool:
        return self.index > 0

    @property
    def has_next(self) -> bool:
        return self.index < self.page_count - 1

    @property
    def first_position(self) -> int:
        """0-based position in the whole list of this page's first item."""
        return self.index * self.page_size


def paginate(items: Sequence[T], page_size: int, page: int) -> Page[T]:
    """Page `page` (0-based) of `items`, clamped into range.

    Clamping rather than raising, because the list can shrink under the screen (a notice expires,
    the config reloads) while a resident is on its last page. An empty list has one empty page.
    """
    if page_size < 1:
        raise ValueError(f"page_size must be at least 1, got {page_size}")
    page_count = max(1, -(-len(items) // page_size))
    index = min(max(page, 0), page_count - 1)
    first = index * page_size
    return Page(
        items=tuple(items[first : first + page_size]),
        index=index,
        page_count=page_count,
        total=len(items),
        page_size=page_size,
    )
