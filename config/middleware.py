"""One JSON log line per request, tied together by a request id."""

import json
import logging
import re
import time
import uuid

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from core import i18n

logger = logging.getLogger("catalog.requests")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")


class RequestLogMiddleware:
    """Gives each request an id (a sane incoming X-Request-ID is kept, so a proxy's id
    follows the request), returns it in the X-Request-ID header, and logs the request
    as one JSON line: id, method, path, status and duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        logger.info(
            json.dumps(
                {
                    "event": "request",
                    "request_id": request.id,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                },
                ensure_ascii=False,
            )
        )
        return response


class LanguageMiddleware:
    """Activates the language of a request. Storefront pages take it from their path
    (English at /, Hindi under /hi/: i18n_patterns), so a page's address alone decides
    its language and any cache can key on the address; the API takes it from ``?lang=``
    or Accept-Language (and says so with Content-Language and Vary); the admin is in
    English. Unlike Django's LocaleMiddleware, an unprefixed page never varies on
    Accept-Language or a cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path_info.startswith("/api/")
        if api:
            language = i18n.django_language(i18n.requested_language(request))
        else:
            language = translation.get_language_from_path(request.path_info)
            language = language or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", i18n.HTML_LANG[i18n.content_language()])
        if api:
            patch_vary_headers(response, ("Accept-Language",))
        return response
