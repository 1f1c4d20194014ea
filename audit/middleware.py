import ipaddress
import re

from django.conf import settings

from audit.context import Channel, acting_as, new_request_id

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def channel_for(path: str) -> str:
    if path.startswith("/admin/"):
        return Channel.ADMIN
    if path.startswith("/api/"):
        return Channel.API
    return Channel.WEB


def client_ip(request) -> str | None:
    candidate = request.META.get("REMOTE_ADDR", "")
    if settings.AUDIT_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            candidate = forwarded.split(",")[0].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


class AuditContextMiddleware:
    """Open an audit context for the request: its user, channel, client address and request id.

    The user is read when a change is recorded, not when the request starts, so a change made by the
    log-in view or after API authentication carries the right person. A request id sent by a proxy in
    ``X-Request-ID`` is kept, so a change can be followed across systems; the response echoes it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _REQUEST_ID.match(incoming) else new_request_id()
        with acting_as(
            lambda: getattr(request, "user", None),
            channel=channel_for(request.path_info),
            reason="",
            request_id=request.request_id,
            ip_address=client_ip(request),
        ):
            response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response
