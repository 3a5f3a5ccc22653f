"""The LRS's HTTP plumbing: version negotiation, Basic auth, the alternate
request syntax, multipart/mixed, and errors answered with the spec's codes."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from functools import wraps
from urllib.parse import parse_qsl

import orjson
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from .exceptions import Forbidden, MethodNotAllowed, Unauthorized, ValidationError, XAPIError
from .models import LRSClient

SUPPORTED = {
    "1.0": "1.0.3",
    "1.0.0": "1.0.3",
    "1.0.1": "1.0.3",
    "1.0.2": "1.0.3",
    "1.0.3": "1.0.3",
    "2.0": "2.0.0",
    "2.0.0": "2.0.0",
}
READ_METHODS = {"GET", "HEAD"}
ALTERNATE_HEADERS = {
    "authorization",
    "x-experience-api-version",
    "content-type",
    "content-length",
    "if-match",
    "if-none-match",
}


@dataclass
class XRequest:
    method: str
    params: dict
    headers: dict
    body: bytes
    content_type: str
    version: str = "1.0.3"
    client: LRSClient | None = None
    accept_language: list[str] = field(default_factory=list)
    django: object = None

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def dumps(data) -> bytes:
    """Compact UTF-8 JSON. orjson writes what json.dumps(ensure_ascii=False,
    separators=(",", ":")) writes, several times faster; what orjson refuses
    (integers beyond 64 bits, datetimes) goes through DjangoJSONEncoder as before."""
    try:
        return orjson.dumps(data, option=orjson.OPT_PASSTHROUGH_DATETIME)
    except TypeError:
        return json.dumps(
            data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")
        ).encode()


def json_response(data, status=200, **headers) -> HttpResponse:
    response = HttpResponse(dumps(data), status=status, content_type="application/json")
    for key, value in headers.items():
        response[key.replace("_", "-")] = value
    return response


def error_response(exc: XAPIError) -> HttpResponse:
    response = json_response({"error": exc.message}, status=exc.status)
    if exc.status == 401:
        response["WWW-Authenticate"] = 'Basic realm="Safar LRS"'
    return response


def _client_from(authorization: str | None) -> LRSClient:
    if not authorization or not authorization.startswith("Basic "):
        raise Unauthorized("this LRS needs HTTP Basic authentication with a client key and secret")
    try:
        decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode()
        key, secret = decoded.split(":", 1)
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise Unauthorized("malformed Basic credentials") from exc
    client = LRSClient.objects.filter(key=key, is_active=True).first()
    if client is None or not client.check_secret(secret):
        raise Unauthorized("unknown client key or wrong secret")
    return client


def _alternate(request) -> XRequest:
    """xAPI 1.0.3 §"Alternate Request Syntax": POST ?method=X with the headers,
    the content and the parameters as form fields."""
    if set(request.GET) != {"method"}:
        raise ValidationError(
            "alternate request syntax: the only query parameter allowed is method"
        )
    method = request.GET["method"].upper()
    if method not in {"GET", "PUT", "POST", "DELETE", "HEAD"}:
        raise ValidationError(f"alternate request syntax: unknown method {method}")
    content_type = (request.content_type or "").lower()
    if content_type != "application/x-www-form-urlencoded":
        raise ValidationError(
            "alternate request syntax: the body must be application/x-www-form-urlencoded"
        )
    form = dict(parse_qsl(request.body.decode("utf-8", "replace"), keep_blank_values=True))
    # The request's own headers count (a client may send Authorization and the
    # version as headers); form fields named like a header override them. The
    # request's Content-Type is the form's, not the content's.
    headers = {
        k.lower(): v
        for k, v in request.headers.items()
        if k.lower() in ALTERNATE_HEADERS - {"content-type", "content-length"}
    }
    params = {}
    for key, value in form.items():
        if key.lower() in ALTERNATE_HEADERS:
            headers[key.lower()] = value
        elif key != "content":
            params[key] = value
    body = form.get("content", "").encode()
    return XRequest(
        method=method,
        params=params,
        headers=headers,
        body=body,
        content_type=headers.get("content-type", "application/json"),
    )


def _accept_language(value: str | None) -> list[str]:
    tags = []
    for part in (value or "").split(","):
        tag = part.split(";")[0].strip()
        if tag and tag != "*":
            tags.append(tag)
    return tags


LATEST = "2.0.0"


def _unnegotiated_version(xreq: XRequest | None) -> str:
    """The version a refusal names when the request named none it could use:
    the one its client is registered for, else the latest."""
    try:
        client = _client_from(xreq.header("authorization")) if xreq else None
    except Unauthorized:
        client = None
    return client.xapi_version if client is not None else LATEST


def lrs_view(*, methods: set[str], auth: bool = True):
    """Decorate a resource handler taking an XRequest. Every answer, errors
    included, carries X-Experience-API-Version (the version negotiated, else the
    one the client is registered for, else the latest this LRS speaks) and
    X-Experience-API-Consistent-Through."""

    def decorate(handler):
        @csrf_exempt
        @wraps(handler)
        def view(request, *args, **kwargs):
            xreq = None
            negotiated = None
            try:
                if request.method == "POST" and "method" in request.GET:
                    xreq = _alternate(request)
                    alternate = True
                else:
                    alternate = False
                    headers = {k.lower(): v for k, v in request.headers.items()}
                    xreq = XRequest(
                        method=request.method,
                        params=dict(request.GET.items()),
                        headers=headers,
                        body=request.body,
                        content_type=request.META.get("CONTENT_TYPE", ""),
                    )
                xreq.django = request
                xreq.accept_language = _accept_language(request.headers.get("Accept-Language"))
                if auth:
                    requested = xreq.header("x-experience-api-version")
                    if not requested:
                        raise ValidationError("the X-Experience-API-Version header is required")
                    if requested.strip() not in SUPPORTED:
                        raise ValidationError(
                            f"X-Experience-API-Version {requested} is not supported "
                            "(this LRS speaks 1.0.3 and 2.0.0)"
                        )
                    xreq.version = negotiated = SUPPORTED[requested.strip()]
                    if alternate and xreq.version.startswith("2."):
                        raise ValidationError("xAPI 2.0 has no alternate request syntax")
                    client = _client_from(xreq.header("authorization"))
                    needs_read = xreq.method in READ_METHODS
                    if needs_read and not client.can_read:
                        raise Forbidden("this client may only write")
                    if not needs_read and not client.can_write:
                        raise Forbidden("this client may only read")
                    xreq.client = client
                if xreq.method not in methods:
                    raise MethodNotAllowed(xreq.method, allowed=methods)
                response = handler(xreq, *args, **kwargs)
            except XAPIError as exc:
                response = error_response(exc)
                if isinstance(exc, MethodNotAllowed):
                    response["Allow"] = ", ".join(sorted(exc.allowed))
            if negotiated is None and auth:
                negotiated = _unnegotiated_version(xreq)
            response["X-Experience-API-Version"] = negotiated or "1.0.3"
            if "X-Experience-API-Consistent-Through" not in response:
                response["X-Experience-API-Consistent-Through"] = consistent_through()
            if request.method == "HEAD" or (xreq is not None and xreq.method == "HEAD"):
                response.content = b""
            return response

        return view

    return decorate


def consistent_through() -> str:
    return timezone.now().isoformat().replace("+00:00", "Z")


def parse_json(body: bytes, what: str):
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        pass  # json.loads decides (and words the error) exactly as before
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValidationError(f"{what} is not valid JSON: {exc}") from exc


def parse_multipart(body: bytes, content_type: str) -> list[tuple[dict, bytes]]:
    """Split a multipart/mixed body into (headers, content) parts."""
    boundary = None
    for piece in content_type.split(";")[1:]:
        name, _, value = piece.strip().partition("=")
        if name.lower() == "boundary":
            boundary = value.strip('"')
    if not boundary:
        raise ValidationError("multipart/mixed without a boundary")
    delimiter = b"--" + boundary.encode()
    chunks = body.split(delimiter)
    if len(chunks) < 3:
        raise ValidationError("multipart/mixed body has no parts")
    parts = []
    for chunk in chunks[1:]:
        if chunk.startswith(b"--"):
            break
        if chunk.startswith(b"\r\n"):
            chunk = chunk[2:]
        if chunk.endswith(b"\r\n"):
            chunk = chunk[:-2]
        head, sep, content = chunk.partition(b"\r\n\r\n")
        if not sep:
            raise ValidationError("a multipart part has no blank line after its headers")
        headers = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            if ":" in line:
                key, _, value = line.partition(":")
                headers[key.strip().lower()] = value.strip()
        parts.append((headers, content))
    return parts


def multipart_response(parts: list[tuple[dict, bytes]], status=200) -> HttpResponse:
    import secrets

    boundary = "safar-" + secrets.token_hex(12)
    chunks = []
    for headers, content in parts:
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        chunks.append(f"--{boundary}\r\n{head}\r\n".encode() + content + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return HttpResponse(
        b"".join(chunks), status=status, content_type=f'multipart/mixed; boundary="{boundary}"'
    )
