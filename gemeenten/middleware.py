from .audit import kanaal
from .models import Auditregel


class AuditKanaalMiddleware:
    """Marks writes made during a request as coming through the website, the API or the Django admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith("/api/"):
            naam = Auditregel.Kanaal.API
        elif path.startswith("/beheer/"):
            naam = Auditregel.Kanaal.BEHEER
        else:
            naam = Auditregel.Kanaal.WEB
        with kanaal(naam):
            return self.get_response(request)
