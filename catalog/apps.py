from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Catalog"

    def ready(self):
        from catalog import signals  # noqa: F401
        from catalog.declarations import brand_details_in_use
        from compliance.models import SITE_SETTINGS_CHECKS

        if brand_details_in_use not in SITE_SETTINGS_CHECKS:
            SITE_SETTINGS_CHECKS.append(brand_details_in_use)
