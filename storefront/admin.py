from django.contrib import admin

from compliance.admin import HistoryAdmin
from compliance.reviewed_admin import ReviewedAdminMixin
from storefront.models import StorePage


@admin.register(StorePage)
class StorePageAdmin(ReviewedAdminMixin, HistoryAdmin):
    list_display = ["title", "kind", "publication", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "summary", "body"]}),
        ("Publishing", {"fields": [*ReviewedAdminMixin.publishing_fields, "updated_at"]}),
    ]
