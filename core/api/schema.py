"""The OpenAPI schema's project-wide parts."""

from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from core.i18n import SOURCE, TRANSLATED

LANGUAGE_PARAMETERS = [
    OpenApiParameter(
        "lang",
        OpenApiTypes.STR,
        OpenApiParameter.QUERY,
        enum=[SOURCE, *TRANSLATED],
        description="The language of the texts (`hi`: Hindi), before Accept-Language. A "
        "text not translated yet is given in English. The answer names its language in "
        "Content-Language.",
    ),
    OpenApiParameter(
        "Accept-Language",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description="e.g. `hi-IN,hi;q=0.9,en;q=0.8`: the texts in the first of `hi` and "
        "`en` it names (English otherwise).",
    ),
]


class AutoSchema(BaseAutoSchema):
    """Every read takes the language parameters."""

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self.method == "GET":
            parameters = [*parameters, *LANGUAGE_PARAMETERS]
        return parameters
