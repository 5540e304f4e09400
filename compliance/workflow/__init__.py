"""The publishing workflow: who may change what shoppers read, and what each change does.

Every door calls this module and none re-implements a part of it: the admin's forms,
inlines, child pages, delete views and bulk actions, the API's endpoints and child
endpoints, and the review queue. It owns the decisions (permissions, transitions, the
claims guard, sign-offs, stale versions) and their effects (applying content, stamping
approvals, revisions, history).

The model, as Wagtail keeps pages: an item's row holds its *live* content. Once an item
has been approved (published, scheduled or archived; use categories and product lines
always), a non-reviewer's change to its content is stored as a pending ``Revision`` and
the row is untouched until a claims reviewer approves that exact revision. Drafts and
items in review are not shown to shoppers, so their rows are edited directly; sending
one to review snapshots it as a pending revision. Direct values (prices, stock, SKUs)
are not claims and change at once.

Concurrency is optimistic: ``edit_token`` names the version an editor started from, and
a change based on another version is refused with ``Conflict``.
"""

from compliance.workflow.actions import (
    Outcome,
    approve,
    change_child,
    child_content,
    created,
    send_back,
    submit,
    withdraw,
)
from compliance.workflow.rules import (
    UNSET,
    Conflict,
    NotAllowed,
    Refused,
    Stale,
    check_approvable,
    check_create,
    check_delete,
    check_publication_time,
    check_publishable,
    check_rescheduling,
    check_token,
    check_transition,
    content_findings,
    current_content,
    edit_token,
    is_publishable,
    is_reviewer,
    is_shown,
    latest_revision,
    open_revision,
    pending_revision,
    publication_problems,
    revisions_of,
    same_time,
    sign_off_key,
    sign_off_needed,
    spec_of,
    state_label,
    unsigned_warnings,
    validate_content,
)

__all__ = [
    "UNSET",
    "Conflict",
    "NotAllowed",
    "Outcome",
    "Refused",
    "Stale",
    "approve",
    "change_child",
    "check_approvable",
    "check_create",
    "check_delete",
    "check_publication_time",
    "check_publishable",
    "check_rescheduling",
    "check_token",
    "check_transition",
    "child_content",
    "content_findings",
    "created",
    "current_content",
    "edit_token",
    "is_publishable",
    "is_reviewer",
    "is_shown",
    "latest_revision",
    "open_revision",
    "pending_revision",
    "publication_problems",
    "revisions_of",
    "same_time",
    "send_back",
    "sign_off_key",
    "sign_off_needed",
    "spec_of",
    "state_label",
    "submit",
    "unsigned_warnings",
    "validate_content",
    "withdraw",
]
