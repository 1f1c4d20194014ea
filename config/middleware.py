import time

from django.conf import settings


class ServerTimingMiddleware:
    """Report how long the server spent on a request in a ``Server-Timing`` header (shown by browsers'
    developer tools; read by the benchmark). Outermost, so it counts every other middleware too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.2f}"
        return response


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` (settings.PERMISSIONS_POLICY) with every response: the browser features no
    page uses (camera, microphone, location, payment, USB…) are refused to the pages and anything they embed.
    Django has no setting for it. A response that already carries the header keeps its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class SessionIdleMiddleware:
    """Keep a signed-in session alive while it is used: SESSION_COOKIE_AGE counts from its last save, so the
    session is saved again (new expiry, new cookie) once SESSION_REFRESH_SECONDS have passed since it last
    was, rather than on every request (a database write per page). A working day without a request ends it,
    give or take that much. Anonymous visitors get no session from this."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.every = getattr(settings, "SESSION_REFRESH_SECONDS", 600)

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - request.session.get("_refreshed", 0) >= self.every:
                request.session["_refreshed"] = now
        return self.get_response(request)
