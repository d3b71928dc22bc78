"""The Open311 client: one HTTP exchange at a time, bounded in time and size, never retried here.

Every exchange gets a connect time-out, a read time-out (per gap between bytes) and an overall
`Deadline` that cuts the connection when it runs out; the body is read in chunks up to a cap. An
HTTP answer of any status comes back as a `Reply`; anything short of a whole answer raises a
`TransportError` (see errors.py). Retrying is the outbox's business: it resends with the same
Idempotency-Key. TLS is always verified, against `ca_bundle` when one is configured. Redirects
are not followed (a POST must not silently become a GET elsewhere).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping
from urllib.parse import quote, urljoin

import requests
import urllib3.exceptions

from kiosk.sync.deadline import Deadline, DeadlineAdapter
from kiosk.sync.errors import (
    AnswerTooLargeError,
    ConnectError,
    ConnectionLostError,
    TimedOutError,
    TransportError,
)
from kiosk.sync.reply import Reply
from kiosk.sync.settings import SyncSettings
from kiosk.wire import fields as f

log = logging.getLogger("kiosk.sync")
CHUNK = 16 * 1024
USER_AGENT = "EchoKiosk-sync/0.1"
Pairs = list[tuple[str, str]]


def form_pairs(fields: Mapping[str, object]) -> Pairs:
    """An outbox payload as Open311 form fields: a dict value `{"phrases": ["0", "2"]}` becomes
    `attribute[phrases][]=0&attribute[phrases][]=2`; None is left out."""
    pairs: Pairs = []
    for name, value in fields.items():
        if value is None:
            continue
        if isinstance(value, Mapping):
            for code, inner in value.items():
                if isinstance(inner, list | tuple):
                    pairs.extend((f"{name}[{code}][]", str(v)) for v in inner)
                elif inner is not None:
                    pairs.append((f"{name}[{code}]", str(inner)))
        elif isinstance(value, list | tuple):
            pairs.extend((f"{name}[]", str(v)) for v in value)
        else:
            pairs.append((name, str(value)))
    return pairs


class Open311Client:
    """Talks to one central server with one `SyncSettings`; used by one thread at a time, but
    `cancel()` may be called from any thread (it cuts the exchange in flight)."""

    def __init__(self, settings: SyncSettings) -> None:
        self.settings = settings
        self._session = requests.Session()
        self._session.trust_env = False  # no proxies, .netrc or CA bundle from the environment
        self._session.verify = str(settings.ca_bundle) if settings.ca_bundle else True
        self._session.headers["User-Agent"] = USER_AGENT
        self._session.headers["Accept"] = "application/json"
        adapter = DeadlineAdapter()
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._lock = threading.Lock()
        self._in_flight: Deadline | None = None
        self._cancelled = False

    def close(self) -> None:
        self._session.close()

    def cancel(self) -> None:
        """Cut the exchange in flight and refuse any later one (the worker is stopping)."""
        with self._lock:
            self._cancelled = True
            deadline = self._in_flight
        if deadline is not None:
            deadline.expire()

    def get(
        self,
        path: str,
        params: Iterable[tuple[str, str]] = (),
        *,
        etag: str | None = None,
        max_body: int | None = None,
    ) -> Reply:
        """A read; with `etag`, the server may answer 304 Not Modified. `max_body`: a larger cap
        than the settings' for this answer (a content file's picture).

        The kiosk's key goes in the `X-Api-Key` header (the centre then gives the whole feed,
        not only the Echo Wall's public view): never in the URL, which ends up in access logs
        and in this client's own error messages.
        """
        query = list(params)
        if self.settings.jurisdiction_id:
            query.append(("jurisdiction_id", self.settings.jurisdiction_id))
        headers = {"If-None-Match": etag} if etag else {}
        if self.settings.api_key:
            headers[f.API_KEY_HEADER] = self.settings.api_key
        return self._exchange("GET", path, params=query, headers=headers, max_body=max_body)

    def post_request(self, fields: Mapping[str, object], *, key: str) -> Reply:
        """POST /requests.json: a new ticket, with its Idempotency-Key."""
        return self._post("requests.json", fields, key)

    def post_voice(self, code: str, fields: Mapping[str, object], *, key: str) -> Reply:
        """POST /requests/{code}/voices.json (extension): one more resident on a ticket."""
        return self._post(f"requests/{quote(code, safe='')}/voices.json", fields, key)

    def post_rating(self, code: str, fields: Mapping[str, object], *, key: str) -> Reply:
        """POST /requests/{code}/ratings.json (extension): a resident rates a closed ticket."""
        return self._post(f"requests/{quote(code, safe='')}/ratings.json", fields, key)

    def post_heartbeat(self, fields: Mapping[str, object]) -> Reply:
        """POST /kiosks/{device_id}/heartbeat.json (extension): a snapshot, so no key."""
        device = quote(self.settings.device_id, safe="")
        return self._post(f"kiosks/{device}/heartbeat.json", fields, None)

    def _post(self, path: str, fields: Mapping[str, object], key: str | None) -> Reply:
        pairs = form_pairs(fields)
        if self.settings.jurisdiction_id:
            pairs.append(("jurisdiction_id", self.settings.jurisdiction_id))
        pairs.append(("api_key", self.settings.api_key))
        headers = {"Idempotency-Key": key} if key is not None else {}
        return self._exchange("POST", path, data=pairs, headers=headers)

    def _exchange(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str],
        params: Pairs | None = None,
        data: Pairs | None = None,
        max_body: int | None = None,
    ) -> Reply:
        s = self.settings
        url = urljoin(s.url, path)
        what = f"{method} {url}"
        with Deadline(s.deadline) as deadline:
            with self._lock:
                if self._cancelled:
                    raise TransportError(f"{what}: cancelled, the sync worker is stopping")
                self._in_flight = deadline
            try:
                cap = max(max_body or 0, s.max_body)
                return self._send(what, method, url, headers, params, data, deadline, cap)
            except TransportError:
                raise
            except (
                requests.RequestException,
                urllib3.exceptions.HTTPError,
                OSError,
                ValueError,
            ) as error:
                if deadline.expired:
                    raise TimedOutError(
                        f"{what}: no whole answer within {s.deadline:g} s"
                    ) from None
                raise _transport_error(what, error) from None
            finally:
                with self._lock:
                    self._in_flight = None

    def _send(
        self,
        what: str,
        method: str,
        url: str,
        headers: Mapping[str, str],
        params: Pairs | None,
        data: Pairs | None,
        deadline: Deadline,
        cap: int,
    ) -> Reply:
        s = self.settings
        response = self._session.request(
            method,
            url,
            params=params,
            data=data,
            headers=dict(headers),
            timeout=(s.connect_timeout, s.read_timeout),
            allow_redirects=False,
            stream=True,
        )
        with response:
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > cap:
                raise AnswerTooLargeError(f"{what}: answer of {declared} bytes, over the cap")
            body = bytearray()
            for chunk in response.iter_content(CHUNK):
                body += chunk
                if len(body) > cap:
                    raise AnswerTooLargeError(f"{what}: answer over {cap} bytes")
                if deadline.remaining() <= 0:
                    raise TimedOutError(f"{what}: no whole answer within {s.deadline:g} s")
            if deadline.expired:  # cut exactly at the end: the body may be short
                raise TimedOutError(f"{what}: no whole answer within {s.deadline:g} s")
            headers_out = {k.lower(): v for k, v in response.headers.items()}
            return Reply(status=response.status_code, headers=headers_out, body=bytes(body))


def _transport_error(what: str, error: Exception) -> TransportError:
    """requests' and urllib3's exceptions, sorted into ours (messages without bodies or keys)."""
    name = type(error).__name__
    if isinstance(error, requests.Timeout):
        return TimedOutError(f"{what}: timed out ({name})")
    if isinstance(error, requests.exceptions.SSLError):
        return ConnectError(f"{what}: TLS failed ({_short(error)}); check central.ca_bundle")
    if isinstance(error, requests.ConnectionError) and _before_answer(error):
        return ConnectError(f"{what}: cannot connect ({_short(error)})")
    return ConnectionLostError(
        f"{what}: connection lost or answer garbled ({name}: {_short(error)})"
    )


def _before_answer(error: requests.ConnectionError) -> bool:
    text = str(error)
    return any(
        marker in text
        for marker in ("NewConnectionError", "Connection refused", "NameResolutionError")
    )


def _short(error: Exception) -> str:
    text = str(error).replace("\n", " ")
    return text if len(text) <= 200 else text[:197] + "..."
