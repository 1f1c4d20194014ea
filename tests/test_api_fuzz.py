"""Schemathesis against the API's own schema: for every operation, a bounded number of generated requests,
as an IP officer with a personal token, find no server error and no response outside the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from directory.services import api_token_issue

EXAMPLES = 12


@pytest.fixture
def api(db, units, ip_officer):
    _token, key = api_token_issue(actor=None, user=ip_officer, name="Kiểm thử")
    headers = {"Authorization": f"Token {key}"}
    # As Django's test client does: a request must not close the test's connection (and its transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application(),
                                             headers=headers), headers
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_every_operation_answers_within_its_schema(api):
    schema, headers = api
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            # A cursor is opaque: a well-formed string that is no cursor is refused (400), by design.
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        run()
