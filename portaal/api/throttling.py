"""Throttling per client: anonymous clients by address, logged-in users by account.

The rates come from settings.API_THROTTLE_ANON / API_THROTTLE_USER (environment), read on each request so that a
test can change them. Over the limit: 429 problem+json with Retry-After."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnoniemThrottle(AnonRateThrottle):
    def get_rate(self):
        return settings.API_THROTTLE_ANON or None


class GebruikerThrottle(UserRateThrottle):
    """Only for logged-in users (anonymous clients have AnoniemThrottle)."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)

    def get_rate(self):
        return settings.API_THROTTLE_USER or None
