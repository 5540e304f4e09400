"""Read an admin page's form the way a browser would, so tests post the real thing:
textareas are sent with CRLF line breaks, as browsers send them whatever the page held."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._select_has_choice = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def add(self, name: str, value: str) -> None:
        if "__prefix__" not in name:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.add(name, attrs.get("value", "on"))
                return
            self.add(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self._select, self._select_has_choice = name, False
        elif tag == "option" and self._select and "selected" in attrs:
            self.add(self._select, attrs.get("value", ""))
            self._select_has_choice = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "select" and self._select:
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            text = text[1:] if text.startswith("\n") else text
            self.add(self._textarea, text.replace("\r\n", "\n").replace("\n", "\r\n"))
            self._textarea = None


def form_data(response, form_id: str) -> dict[str, list[str]]:
    """The values a browser would submit from the form ``form_id`` on the page."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    return reader.data


def add_inline_row(data: dict, prefix: str, **fields) -> None:
    """Append one new row to an inline formset in ``data``, as the "Add another" link does."""
    index = int(data[f"{prefix}-TOTAL_FORMS"][0])
    data[f"{prefix}-TOTAL_FORMS"] = [str(index + 1)]
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = [str(value)]


def post_form(client, url: str, form_id: str, **changes):
    """Open ``url``, change some of its form's fields (``name=value``) and post it."""
    data = form_data(client.get(url), form_id)
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    return client.post(url, data)
