import pytest

from gemeenten import services


@pytest.fixture
def token_van():
    """token_van(user) -> the Authorization header value of a fresh personal API token of user."""

    def maak(user) -> str:
        _, geheim = services.api_token_aanmaken(user=user, naam="test")
        return f"Token {geheim}"

    return maak
