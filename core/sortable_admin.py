"""Drag-and-drop ordering of an admin changelist (django-admin-sortable2), with every
moved row saved on its own.

The library writes a drag's new positions with ``bulk_update``, which sends no
``post_save``: whatever listens for changes (a page cache ending the pages that list the
rows, the change history) would not hear of it. Here each moved row is saved with
``update_fields``, in one transaction.
"""

from adminsortable2.admin import SortableAdminMixin as LibrarySortableAdminMixin
from django.db import transaction


class SortableAdminMixin(LibrarySortableAdminMixin):
    def _update_order(self, updated_items, extra_model_filters):
        field = self.default_order_field
        queryset = self.model.objects.filter(**extra_model_filters)
        with transaction.atomic():
            for pk, position in updated_items:
                row = queryset.get(pk=pk)
                if getattr(row, field) != position:
                    setattr(row, field, position)
                    row.save(update_fields=[field])
        return len(updated_items)
