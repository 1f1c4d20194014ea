"""``manage.py check --deploy`` with the production settings of the README reports nothing to fix; the HTTPS
settings follow the environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Silenced on purpose, with the reason beside SILENCED_SYSTEM_CHECKS in config/settings.py.
SILENCED = {"security.W005", "security.W021"}


def production(tmp_path, **extra) -> dict:
    """The environment the README's Production section asks for, and nothing from the test run's."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "AUDIT_"))}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="sokhcn.bacninh.gov.vn",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://sokhcn.bacninh.gov.vn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        **extra,
    )
    return environment


def run(environment, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=120)


def test_the_deploy_check_finds_nothing_to_fix(tmp_path):
    result = run(production(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output
    assert not any(code in output for code in SILENCED)


def test_the_https_settings_follow_the_environment(tmp_path):
    code = ("from django.conf import settings as s;"
            "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER,"
            " sorted(s.SILENCED_SYSTEM_CHECKS))")
    default = run(production(tmp_path), "shell", "-c", code)
    assert default.returncode == 0, default.stderr
    assert default.stdout.strip().splitlines()[-1] == f"True 31536000 None {sorted(SILENCED)}"
    chosen = run(production(tmp_path, DJANGO_SSL_REDIRECT="false", DJANGO_HSTS_SECONDS="3600",
                            DJANGO_BEHIND_TLS_PROXY="true"), "shell", "-c", code)
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.strip().splitlines()[-1].startswith("False 3600 ('HTTP_X_FORWARDED_PROTO', 'https')")


def test_development_neither_redirects_nor_sends_hsts(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", DATABASE_URL=f"sqlite:///{tmp_path / 'dev.sqlite3'}")
    result = run(environment, "shell", "-c",
                 "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False 0"


def test_a_bad_hsts_value_stops_start_up(tmp_path):
    result = run(production(tmp_path, DJANGO_HSTS_SECONDS="a year"), "check")
    assert result.returncode != 0 and "DJANGO_HSTS_SECONDS" in result.stderr
