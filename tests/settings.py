"""The project's settings, with the app whose migrations the upgrade tests step through."""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.upgrade_app"]

# Test requests are plain HTTP: redirecting them to HTTPS (on by default when DJANGO_DEBUG is off) would answer
# every one with a 301.
SECURE_SSL_REDIRECT = False

# The accounts tests make protect nothing: a fast hasher, so that each costs microseconds rather than the
# third of a second of production's PBKDF2 (which the deploy check's subprocess still uses).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
