"""Catalog endpoints: uses, products (with their images) and variants.

Product detail shows the published articles recommending the product. catalog must not
import articles, so the view reaches the link model through Product's own reverse
relation ``article_links`` (Django puts it on Product's _meta) and prefetches it: one
query, and the dependency arrow still points only from articles to catalog.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from catalog.api.filters import ProductFilter
from catalog.api.serializers import (
    IngredientWriteSerializer,
    OfferWriteSerializer,
    ProductDetailSerializer,
    ProductImageSerializer,
    ProductImageUploadSerializer,
    ProductListSerializer,
    ProductWriteSerializer,
    UseCategorySerializer,
    VariantWriteSerializer,
)
from catalog.models import Ingredient, Offer, Product, ProductImage, UseCategory, Variant
from compliance import workflow
from compliance.api import (
    IF_MATCH,
    PENDING_RESPONSE,
    PRECONDITION_FAILED,
    ReviewedChildViewSetMixin,
    RevisionActionsMixin,
    check_if_match,
    pending_response,
    raise_refusal,
)
from compliance.models import PublicationStatus, published_filter
from core.api.errors import (
    CONDITIONAL_PARAMETERS,
    PUBLIC_READ_AUTH,
    RETRY_AFTER,
    delete_responses,
    read_responses,
    write_responses,
)
from core.api.views import (
    CacheTagsMixin,
    ConditionalGetMixin,
    StaffModelPermissions,
    can_preview,
)
from core.snapshots import commit_files

SLUG_PATTERN = "[-a-zA-Z0-9_]+"
REVIEWED_WRITE = (
    "On a live (or scheduled, or archived) product, a change to what shoppers read by "
    "anyone but a claims reviewer waits for review: the answer is 202 with the revision, "
    "and the live product is unchanged until a reviewer approves it. Only claims "
    "reviewers publish. Send If-Match with the detail's ETag to refuse the write (412) "
    "when the product changed since you read it."
)
CHILD_WRITE = (
    "Prices, stock, availability, SKU, GTIN and order change at once. On a live product, "
    "a new pack, a removed pack or a changed pack size waits for a claims reviewer (202)."
)


def reviewed_write_responses(ok, **kwargs) -> dict:
    return {
        **write_responses(ok, **kwargs),
        202: PENDING_RESPONSE,
        412: PRECONDITION_FAILED,
    }


def child_responses(ok, **kwargs) -> dict:
    return {**write_responses(ok, **kwargs), 202: PENDING_RESPONSE}


def staff_crud_schema(noun: str, serializer, description: str):
    """The schema of a staff endpoint of child rows (packs, ingredients, exercises)."""
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {noun}s (staff)",
            parameters=[*CONDITIONAL_PARAMETERS, RETRY_AFTER],
            responses=read_responses(serializer(many=True)),
        ),
        retrieve=extend_schema(
            summary=f"One {noun} (staff)",
            parameters=[*CONDITIONAL_PARAMETERS, RETRY_AFTER],
            responses=read_responses(serializer),
        ),
        create=extend_schema(
            summary=f"Add an {noun} (staff)",
            description=description,
            parameters=[RETRY_AFTER],
            responses=child_responses(serializer, status_code=201, lookup=False),
        ),
        update=extend_schema(
            summary=f"Replace an {noun} (staff)",
            description=description,
            parameters=[RETRY_AFTER],
            responses=child_responses(serializer),
        ),
        partial_update=extend_schema(
            summary=f"Change an {noun} (staff)",
            description=description,
            parameters=[RETRY_AFTER],
            responses=child_responses(serializer),
        ),
        destroy=extend_schema(
            summary=f"Delete an {noun} (staff)",
            description=description,
            parameters=[RETRY_AFTER],
            responses={**delete_responses(), 202: PENDING_RESPONSE},
        ),
    )


SLUG_PARAMETER = OpenApiParameter("slug", str, OpenApiParameter.PATH, pattern=f"^{SLUG_PATTERN}$")


def published_article_links():
    """The product's links to published articles, articles joined, in link order."""
    link_model = Product._meta.get_field("article_links").related_model
    return Prefetch(
        "article_links",
        queryset=link_model.objects.filter(published_filter("article__"))
        .select_related("article")
        .order_by("position", "pk"),
        to_attr="published_article_links",
    )


class OnlyListFiltersMixin:
    """Filters narrow lists only; a detail URL names its item whatever the query string."""

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset


@extend_schema_view(
    list=extend_schema(
        summary="List use categories",
        auth=PUBLIC_READ_AUTH,
        parameters=[*CONDITIONAL_PARAMETERS, RETRY_AFTER],
        responses=read_responses(UseCategorySerializer(many=True)),
    ),
    retrieve=extend_schema(
        summary="One use category",
        auth=PUBLIC_READ_AUTH,
        parameters=[SLUG_PARAMETER, *CONDITIONAL_PARAMETERS, RETRY_AFTER],
        responses=read_responses(UseCategorySerializer),
    ),
)
class UseCategoryViewSet(CacheTagsMixin, ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    """The uses products and articles are grouped under (muscle & joint pain, acne, ...)."""

    list_cache_tags = detail_cache_tags = ("uses",)

    queryset = UseCategory.objects.all()
    serializer_class = UseCategorySerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filter_backends = []


class ProductImagePermission(BasePermission):
    message = "Adding product images needs the catalog's add image permission."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm("catalog.add_productimage"))


@extend_schema_view(
    list=extend_schema(
        summary="List products",
        auth=PUBLIC_READ_AUTH,
        description="Published products (staff who may change products also see drafts and "
        "items in review). Archived products leave the list but keep their detail.",
        parameters=[*CONDITIONAL_PARAMETERS, RETRY_AFTER],
        responses=read_responses(ProductListSerializer(many=True), bad_request=True),
    ),
    retrieve=extend_schema(
        summary="One product, with variants, images, disclaimer and related articles",
        auth=PUBLIC_READ_AUTH,
        parameters=[SLUG_PARAMETER, *CONDITIONAL_PARAMETERS, RETRY_AFTER],
        responses=read_responses(ProductDetailSerializer),
    ),
    create=extend_schema(
        summary="Create a product (staff)",
        parameters=[RETRY_AFTER],
        request=ProductWriteSerializer,
        responses=write_responses(ProductDetailSerializer, status_code=201, lookup=False),
    ),
    update=extend_schema(
        summary="Replace a product's fields (staff)",
        description=REVIEWED_WRITE,
        parameters=[SLUG_PARAMETER, IF_MATCH, RETRY_AFTER],
        request=ProductWriteSerializer,
        responses=reviewed_write_responses(ProductDetailSerializer),
    ),
    partial_update=extend_schema(
        summary="Change some of a product's fields (staff)",
        description=REVIEWED_WRITE,
        parameters=[SLUG_PARAMETER, IF_MATCH, RETRY_AFTER],
        request=ProductWriteSerializer,
        responses=reviewed_write_responses(ProductDetailSerializer),
    ),
)
class ProductViewSet(
    RevisionActionsMixin,
    OnlyListFiltersMixin,
    CacheTagsMixin,
    ConditionalGetMixin,
    viewsets.ModelViewSet,
):
    """Products: read by anyone, written by staff with the product permissions."""

    list_cache_tags = ("products", "uses", "lines")
    detail_cache_tags = ("uses", "lines", "site")

    def related_cache_objects(self, product):
        return [link.article for link in getattr(product, "published_article_links", [])]

    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filterset_class = ProductFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        preview = can_preview(self.request.user, Product)
        products = Product.objects.all()
        if self.action == "list":
            products = (
                products.exclude(status=PublicationStatus.ARCHIVED)
                if preview
                else products.published()
            )
            # Name, then pk: pages stay stable when two products share a name.
            return (
                products.for_listing()
                .prefetch_related(
                    "use_categories", Prefetch("variants", queryset=Variant.objects.all())
                )
                .order_by("name", "pk")
            )
        products = products if preview else products.reachable()
        return products.for_detail().prefetch_related(published_article_links())

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"}:
            return ProductWriteSerializer
        if self.action == "list":
            return ProductListSerializer
        return ProductDetailSerializer

    def read_back(self, product, status_code=status.HTTP_200_OK):
        product = (Product.objects.for_detail().prefetch_related(published_article_links())).get(
            pk=product.pk
        )
        data = ProductDetailSerializer(product, context=self.get_serializer_context()).data
        return Response(data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        product = serializer.save()
        return self.read_back(product, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        product = self.get_object()
        check_if_match(request, self.read_back(product).data)
        serializer = self.get_serializer(
            product, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        if serializer.outcome.pending:
            return pending_response(serializer.outcome)
        return self.read_back(product)

    @extend_schema(
        summary="Add an image to a product (staff)",
        description="Multipart upload of ``image`` (JPEG, PNG or WebP, at most 10 MB and 40 "
        "megapixels) with ``alt_text``; it goes last unless ``position`` says otherwise. "
        "WebP renditions are made when it goes live. On a live product a non-reviewer's "
        "image waits for a claims reviewer (202).",
        parameters=[SLUG_PARAMETER, RETRY_AFTER],
        request={"multipart/form-data": ProductImageUploadSerializer},
        responses={
            **write_responses(ProductImageSerializer, status_code=201),
            202: PENDING_RESPONSE,
        },
    )
    @action(
        detail=True,
        methods=["post"],
        parser_classes=[MultiPartParser, FormParser],
        permission_classes=[ProductImagePermission],
        serializer_class=ProductImageUploadSerializer,
    )
    def images(self, request, slug=None):
        product = self.get_object()
        serializer = ProductImageUploadSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        upload = ProductImage(product=product, **serializer.validated_data)
        commit_files(upload)
        values = {
            "image": upload.image.name,
            "alt_text": upload.alt_text,
            "is_main": upload.is_main,
        }
        if serializer.validated_data.get("position") is not None:
            values["position"] = serializer.validated_data["position"]
        try:
            outcome = workflow.change_child(
                parent=product, relation="images", user=request.user, values=values
            )
        except DjangoValidationError as exc:
            raise_refusal(exc)
        if outcome.pending:
            return pending_response(outcome)
        image = outcome.created["images"][0]
        data = ProductImageSerializer(image, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        summary="List variants (staff)",
        parameters=[*CONDITIONAL_PARAMETERS, RETRY_AFTER],
        responses=read_responses(VariantWriteSerializer(many=True)),
    ),
    retrieve=extend_schema(
        summary="One variant (staff)",
        parameters=[*CONDITIONAL_PARAMETERS, RETRY_AFTER],
        responses=read_responses(VariantWriteSerializer),
    ),
    create=extend_schema(
        summary="Add a variant to a product (staff)",
        description=CHILD_WRITE,
        parameters=[RETRY_AFTER],
        responses=child_responses(VariantWriteSerializer, status_code=201, lookup=False),
    ),
    update=extend_schema(
        summary="Replace a variant (staff)",
        description=CHILD_WRITE,
        parameters=[RETRY_AFTER],
        responses=child_responses(VariantWriteSerializer),
    ),
    partial_update=extend_schema(
        summary="Change a variant, e.g. its price or stock (staff)",
        description=CHILD_WRITE,
        parameters=[RETRY_AFTER],
        responses=child_responses(VariantWriteSerializer),
    ),
    destroy=extend_schema(
        summary="Delete a variant (staff)",
        description=CHILD_WRITE,
        parameters=[RETRY_AFTER],
        responses={**delete_responses(), 202: PENDING_RESPONSE},
    ),
)
class VariantViewSet(ReviewedChildViewSetMixin, ConditionalGetMixin, viewsets.ModelViewSet):
    """Packs of a product, by SKU. Staff only: reads need the view permission."""

    queryset = Variant.objects.select_related("product").order_by("product__name", "position")
    serializer_class = VariantWriteSerializer
    permission_classes = [StaffModelPermissions]
    lookup_field = "sku"
    lookup_value_regex = "[A-Z0-9][A-Z0-9-]*"
    filter_backends = []
    parent_field = "product"
    relation = "variants"


INGREDIENT_WRITE = (
    "The product's composition as its label declares it. On a live product, a "
    "non-reviewer's change waits for a claims reviewer (202 with the revision). A published "
    "product keeps at least one ingredient."
)


@staff_crud_schema("ingredient", IngredientWriteSerializer, INGREDIENT_WRITE)
class IngredientViewSet(ReviewedChildViewSetMixin, ConditionalGetMixin, viewsets.ModelViewSet):
    """Ingredients of a product, in label order. Staff only."""

    queryset = Ingredient.objects.select_related("product").order_by(
        "product__name", "position", "pk"
    )
    serializer_class = IngredientWriteSerializer
    permission_classes = [StaffModelPermissions]
    filter_backends = []
    parent_field = "product"
    relation = "ingredients"


OFFER_WRITE = (
    "Where a pack can be bought (our shop's checkout or cart link, or a marketplace "
    "listing), https only. On a live product, a non-reviewer's change waits for a claims "
    "reviewer (202 with the revision)."
)


@staff_crud_schema("where-to-buy link", OfferWriteSerializer, OFFER_WRITE)
class OfferViewSet(ReviewedChildViewSetMixin, ConditionalGetMixin, viewsets.ModelViewSet):
    """Where each pack of a product can be bought. Staff only."""

    queryset = Offer.objects.select_related("product", "variant").order_by(
        "product__name", "position", "pk"
    )
    serializer_class = OfferWriteSerializer
    permission_classes = [StaffModelPermissions]
    filter_backends = []
    parent_field = "product"
    relation = "offers"
