"""Integer ids in URLs, bounded once for the whole portal (HTML pages and the API).

Every primary key is a BigAutoField: 1 … 2**63 − 1 on PostgreSQL and on SQLite alike. A path segment that is not
such a number (beyond that range, negative, with a leading zero, not digits at all) does not match the URL, so the
page answers the ordinary 404 (HTML) or the problem+json 404 (API) before a query is built. Without this bound a
lookup through a foreign key with 2842774434439468941312 made SQLite raise OverflowError: a 500.

`<id:pk>` in a `path()` and `lookup_value_converter = "id"` (the default of `portaal.api.routers.Router` for
integer lookups) both use `IdConverter`; `tests/portaal/test_ids.py` fails for an `<int:…>` anywhere.
"""

from __future__ import annotations

import re

ID_MIN = 1
ID_MAX = 2**63 - 1
#: 1 to 19 digits without a leading zero; the converter then refuses what lies above ID_MAX.
ID_REGEX = "[1-9][0-9]{0,18}"
_ID = re.compile(ID_REGEX)

#: The OpenAPI schema of an id path parameter (drf-spectacular's PATH_CONVERTER_OVERRIDES).
ID_SCHEMA = {"type": "integer", "minimum": ID_MIN, "maximum": ID_MAX}


def als_id(waarde: object) -> int | None:
    """The id that `waarde` spells, or None when it is not one (out of range, negative, leading zero, no digits)."""
    tekst = str(waarde)
    if not _ID.fullmatch(tekst):
        return None
    getal = int(tekst)
    return getal if getal <= ID_MAX else None


class IdConverter:
    """The `id` path converter: matches ID_REGEX and refuses numbers above ID_MAX (the URL then does not match)."""

    regex = ID_REGEX

    def to_python(self, value: str) -> int:
        getal = als_id(value)
        if getal is None:
            raise ValueError(f"{value!r} is geen id")
        return getal

    def to_url(self, value: object) -> str:
        getal = als_id(value)
        if getal is None:
            raise ValueError(f"{value!r} is geen id")
        return str(getal)
