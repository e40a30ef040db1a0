"""`Authorization: Token <geheim>`: personal API tokens (gemeenten.models.ApiToken)."""

from datetime import timedelta

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from gemeenten.models import ApiToken, api_token_hash

LAATST_GEBRUIKT_INTERVAL = timedelta(minutes=1)


class ApiTokenAuthentication(BaseAuthentication):
    keyword = "Token"
    ongeldig = "Het API-token is onbekend of ingetrokken."

    def authenticate(self, request):
        delen = get_authorization_header(request).split()
        if not delen or delen[0].lower() != self.keyword.lower().encode():
            return None
        if len(delen) != 2:
            raise exceptions.AuthenticationFailed("Gebruik de vorm `Authorization: Token <geheim>`.")
        try:
            geheim = delen[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(self.ongeldig) from None
        token = (
            ApiToken.objects.select_related("gebruiker")
            .filter(sleutel_hash=api_token_hash(geheim), ingetrokken_op__isnull=True)
            .first()
        )
        if token is None or not token.gebruiker.is_active:
            raise exceptions.AuthenticationFailed(self.ongeldig)
        nu = timezone.now()
        if token.laatst_gebruikt is None or nu - token.laatst_gebruikt > LAATST_GEBRUIKT_INTERVAL:
            ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt=nu)
        return token.gebruiker, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class ApiTokenSchema(OpenApiAuthenticationExtension):
    """The token in the OpenAPI document (drf-spectacular finds this extension by the class it targets)."""

    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Een persoonlijk API-token, aan te maken op de accountpagina: `Token <geheim>`.",
        }
