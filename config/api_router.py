"""Version 1 of the REST API: every app's viewsets on one router, plus the schema."""

from csp.decorators import csp_update
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from articles.api.views import ArticleProductViewSet, ArticleViewSet, ExerciseViewSet
from catalog.api.views import (
    IngredientViewSet,
    OfferViewSet,
    ProductViewSet,
    UseCategoryViewSet,
    VariantViewSet,
)

app_name = "api"

router = DefaultRouter()
router.register("uses", UseCategoryViewSet, basename="use")
router.register("products", ProductViewSet, basename="product")
router.register("variants", VariantViewSet, basename="variant")
router.register("ingredients", IngredientViewSet, basename="ingredient")
router.register("offers", OfferViewSet, basename="offer")
router.register("articles", ArticleViewSet, basename="article")
router.register("article-products", ArticleProductViewSet, basename="article-product")
router.register("exercises", ExerciseViewSet, basename="exercise")


class NotFoundView(APIView):
    """Any other address under the API: a JSON 404 in the API's error shape, never the
    storefront's HTML page."""

    permission_classes = [AllowAny]
    schema = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise NotFound("There is nothing at this address in the API.")


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so no inline script is needed;
    # Swagger UI still sets inline styles, allowed on this page only.
    path(
        "docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    *router.urls,
    # Ends with a slash so CommonMiddleware still redirects "/api/v1/products" to the
    # slashed address (APPEND_SLASH) before this answers.
    re_path(r"^[\s\S]*/$", NotFoundView.as_view(), name="not-found"),
]
