"""The admin's doors to reviewed content: every one of them calls ``compliance.workflow``.

- ``ReviewedAdminMixin`` (``items``) for products, articles, use categories and lines.
- ``ReviewedInlineMixin`` (``inlines``) for the inlines that are part of an item's content.
- ``ReviewedChildAdminMixin`` and ``ForeignChildInlineMixin`` (``children``) for child
  rows' own pages and for rows of other items' content shown inline.
"""

from compliance.reviewed_admin.children import (
    ForeignChildInlineMixin,
    ReviewedChildAdminMixin,
    ReviewedChildForm,
)
from compliance.reviewed_admin.errors import RedisplayForm
from compliance.reviewed_admin.inlines import ReviewedInlineMixin
from compliance.reviewed_admin.items import ReviewedAdminForm, ReviewedAdminMixin

__all__ = [
    "ForeignChildInlineMixin",
    "RedisplayForm",
    "ReviewedAdminForm",
    "ReviewedAdminMixin",
    "ReviewedChildAdminMixin",
    "ReviewedChildForm",
    "ReviewedInlineMixin",
]
