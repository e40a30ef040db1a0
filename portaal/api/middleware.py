"""Headers of every response under /api/ and a last line of defence for errors outside DRF.

- `API-Version`: the full semantic version of the API (SPECTACULAR_SETTINGS["VERSION"]), on every response;
- the transport security headers of the NL API Design Rules: `Cache-Control: no-store` and, for anything but our
  HTML documentation page, `Content-Security-Policy: default-src 'none'; frame-ancestors 'none'`
  (X-Content-Type-Options, X-Frame-Options, Referrer-Policy and HSTS come from Django's SecurityMiddleware);
- an error that did not go through DRF (an HTML 500 or 400 from Django) becomes application/problem+json.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpResponse

from .exceptions import PROBLEM_JSON, probleem

API_PREFIX = "/api/"
API_CSP = "default-src 'none'; frame-ancestors 'none'"


def api_versie() -> str:
    return settings.SPECTACULAR_SETTINGS["VERSION"]


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith(API_PREFIX):
            return response
        inhoud = response.get("Content-Type", "")
        if response.status_code >= 400 and not inhoud.startswith(PROBLEM_JSON):
            vervanging = HttpResponse(
                json.dumps(probleem(response.status_code, instance=request.path)),
                status=response.status_code,
                content_type=PROBLEM_JSON,
            )
            for header in ("Allow", "Retry-After", "WWW-Authenticate"):
                if header in response:
                    vervanging[header] = response[header]
            response = vervanging
            inhoud = PROBLEM_JSON
        response["API-Version"] = api_versie()
        response["Cache-Control"] = "no-store"
        if not inhoud.startswith("text/html"):
            response["Content-Security-Policy"] = API_CSP
        response.setdefault("X-Content-Type-Options", "nosniff")
        response.setdefault("X-Frame-Options", "DENY")
        return response
