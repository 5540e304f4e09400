"""JSON bodies read within a nesting limit, so deep input answers 400, never 500."""

from rest_framework import exceptions, parsers


def nested_deeper_than(data, limit: int) -> bool:
    """Whether lists and objects in ``data`` nest more than ``limit`` levels (counted
    without recursion, so any depth is safe to check)."""
    stack = [(data, 1)] if isinstance(data, dict | list) else []
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with a nesting limit. Python's decoder recurses once per level
    and raises RecursionError somewhere short of a thousand, depending on how deep the
    stack already is; the limit makes the answer the same at any depth."""

    max_depth = 32

    def parse(self, stream, media_type=None, parser_context=None):
        too_deep = exceptions.ParseError(
            f"JSON parse error - lists and objects may nest at most {self.max_depth} levels deep."
        )
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise too_deep from None
        if nested_deeper_than(data, self.max_depth):
            raise too_deep
        return data
