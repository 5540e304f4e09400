from django.contrib import admin

from compliance.admin import HistoryAdmin
from compliance.reviewed_admin import ReviewedAdminMixin
from storefront.models import ShippingRule, StorePage


@admin.register(StorePage)
class StorePageAdmin(ReviewedAdminMixin, HistoryAdmin):
    list_display = ["title", "kind", "publication", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kind",
                    ("title", "title_hi"),
                    "slug",
                    ("summary", "summary_hi"),
                    ("body", "body_hi"),
                ]
            },
        ),
        ("Publishing", {"fields": [*ReviewedAdminMixin.publishing_fields, "updated_at"]}),
    ]


@admin.register(ShippingRule)
class ShippingRuleAdmin(HistoryAdmin):
    """Catalog managers keep these: the shipping page, every product's structured data
    and the Merchant feed read them."""

    list_display = ["__str__", "rate", "currency", "free_from", "delivery", "position"]
    list_editable = ["position"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["service", "country", "rate", "currency", "free_from", "position"]}),
        (
            "How long it takes",
            {
                "fields": [
                    ("handling_days_min", "handling_days_max"),
                    ("transit_days_min", "transit_days_max"),
                    "updated_at",
                ]
            },
        ),
    ]

    @admin.display(description="Delivery (business days)")
    def delivery(self, rule):
        low, high = rule.delivery_days
        return f"{low}\u2013{high}" if low != high else str(low)
