"""The catalogue's pages of one gemeente, mounted at /gemeenten/<code>/ (see portaal/urls.py)."""

app_name = "landschap"

urlpatterns: list = []
