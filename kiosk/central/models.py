"""Pydantic models of the wire, used only to describe it in the OpenAPI document.

Routes answer with ready JSON (a replayed POST must be byte-identical), so these never validate
a response; tests check real responses against the GeoReport v2 JSON schemas instead. Fields
beyond GeoReport v2 carry `x-echo-kiosk-extension: true`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

EXTENSION: dict[str, Any] = {"x-echo-kiosk-extension": True}
HTML_PAGE: dict[int | str, dict[str, Any]] = {200: {"content": {"text/html": {}}}}


class Error(BaseModel):
    code: int = Field(description="the HTTP status")
    description: str


class Errors(RootModel[list[Error]]):
    """GeoReport v2's error answer: a list of `{code, description}`."""


class Endpoint(BaseModel):
    specification: str
    url: str
    changeset: str
    type: Literal["production", "test"]
    formats: list[str]


class Discovery(BaseModel):
    changeset: str
    contact: str
    key_service: str
    endpoints: list[Endpoint]


class Service(BaseModel):
    service_code: str
    service_name: str
    description: str | None = Field(description="who answers and within how many days")
    metadata: bool
    type: Literal["realtime", "batch", "blackbox"]
    keywords: str | None = Field(description="the preset phrases, comma separated")
    group: str | None


class AttributeValue(BaseModel):
    key: str = Field(description="the phrase number the kiosk sends")
    name: str


class Attribute(BaseModel):
    variable: bool
    code: str
    datatype: Literal["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]
    required: bool
    datatype_description: str | None
    order: int | None
    description: str | None
    values: list[AttributeValue]


class ServiceDefinition(BaseModel):
    service_code: str
    attributes: list[Attribute]


class ExtendedAttributes(BaseModel):
    """Echo Kiosk's additions to a service request."""

    model_config = ConfigDict(json_schema_extra=EXTENSION)
    detailed_status: Literal["open", "in_progress", "closed"]
    device_id: str | None = Field(
        None,
        description="the kiosk that took the report; only in the kiosk view (X-Api-Key), "
        "absent from the public view",
    )
    residents: int = Field(description="residents who reported this problem (one ticket, many)")
    phrases: list[str] = Field(description="the preset phrase numbers (attribute[phrases])")
    closed_datetime: str | None = Field(
        description="when it was (last) closed, ISO 8601; null unless closed now"
    )
    rating: Literal["satisfied", "so_so", "not_satisfied"] | None = Field(
        description="the latest resident's rating; not_satisfied re-opens the ticket"
    )
    answers: dict[str, str] = Field(
        description="the staff answer per language, {lang: text}, only languages that have one "
        '(e.g. {"zh": "...", "ug": "..."}); status_notes is the default language\'s, else '
        "the other's",
    )
    summaries: dict[str, str] = Field(
        description="the Echo Wall summary per language, {lang: text}, only languages that have "
        "one; staff write it to replace the preset phrases on the wall (description is the "
        "default language's when present)",
    )


class ServiceRequest(BaseModel):
    service_request_id: str = Field(description="the ticket code printed on the receipt")
    status: Literal["open", "closed"]
    status_notes: str | None = Field(description="the answer published on the Echo Wall")
    service_name: str | None
    service_code: str
    description: str | None = Field(description="the preset phrases chosen; never free text")
    agency_responsible: str | None = Field(description="the category's fixed person (定人)")
    service_notice: str | None
    requested_datetime: str = Field(description="ISO 8601 with offset")
    updated_datetime: str | None
    expected_datetime: str | None = Field(description="the fixed deadline (定时)")
    address: str | None = Field(None, description="kiosk view only; absent from the public view")
    address_id: str | None = Field(None, description="kiosk view only; absent from the public view")
    zipcode: str | None
    lat: float | None
    long: float | None
    media_url: str | None
    extended_attributes: ExtendedAttributes = Field(json_schema_extra=EXTENSION)


class RequestCreated(BaseModel):
    service_request_id: str
    token: str
    service_notice: str | None
    account_id: str | None


class Token(BaseModel):
    service_request_id: str
    token: str


class Voice(BaseModel):
    """Answer to an added voice."""

    model_config = ConfigDict(json_schema_extra=EXTENSION)
    service_request_id: str
    residents: int


class RatingAnswer(BaseModel):
    """Answer to a rating: the ticket's status after it (not_satisfied re-opens it)."""

    model_config = ConfigDict(json_schema_extra=EXTENSION)
    service_request_id: str
    rating: Literal["satisfied", "so_so", "not_satisfied"]
    status: Literal["open", "closed"]


class Figures(BaseModel):
    """One month's figures (extension); the rates are null where there is nothing to count."""

    model_config = ConfigDict(json_schema_extra=EXTENSION)
    month: str = Field(description="YYYY-MM, community time; tickets count in their report month")
    received: int
    responded: int = Field(description="first staff action within the category's response time")
    solved: int = Field(description="closed now")
    solved_on_time: int = Field(description="closed by expected_datetime")
    rated: int
    satisfied: int = Field(description="latest rating is satisfied (so_so is not counted)")
    response_rate: float | None = Field(description="responded / received")
    solve_rate: float | None = Field(description="solved / received")
    on_time_rate: float | None = Field(description="solved_on_time / solved")
    satisfaction_rate: float | None = Field(description="satisfied / rated")


class CategoryFigures(BaseModel):
    service_code: str
    service_name: str
    months: list[Figures]


class FiguresReport(BaseModel):
    """GET /figures.json (extension): public counts, no personal data."""

    model_config = ConfigDict(json_schema_extra=EXTENSION)
    generated_datetime: str
    months: list[Figures] = Field(description="oldest first, the current month last")
    categories: list[CategoryFigures]


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for the GeoReport v2 errors a route may answer."""
    return {s: {"model": Errors, "description": _WHY.get(s, "error")} for s in statuses}


_WHY = {
    400: "a required field or header is missing or malformed",
    403: "api_key (or the X-Api-Key header) not valid, or not this kiosk's device or ticket",
    404: "unknown jurisdiction_id, service_code or service_request_id (without a kiosk key, "
    "also a ticket whose secret `k` was not given: the same answer as an unknown one)",
    409: "the ticket_code exists already under another Idempotency-Key",
    413: "the body is larger than 64 KiB",
    422: "the Idempotency-Key was used before for a different request",
}
