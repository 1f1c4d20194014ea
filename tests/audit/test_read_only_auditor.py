"""An auditor reads everything and changes nothing: every write through pages, API or admin is a 403."""

import pytest

from audit.models import AuditEvent
from tests.test_login_required import ROUTES

# Signing in and out, the language switch and one's own password are not changes to records.
OPEN_TO_ALL = {"login", "logout", "set_language", "password_change", "admin:login", "admin:logout"}


@pytest.mark.django_db
def test_every_write_is_refused_to_the_auditor(client_for, auditor):
    client = client_for(auditor)
    before = AuditEvent.objects.count()
    answers = {}
    for name, path in ROUTES:
        if name in OPEN_TO_ALL:
            continue
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(path, data={"title": "x"} if method == "post" else "{}")
            answers[f"{method.upper()} {path}"] = response.status_code
    assert len(answers) > 100
    assert {request: status for request, status in answers.items() if status != 403} == {}
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_the_auditor_still_reads_the_log_and_the_registry(client_for, auditor):
    client = client_for(auditor)
    for path in ("/audit/", "/api/audit/events/", "/ip/assets/", "/admin/"):
        assert client.get(path).status_code == 200, path
