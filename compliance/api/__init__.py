"""The publishing workflow in the API: the serializer and viewset pieces the apps' write
endpoints use. Every decision is ``compliance.workflow``'s; this module only translates.

- A non-reviewer's write to a live item's content answers ``202 Accepted`` with
  ``{"revision": id, "status": "pending", "changed": [...]}``; the live item is unchanged
  until a claims reviewer approves that revision.
- ``If-Match`` with the ETag of the item's detail makes a write conditional: ``412`` when
  the item changed since (a pending revision or an approval counts as a change).
- Refusals keep their meaning: ``403`` for what the user may not do, ``409`` for a
  revision that can no longer be approved, ``400`` for invalid content.
"""

from compliance.api.answers import (
    IF_MATCH,
    PENDING_RESPONSE,
    PRECONDITION_FAILED,
    STALE_REVISION,
    PreconditionFailed,
    pending_response,
    raise_refusal,
)
from compliance.api.children import ReviewedChildViewSetMixin
from compliance.api.items import (
    ReviewedWriteMixin,
    ReviewInfoField,
    check_if_match,
    representation_etag,
)
from compliance.api.revisions import RevisionActionsMixin

__all__ = [
    "IF_MATCH",
    "PENDING_RESPONSE",
    "PRECONDITION_FAILED",
    "STALE_REVISION",
    "PreconditionFailed",
    "ReviewInfoField",
    "ReviewedChildViewSetMixin",
    "ReviewedWriteMixin",
    "RevisionActionsMixin",
    "check_if_match",
    "pending_response",
    "raise_refusal",
    "representation_etag",
]
