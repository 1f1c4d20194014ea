"""What the server log writes about a request that went wrong (settings.LOGGING)."""

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """Keep ``django.request``'s record of a 4xx answer to its one line.

    Django attaches the exception behind a refusal (``PermissionDenied``, ``BadRequest``,
    ``SuspiciousOperation``) to the record, and a handler would print its traceback as if the server had
    failed. Nothing failed: the request was refused. A 5xx keeps its traceback, the one the log is for.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
