"""Version 1 of the REST API: every app's viewsets on one router, plus the schema."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from articles.api.views import ArticleProductViewSet, ArticleViewSet, ExerciseViewSet
from catalog.api.views import ProductViewSet, UseCategoryViewSet, VariantViewSet

app_name = "api"

router = DefaultRouter()
router.register("uses", UseCategoryViewSet, basename="use")
router.register("products", ProductViewSet, basename="product")
router.register("variants", VariantViewSet, basename="variant")
router.register("articles", ArticleViewSet, basename="article")
router.register("article-products", ArticleProductViewSet, basename="article-product")
router.register("exercises", ExerciseViewSet, basename="exercise")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
