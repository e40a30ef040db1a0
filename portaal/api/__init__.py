"""The conventions every API resource of the portal shares (NL API Design Rules); see docs/api.md.

A resource is a viewset + serializer + FilterSet in `<app>/api/`; the settings (REST_FRAMEWORK) give it camelCase
JSON and query keys, pagination, problem+json errors, authentication and throttling. `VersieMixin` adds ETag and
If-Match. Routes go in `<app>/api/urls.py` (a `router` or `urlpatterns`), which `portaal/api/urls.py` includes.
"""
