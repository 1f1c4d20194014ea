"""Several processes writing at once through the services: each write waits its turn, none fails, and the
audit trail holds every one of them, chained in order.

Four worker processes (the project's own settings, as a deployment runs them) create products and
organisations as fast as they can for a few seconds, on a database file they share. On SQLite that is a
copy of the test database in a temporary file (the suite's own is in memory, which another process cannot
open), copied back afterwards to be checked here; on PostgreSQL, the test database itself.
"""

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection

from audit.models import AuditEvent
from audit.recording import model_label
from audit.verify import verify
from directory.models import Organisation
from ip_registry.models import Product

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 4
WRITE_SECONDS = 4

WORKER = r"""
import json, os, sys, time
from pathlib import Path
import django
django.setup()
from directory import services as directory_services
from directory.models import AdministrativeUnit, OrganisationKind, User
from ip_registry import services as ip_services
from ip_registry.models import ProductCategory

worker, workers, seconds, rendezvous = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), Path(sys.argv[4])
actor = User.objects.get(username="ip_officer")
unit = AdministrativeUnit.objects.get(code="bg.luc-ngan")
from django.db import connection
connection.close()  # every write opens its own way in, as a request would

(rendezvous / f"ready-{worker}").touch()
waited = time.monotonic()
while len(list(rendezvous.glob("ready-*"))) < workers and time.monotonic() - waited < 30:
    time.sleep(0.01)

attempts, errors, products, organisations = 0, [], [], []
deadline = time.monotonic() + seconds
while time.monotonic() < deadline:
    attempts += 1
    name = f"w{worker}-{attempts}"
    try:
        if attempts % 2:
            ip_services.product_upsert(actor=actor, name=f"Sản phẩm {name}", category=ProductCategory.FRUIT,
                                       reason="concurrent writers")
            products.append(f"Sản phẩm {name}")
        else:
            directory_services.organisation_upsert(actor=actor, name=f"Hợp tác xã {name}", unit=unit,
                                                   kind=OrganisationKind.COOPERATIVE, reason="concurrent writers")
            organisations.append(f"Hợp tác xã {name}")
    except Exception as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
print(json.dumps({"attempts": attempts, "errors": errors, "products": products, "organisations": organisations}))
"""


def worker_database_url(tmp_path: Path) -> str:
    """A URL the workers' settings turn into the database this test sees."""
    if connection.vendor == "sqlite":
        database = tmp_path / "shared.sqlite3"
        copy = sqlite3.connect(database)
        try:
            connection.ensure_connection()
            connection.connection.backup(copy)
        finally:
            copy.close()
        return f"sqlite:///{database}"
    # PostgreSQL: the test database (pytest-django's test_<name>, with the xdist worker's suffix).
    return urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + connection.settings_dict["NAME"]).geturl()


def run_workers(url: str, rendezvous: Path) -> list[dict]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", DATABASE_URL=url)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(worker), str(WORKERS), str(WRITE_SECONDS), str(rendezvous)],
            cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for worker in range(WORKERS)
    ]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=WRITE_SECONDS + 60)
        assert process.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_queue_instead_of_failing(tmp_path, ip_officer, units):
    started = time.monotonic()
    url = worker_database_url(tmp_path)
    rendezvous = tmp_path / "rendezvous"
    rendezvous.mkdir()
    results = run_workers(url, rendezvous)

    if connection.vendor == "sqlite":  # bring the workers' writes back into the test database
        shared = sqlite3.connect(tmp_path / "shared.sqlite3")
        try:
            shared.backup(connection.connection)
        finally:
            shared.close()

    attempts = sum(result["attempts"] for result in results)
    errors = [error for result in results for error in result["errors"]]
    summary = f"{attempts} attempts, {len(errors)} errors in {time.monotonic() - started:.1f} s: {errors[:3]}"
    print(summary)
    assert attempts >= WORKERS * 10, summary  # the workers really did overlap for a while
    assert not errors, summary

    report = verify()
    assert report.ok, [str(b) for b in report.breaks[:5]]

    # Every successful write is in the history, and each of its versions has its event in the chain.
    for model, names in ((Product, [n for r in results for n in r["products"]]),
                         (Organisation, [n for r in results for n in r["organisations"]])):
        assert len(names) == len(set(names))
        history = model.history.filter(name__in=names, history_type="+")
        found = dict(history.values_list("name", "history_id"))
        assert set(found) == set(names), f"{model.__name__}: {len(set(names) - set(found))} writes with no history"
        with_event = set(AuditEvent.objects.filter(history_model=model_label(history.model),
                                                   history_id__in=found.values()).values_list("history_id", flat=True))
        assert with_event == set(found.values()), f"{model.__name__}: versions with no audit event"
    assert report.events >= sum(len(r["products"]) + len(r["organisations"]) for r in results)


def test_sqlite_waits_for_the_writer_before_it(monkeypatch):
    from config.settings import database_from_env

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("DJANGO_SQLITE_TIMEOUT", raising=False)
    options = database_from_env(ROOT / "unused.sqlite3")["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] == 20
    assert "journal_mode=WAL" in options["init_command"]
    monkeypatch.setenv("DJANGO_SQLITE_TIMEOUT", "45")
    assert database_from_env(ROOT / "unused.sqlite3")["OPTIONS"]["timeout"] == 45
    monkeypatch.setenv("DATABASE_URL", "postgres://dost:secret@db.internal:5432/dost")
    assert "transaction_mode" not in database_from_env(ROOT / "unused.sqlite3").get("OPTIONS", {})
