"""The one router of the API's apps: no trailing slash, no root view, and Django path converters instead of regexes.

A viewset that looks up by its `pk` gets the bounded `id` converter of `portaal/ids.py` without saying so; one that
looks up by another integer (a foreign key) says `lookup_value_converter = "id"`. So an id beyond the database's
range, a negative id or one with a leading zero never reaches a query: the URL does not match and the API answers
its problem+json 404. Other lookups (codes, slugs) match as Django's default `str`.
"""

from rest_framework.routers import DefaultRouter


class Router(DefaultRouter):
    include_root_view = False
    include_format_suffixes = False  # JSON only; no `.json` twins of every path

    def __init__(self):
        super().__init__(trailing_slash=False, use_regex_path=False)

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        lookup_field = getattr(viewset, "lookup_field", "pk")
        kwarg = lookup_prefix + (getattr(viewset, "lookup_url_kwarg", None) or lookup_field)
        converter = getattr(viewset, "lookup_value_converter", None) or (
            "id" if lookup_field == "pk" else None
        )
        # Without a converter Django matches a `str`, and drf-spectacular describes it from the model field.
        return f"<{converter}:{kwarg}>" if converter else f"<{kwarg}>"
