"""The generated description, completed with what the NL GOV API Design Rules ask and
django-ninja does not write itself: the server with the major version, the contact, the
``API-Version`` and ``ETag`` headers on every answer, and the errors every operation may
give as ``application/problem+json`` (tests/api/test_openapi.py lints it with Spectral)."""

from __future__ import annotations

import copy
from typing import Any

from django.conf import settings

from voorop.api.http import API_VERSION, PROBLEM_TYPE

PREFIX = "/api/v1"

PROBLEM = {
    "type": "object",
    "title": "Problem",
    "description": "An error, as RFC 9457 describes it.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "example": "about:blank"},
        "title": {"type": "string", "example": "Invalid input"},
        "status": {"type": "integer", "example": 400},
        "detail": {"type": "string", "example": "A period is a half-year such as 2026-H1."},
        "instance": {"type": "string", "example": "/api/v1/initiatives"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
    },
}

HEADERS = {
    "API-Version": {
        "description": "The full version of the API.",
        "schema": {"type": "string", "example": API_VERSION},
    },
    "ETag": {
        "description": "Send it back in If-None-Match to get 304 when nothing changed.",
        "schema": {"type": "string"},
    },
}

ERRORS = {
    "400": "Invalid input: a query parameter is wrong.",
    "404": "Not found.",
    "429": "Too many requests from this client: wait for the time in Retry-After.",
    "500": "Something went wrong on the server.",
}


def _problem_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "headers": {"API-Version": HEADERS["API-Version"]},
        "content": {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def adr_schema(schema: dict[str, Any]) -> dict[str, Any]:
    schema = copy.deepcopy(dict(schema))
    schema["info"]["contact"] = {
        "name": getattr(settings, "VOOROP_API_CONTACT_NAME", "Voorop"),
        "email": getattr(settings, "VOOROP_API_CONTACT_EMAIL", "opendata@voorop.example"),
        "url": getattr(settings, "VOOROP_API_CONTACT_URL", "https://voorop.example/api/v1/docs"),
    }
    schema["servers"] = [{"url": PREFIX, "description": "This installation"}]
    paths = {}
    for path, operations in schema.get("paths", {}).items():
        short = "/" + path.removeprefix(PREFIX).lstrip("/")
        for operation in operations.values():
            responses = {str(k): v for k, v in operation.get("responses", {}).items()}
            operation["responses"] = responses
            for code, response in responses.items():
                if code.startswith(("2", "3")):
                    response.setdefault("headers", {}).update(copy.deepcopy(HEADERS))
            responses["304"] = {
                "description": "Not modified: the ETag sent in If-None-Match still holds.",
                "headers": copy.deepcopy(HEADERS),
            }
            for code, description in ERRORS.items():
                responses[code] = _problem_response(description)
        paths[short.rstrip("/") or "/"] = operations
    schema["paths"] = paths
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    return schema
