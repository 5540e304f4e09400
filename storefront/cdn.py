"""Telling a CDN in front which cached pages to drop: a purge by tag, after commit.

Off unless ``DJANGO_CDN_PURGE_URL`` is set. ``DJANGO_CDN_PURGE_STYLE`` says how the CDN
wants to be told:

- ``cloudflare`` (default): ``POST`` a JSON body ``{"tags": [...]}`` with
  ``Authorization: Bearer <token>`` (the zone's ``purge_cache`` endpoint);
- ``fastly``: ``POST`` with the tags in a ``Surrogate-Key`` header and the token in
  ``Fastly-Key`` (the service's ``purge`` endpoint);
- ``varnish``: a ``PURGE`` request with the tags in an ``xkey-purge`` header (vmod-xkey).

A purge that fails is logged and never fails the change that caused it: the CDN then
serves the old page until its own lifetime (``DJANGO_CDN_MAX_AGE``) ends.
"""

import json
import logging
import urllib.request

from django.conf import settings

logger = logging.getLogger("storefront.cdn")
MAX_TAGS_PER_CALL = 30  # Cloudflare accepts at most 30 tags per purge call


def is_configured() -> bool:
    return bool(settings.CDN_PURGE_URL)


def build_request(tags: list[str]) -> urllib.request.Request:
    style, url, token = settings.CDN_PURGE_STYLE, settings.CDN_PURGE_URL, settings.CDN_PURGE_TOKEN
    if style == "fastly":
        headers = {"Surrogate-Key": " ".join(tags)}
        if token:
            headers["Fastly-Key"] = token
        return urllib.request.Request(url, method="POST", headers=headers, data=b"")
    if style == "varnish":
        return urllib.request.Request(url, method="PURGE", headers={"xkey-purge": " ".join(tags)})
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = json.dumps({"tags": tags}).encode()
    return urllib.request.Request(url, method="POST", headers=headers, data=body)


def purge(tags) -> None:
    """Ask the CDN to drop what ``tags`` name; never raises."""
    if not is_configured() or not tags:
        return
    ordered = sorted(set(tags))
    for start in range(0, len(ordered), MAX_TAGS_PER_CALL):
        chunk = ordered[start : start + MAX_TAGS_PER_CALL]
        try:
            with urllib.request.urlopen(
                build_request(chunk), timeout=settings.CDN_PURGE_TIMEOUT
            ) as response:
                response.read()
        except Exception as exc:
            logger.warning("CDN purge of %d tag(s) failed: %s", len(chunk), exc)
