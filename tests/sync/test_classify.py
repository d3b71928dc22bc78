"""Answers to a POST, sorted: sent, rejected for good, a configuration problem, or retry."""

from __future__ import annotations

import json

import pytest

from kiosk.sync.classify import Outcome, classify_post
from kiosk.sync.reply import Reply


def _reply(status: int, body: object = None, **headers: str) -> Reply:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Reply(
        status=status,
        headers={k.lower().replace("_", "-"): v for k, v in headers.items()},
        body=raw,
    )


def _error(status: int, text: str) -> Reply:
    return _reply(status, [{"code": status, "description": text}])


def test_a_2xx_with_an_id_is_sent_and_a_token_only_answer_counts_too():
    sent = classify_post(_reply(200, [{"service_request_id": "0010000015"}]), reject_404=True)
    assert (sent.outcome, sent.service_request_id) == (Outcome.SENT, "0010000015")
    token = classify_post(_reply(201, [{"token": "abc"}]), reject_404=True)
    assert (token.outcome, token.service_request_id) == (Outcome.SENT, "token:abc")


@pytest.mark.parametrize("body", [b"", b"<html>ok</html>", b"[]", b'[{"id": 1}]', b"\xff\xfe"])
def test_a_2xx_without_a_readable_id_is_retried(body):
    verdict = classify_post(_reply(200, body), reject_404=True)
    assert verdict.outcome is Outcome.RETRY
    assert "garbled" in verdict.detail


@pytest.mark.parametrize("status", [400, 409, 422])
def test_an_open311_error_for_an_invalid_request_rejects_it_with_the_reason(status):
    verdict = classify_post(_error(status, "service_code is required"), reject_404=False)
    assert verdict.outcome is Outcome.REJECTED
    assert verdict.detail == f"HTTP {status}: service_code is required"


def test_a_404_rejects_only_when_the_endpoint_is_known_good():
    answer = _error(404, "service_code 'hot-water' not found")
    assert classify_post(answer, reject_404=True).outcome is Outcome.REJECTED
    assert classify_post(answer, reject_404=False).outcome is Outcome.RETRY
    html = _reply(404, b"<h1>Not Found</h1>")
    assert classify_post(html, reject_404=True).outcome is Outcome.RETRY


def test_a_4xx_that_is_not_open311_is_not_a_rejection():
    verdict = classify_post(_reply(400, b"<html>Bad Request</html>"), reject_404=True)
    assert verdict.outcome is Outcome.RETRY


@pytest.mark.parametrize("status", [401, 403, 407])
def test_a_refused_key_is_a_configuration_problem_never_a_rejection(status):
    verdict = classify_post(_error(status, "api_key is missing or not valid"), reject_404=True)
    assert verdict.outcome is Outcome.CONFIG
    assert "API key" in verdict.detail
    assert verdict.online


def test_a_redirect_is_a_configuration_problem():
    verdict = classify_post(_reply(301, b"", Location="https://echo.example/"), reject_404=True)
    assert verdict.outcome is Outcome.CONFIG
    assert "https://echo.example/" in verdict.detail


@pytest.mark.parametrize(
    ("status", "online"),
    [(500, False), (502, False), (503, False), (429, False), (408, True), (418, True)],
)
def test_server_trouble_and_odd_statuses_are_retried_with_retry_after(status, online):
    verdict = classify_post(_reply(status, b"busy", Retry_After="7"), reject_404=True)
    assert verdict.outcome is Outcome.RETRY
    assert verdict.retry_after == 7.0
    assert verdict.online is online
