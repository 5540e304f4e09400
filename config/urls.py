from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import Http404
from django.urls import include, path, re_path
from django.views.static import serve

from config import health
from storefront.feeds import merchant_feed

admin.site.site_header = f"{settings.CATALOG_BRAND_NAME} catalog"
admin.site.site_title = f"{settings.CATALOG_BRAND_NAME} catalog"
admin.site.index_title = "Catalog, articles and reviews"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("api/v1/", include("config.api_router")),
    path("feeds/products.xml", merchant_feed, name="merchant-feed"),
]
# English at /, Hindi under /hi/ (the language middleware reads the prefix).
urlpatterns += i18n_patterns(path("", include("storefront.urls")), prefix_default_language=False)


def serve_media(request, path):
    """Uploaded files, for a single machine without a web server in front."""
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError):  # a name too long or with a NUL byte is simply not there
        raise Http404("No such file.") from None


if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve_media)]

handler404 = "storefront.views.page_not_found"
handler500 = "storefront.views.server_error"
