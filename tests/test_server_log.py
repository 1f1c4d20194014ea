"""The server log holds each error once: a refused request as one warning line without a traceback, a server
error once, with its traceback."""

import io
import logging

import pytest
from django.test import Client
from django.urls import path, reverse

from config.urls import urlpatterns as site_urlpatterns


def failing(request):
    raise RuntimeError("Lỗi thử nghiệm")


urlpatterns = [path("failing/", failing, name="failing"), *site_urlpatterns]


@pytest.fixture
def server_log(settings):
    """What the server prints: every console handler a ``django.request`` record reaches, writing to one
    buffer; with DEBUG on, as in development, where Django's own console handler also prints."""
    settings.DEBUG = True
    settings.ROOT_URLCONF = __name__
    buffer = io.StringIO()
    swapped = []
    logger = logging.getLogger("django.request")
    while logger is not None:
        for handler in logger.handlers:
            if type(handler) is logging.StreamHandler:
                swapped.append((handler, handler.setStream(buffer)))
        logger = logger.parent if logger.propagate else None
    yield buffer
    for handler, stream in swapped:
        handler.setStream(stream)


def signed_in(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def request_records(caplog):
    return [record for record in caplog.records if record.name == "django.request"]


def test_a_refusal_is_one_warning_line_without_a_traceback(server_log, caplog, district_officer_lucngan):
    response = signed_in(district_officer_lucngan).get(reverse("reorganisation"))
    assert response.status_code == 403
    [record] = request_records(caplog)
    assert (record.levelno, record.exc_info, record.status_code) == (logging.WARNING, None, 403)
    assert server_log.getvalue() == "Forbidden (Permission denied): /units/reorganisation/\n"


def test_a_server_error_is_logged_once_with_its_traceback(server_log, caplog, ip_officer):
    response = signed_in(ip_officer).get("/failing/")
    assert response.status_code == 500
    [record] = request_records(caplog)
    assert record.levelno == logging.ERROR and record.exc_info[0] is RuntimeError
    printed = server_log.getvalue()
    assert printed.count("Internal Server Error: /failing/") == 1
    assert printed.count("Traceback (most recent call last)") == 1
    assert printed.count("RuntimeError: Lỗi thử nghiệm") == 1
