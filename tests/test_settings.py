"""Configuration comes from the environment, and a value that cannot be understood stops start-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def start(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True,
        timeout=60,
    )


def test_no_environment_at_all_starts_in_development_on_sqlite():
    result = start()
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("value", ["maybe", "2", "tru"])
def test_a_bad_debug_value_stops_start_up_with_a_clear_error(value):
    result = start(DJANGO_DEBUG=value)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"DJANGO_DEBUG={value!r} is not a boolean" in result.stderr


def test_production_without_a_secret_key_refuses_to_start():
    result = start(DJANGO_DEBUG="false", DJANGO_ALLOWED_HOSTS="ip.bacgiang.example")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_a_bad_database_url_stops_start_up():
    result = start(DATABASE_URL="nosuchdb://somewhere/x")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_settings_follow_the_environment(tmp_path):
    database = tmp_path / "other.sqlite3"
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.ALLOWED_HOSTS, s.DATABASES['default']['NAME'], s.TIME_ZONE, s.LANGUAGE_CODE, s.USE_TZ)"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    environment.update(
        DJANGO_DEBUG="off", DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="a.example, b.example",
        DATABASE_URL=f"sqlite:///{database}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=environment, capture_output=True,
        text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        f"False ['a.example', 'b.example'] {database} Asia/Ho_Chi_Minh vi True"
    )


def test_postgresql_keeps_connections_open_with_health_checks(monkeypatch):
    from config.settings import database_from_env

    monkeypatch.setenv("DATABASE_URL", "postgres://dost:secret@db.internal:5432/dost")
    config = database_from_env(ROOT / "unused.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["CONN_MAX_AGE"] == 600
    assert config["CONN_HEALTH_CHECKS"] is True


def test_every_page_forbids_inline_script_and_style(client, ip_officer):
    client.force_login(ip_officer)
    policy = client.get("/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy
