"""Pages of a listing without counting it.

Django's Paginator counts the whole listing to number its pages; on a large catalog the
count costs more than the page. A ``Window`` reads one page's items and one more, which
is all it needs to tell whether a next page exists: its cost stays that of one page,
however long the listing grows.
"""

from django.core.paginator import InvalidPage

# A page number beyond this is refused rather than handed to the database as an offset.
LAST_PAGE_NUMBER = 100_000


class Window:
    """One page of ``per_page`` items, numbered from 1, as templates use Django's Page
    (``has_next``, ``next_page_number``, ``has_other_pages``...), with no page count."""

    paginator = None  # no total: templates show "Page 3", not "Page 3 of 40"

    def __init__(self, items: list, number: int, per_page: int):
        self.number = number
        self.per_page = per_page
        self.object_list = items[:per_page]
        self._has_next = len(items) > per_page

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        if not self._has_next:
            raise InvalidPage("That page contains no results")
        return self.number + 1

    def previous_page_number(self) -> int:
        if self.number <= 1:
            raise InvalidPage("That page number is less than 1")
        return self.number - 1


def page_number(value) -> int:
    """The page ``value`` names (``None`` or empty for the first); InvalidPage for
    anything that is not a whole number from 1 to LAST_PAGE_NUMBER."""
    if value in (None, ""):
        return 1
    try:
        number = int(str(value))
    except ValueError:
        raise InvalidPage("That page number is not an integer") from None
    if not 1 <= number <= LAST_PAGE_NUMBER:
        raise InvalidPage("There is no such page")
    return number


def window(queryset, value, per_page: int) -> Window:
    """The page of ``queryset`` that ``value`` names. A page past the end is InvalidPage,
    except the first, which may be empty."""
    number = page_number(value)
    start = (number - 1) * per_page
    items = list(queryset[start : start + per_page + 1])
    if not items and number > 1:
        raise InvalidPage("That page contains no results")
    return Window(items, number, per_page)
