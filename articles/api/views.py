from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.response import Response

from articles.api.filters import ArticleFilter
from articles.api.serializers import (
    ArticleDetailSerializer,
    ArticleListSerializer,
    ArticleProductSerializer,
    ArticleWriteSerializer,
    ExerciseWriteSerializer,
)
from articles.models import Article, ArticleProduct, Exercise
from catalog.api.views import (
    SLUG_PARAMETER,
    SLUG_PATTERN,
    OnlyListFiltersMixin,
    reviewed_write_responses,
    staff_crud_schema,
)
from catalog.models import Product
from compliance.api import (
    IF_MATCH,
    ReviewedChildViewSetMixin,
    RevisionActionsMixin,
    check_if_match,
    pending_response,
)
from compliance.models import PublicationStatus
from core.api.errors import (
    CONDITIONAL_PARAMETERS,
    PUBLIC_READ_AUTH,
    RETRY_AFTER,
    read_responses,
    write_responses,
)
from core.api.views import (
    CacheTagsMixin,
    ConditionalGetMixin,
    StaffModelPermissions,
    can_preview,
)

REVIEWED_WRITE = (
    "On a live (or scheduled, or archived) article, a change to what readers see by "
    "anyone but a claims reviewer waits for review: the answer is 202 with the revision, "
    "and the live article is unchanged until a reviewer approves it. Only claims "
    "reviewers publish. Send If-Match with the detail's ETag to refuse the write (412) "
    "when the article changed since you read it."
)
CHILD_WRITE = (
    "Part of an article's content: on a live article, a non-reviewer's change waits for a "
    "claims reviewer (202 with the revision) and the live article is unchanged until then."
)


def published_product_links():
    """The article's links to published products, products joined, in the article's order."""
    return Prefetch(
        "product_links",
        queryset=ArticleProduct.objects.filter(product__in=Product.objects.published())
        .select_related("product")
        .order_by("position", "pk"),
        to_attr="published_product_links",
    )


@extend_schema_view(
    list=extend_schema(
        summary="List articles",
        auth=PUBLIC_READ_AUTH,
        description="Published articles, newest first (staff who may change articles also "
        "see drafts and items in review).",
        parameters=[*CONDITIONAL_PARAMETERS, RETRY_AFTER],
        responses=read_responses(ArticleListSerializer(many=True), bad_request=True),
    ),
    retrieve=extend_schema(
        summary="One article, with exercises, review details and related products",
        auth=PUBLIC_READ_AUTH,
        parameters=[SLUG_PARAMETER, *CONDITIONAL_PARAMETERS, RETRY_AFTER],
        responses=read_responses(ArticleDetailSerializer),
    ),
    create=extend_schema(
        summary="Create an article (staff)",
        parameters=[RETRY_AFTER],
        request=ArticleWriteSerializer,
        responses=write_responses(ArticleDetailSerializer, status_code=201, lookup=False),
    ),
    update=extend_schema(
        summary="Replace an article's fields (staff)",
        description=REVIEWED_WRITE,
        parameters=[SLUG_PARAMETER, IF_MATCH, RETRY_AFTER],
        request=ArticleWriteSerializer,
        responses=reviewed_write_responses(ArticleDetailSerializer),
    ),
    partial_update=extend_schema(
        summary="Change some of an article's fields (staff)",
        description=REVIEWED_WRITE,
        parameters=[SLUG_PARAMETER, IF_MATCH, RETRY_AFTER],
        request=ArticleWriteSerializer,
        responses=reviewed_write_responses(ArticleDetailSerializer),
    ),
)
class ArticleViewSet(
    RevisionActionsMixin,
    OnlyListFiltersMixin,
    CacheTagsMixin,
    ConditionalGetMixin,
    viewsets.ModelViewSet,
):
    """Health articles: read by anyone, written by staff with the article permissions."""

    list_cache_tags = ("articles", "uses")
    detail_cache_tags = ("uses", "site")

    def related_cache_objects(self, article):
        return [link.product for link in getattr(article, "published_product_links", [])]

    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filterset_class = ArticleFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        preview = can_preview(self.request.user, Article)
        articles = Article.objects.all()
        if self.action == "list":
            articles = (
                articles.exclude(status=PublicationStatus.ARCHIVED)
                if preview
                else articles.published()
            )
            return articles.prefetch_related("use_categories")
        articles = articles if preview else articles.reachable()
        return articles.for_detail().prefetch_related(published_product_links())

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"}:
            return ArticleWriteSerializer
        if self.action == "list":
            return ArticleListSerializer
        return ArticleDetailSerializer

    def read_back(self, article, status_code=status.HTTP_200_OK):
        article = (Article.objects.for_detail().prefetch_related(published_product_links())).get(
            pk=article.pk
        )
        data = ArticleDetailSerializer(article, context=self.get_serializer_context()).data
        return Response(data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        article = serializer.save()
        return self.read_back(article, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        article = self.get_object()
        check_if_match(request, self.read_back(article).data)
        serializer = self.get_serializer(
            article, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        if serializer.outcome.pending:
            return pending_response(serializer.outcome)
        return self.read_back(article)


@staff_crud_schema("article-product link", ArticleProductSerializer, CHILD_WRITE)
class ArticleProductViewSet(ReviewedChildViewSetMixin, ConditionalGetMixin, viewsets.ModelViewSet):
    """The products an article recommends, in order, with a note. Staff only."""

    queryset = ArticleProduct.objects.select_related("article", "product").order_by(
        "article__title", "position", "pk"
    )
    serializer_class = ArticleProductSerializer
    permission_classes = [StaffModelPermissions]
    filter_backends = []
    relation = "product_links"


@staff_crud_schema("exercise", ExerciseWriteSerializer, CHILD_WRITE)
class ExerciseViewSet(ReviewedChildViewSetMixin, ConditionalGetMixin, viewsets.ModelViewSet):
    """Exercises shown with an article, in order. Staff only."""

    queryset = Exercise.objects.select_related("article").order_by(
        "article__title", "position", "pk"
    )
    serializer_class = ExerciseWriteSerializer
    permission_classes = [StaffModelPermissions]
    filter_backends = []
    relation = "exercises"
