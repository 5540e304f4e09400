"""core.pagination: pages of a listing read without counting it."""

import pytest
from django.core.paginator import InvalidPage

from core.pagination import LAST_PAGE_NUMBER, page_number, window


def test_a_window_reads_one_more_item_to_know_there_is_a_next_page():
    items = list(range(7))
    first = window(items, None, 3)
    assert (first.object_list, first.has_next(), first.has_previous()) == ([0, 1, 2], True, False)
    assert first.next_page_number() == 2
    last = window(items, "3", 3)
    assert (last.object_list, last.has_next(), last.has_previous()) == ([6], False, True)
    assert last.previous_page_number() == 2
    assert last.has_other_pages() and not window(items[:3], "1", 3).has_other_pages()
    with pytest.raises(InvalidPage):
        last.next_page_number()
    with pytest.raises(InvalidPage):
        first.previous_page_number()


def test_the_first_page_may_be_empty_and_no_other():
    assert window([], "", 3).object_list == []
    with pytest.raises(InvalidPage):
        window([1, 2, 3], "2", 3)


@pytest.mark.parametrize(
    "value", ["0", "-1", "abc", "1.5", "\x00", str(LAST_PAGE_NUMBER + 1), "9" * 30]
)
def test_a_value_that_is_no_page_number_is_refused(value):
    with pytest.raises(InvalidPage):
        page_number(value)


@pytest.mark.parametrize(("value", "number"), [(None, 1), ("", 1), ("2", 2), (" 4 ", 4)])
def test_page_numbers(value, number):
    assert page_number(value) == number
