"""How the admin shows the workflow's refusals and outcomes."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class RedisplayForm(Exception):
    """Raised after validation when the workflow refuses a change at save time (another
    save won a race): the change view runs again and shows the form, as typed, with the
    reasons."""

    def __init__(self, error: ValidationError):
        super().__init__(error)
        self.error = error


def error_dict(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            name: [str(m) for e in errs for m in e.messages]
            for name, errs in error.error_dict.items()
        }
    return {NON_FIELD_ERRORS: list(error.messages)}


def add_workflow_errors(form, request) -> None:
    """Show the reasons a first attempt was refused on the form of the second."""
    error = getattr(request, "_workflow_error", None)
    if error is None:
        return
    for name, messages_ in error_dict(error).items():
        target = name if name in form.fields else None
        for message in messages_:
            form.add_error(target, message)


def pending_message(obj, outcome) -> str:
    return (
        f"Your changes to \u201c{obj}\u201d ({', '.join(outcome.changed_labels)}) are waiting for "
        "a claims reviewer. Shoppers see the approved version until then."
    )
