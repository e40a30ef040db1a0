"""Pagination for every list: `?page=2&pageSize=50` (at most 100).

The answer: {"count": 342, "next": "<url>|null", "previous": "<url>|null", "results": [...]}. A page past the end
is a 404 problem."""

from rest_framework.pagination import PageNumberPagination


class Paginering(PageNumberPagination):
    page_size = 20
    page_query_param = "page"
    page_size_query_param = "pageSize"
    max_page_size = 100
    page_query_description = "Het paginanummer, vanaf 1."
    page_size_query_description = "Het aantal resultaten per pagina (standaard 20, hoogstens 100)."
    invalid_page_message = "Deze pagina bestaat niet."

    def get_paginated_response_schema(self, schema):
        uitkomst = super().get_paginated_response_schema(schema)
        eigenschappen = uitkomst["properties"]
        eigenschappen["count"].update(description="Het totale aantal resultaten.", example=342)
        eigenschappen["next"].update(
            description="De URL van de volgende pagina, of null.",
            example="https://portaal.example.nl/api/v1/gemeenten?page=3&pageSize=20",
        )
        eigenschappen["previous"].update(
            description="De URL van de vorige pagina, of null.",
            example="https://portaal.example.nl/api/v1/gemeenten?page=1&pageSize=20",
        )
        return uitkomst

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters
