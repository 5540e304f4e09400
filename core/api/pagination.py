from rest_framework.pagination import PageNumberPagination as BasePageNumberPagination


class PageNumberPagination(BasePageNumberPagination):
    """``?page=`` and ``?page_size=`` (up to 100); a page past the end is a 404."""

    page_size_query_param = "page_size"
    max_page_size = 100
    invalid_page_message = "There is no page {page_number} here ({message})."
