"""One JSON log line per request, tied together by a request id."""

import json
import logging
import re
import time
import uuid

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
