"""The OpenAPI document: complete, served, committed up to date, extensions marked."""

from __future__ import annotations

import json
from typing import Any

from kiosk.central import openapi_file as openapi

EXTENSION = "x-echo-kiosk-extension"
GEOREPORT = {
    ("/discovery.json", "get"),
    ("/services.json", "get"),
    ("/services/{service_code}.json", "get"),
    ("/requests.json", "get"),
    ("/requests.json", "post"),
    ("/requests/{service_request_id}.json", "get"),
    ("/tokens/{token}.json", "get"),
}


def _operations(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (path, method): operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
    }


def test_the_committed_document_is_up_to_date():
    committed = openapi.DOCUMENT.read_text(encoding="utf-8")
    assert committed == openapi.render(), "run: kiosk central openapi"


def test_the_server_serves_the_same_document(server):
    served = server.client.get("/openapi.json").json()
    assert served == json.loads(openapi.DOCUMENT.read_text(encoding="utf-8"))


def test_georeport_operations_are_plain_and_everything_else_is_marked_as_extension():
    operations = _operations(json.loads(openapi.render()))
    assert set(operations) >= GEOREPORT
    for key, operation in operations.items():
        assert bool(operation.get(EXTENSION)) == (key not in GEOREPORT), key
    assert ("/requests/{service_request_id}/voices.json", "post") in operations
    assert ("/status/{code}", "get") in operations
    assert ("/staff/tickets/{code}", "post") in operations


def test_extension_fields_and_parameters_are_marked():
    document = json.loads(openapi.render())
    schemas = document["components"]["schemas"]
    assert schemas["ExtendedAttributes"][EXTENSION] is True
    operations = _operations(document)
    search = operations[("/requests.json", "get")]
    (updated_after,) = [p for p in search["parameters"] if p["name"] == "updated_after"]
    assert updated_after["schema"][EXTENSION] is True
    body = operations[("/requests.json", "post")]["requestBody"]["content"]
    fields = body["application/x-www-form-urlencoded"]["schema"]["properties"]
    assert fields["ticket_code"][EXTENSION] is True
    assert EXTENSION not in fields["service_code"]


def test_posts_require_the_api_key_and_the_idempotency_key():
    operations = _operations(json.loads(openapi.render()))
    for key in (("/requests.json", "post"), ("/requests/{service_request_id}/voices.json", "post")):
        operation = operations[key]
        assert operation["security"] == [{"api_key": []}]
        (header,) = [p for p in operation["parameters"] if p["in"] == "header"]
        assert header["name"] == "Idempotency-Key"
        assert header["required"] is True
        assert set(operation["responses"]) >= {"200", "400", "403", "404", "413", "422"}


def test_errors_are_documented_in_the_georeport_shape_not_fastapis():
    document = json.loads(openapi.render())
    assert "HTTPValidationError" not in json.dumps(document)
    errors = document["components"]["schemas"]["Errors"]
    assert errors["type"] == "array"


def test_issue_17s_fields_and_the_read_key_are_documented():
    document = json.loads(openapi.render())
    extended = document["components"]["schemas"]["ExtendedAttributes"]["properties"]
    for name in ("answers", "summaries"):
        assert extended[name]["type"] == "object"
        assert extended[name]["additionalProperties"] == {"type": "string"}
    operations = _operations(document)
    body = operations[("/requests.json", "post")]["requestBody"]["content"]
    fields = body["application/x-www-form-urlencoded"]["schema"]["properties"]
    assert fields["lang"]["enum"] == ["zh", "ug"]
    assert fields["ticket_secret"]["pattern"] == "^[A-Za-z0-9_-]{16,64}$"
    assert document["components"]["securitySchemes"]["kiosk_key"]["name"] == "X-Api-Key"
    for path in ("/requests.json", "/requests/{service_request_id}.json"):
        read = operations[(path, "get")]
        assert read["security"] == [{}, {"kiosk_key": []}]
        assert "X-Api-Key" in [p["name"] for p in read["parameters"] if p["in"] == "header"]
    single = operations[("/requests/{service_request_id}.json", "get")]
    assert "k" in [p["name"] for p in single["parameters"] if p["in"] == "query"]
