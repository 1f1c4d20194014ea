import time


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
