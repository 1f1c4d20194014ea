"""The project's settings, with the app whose migrations the upgrade tests step through."""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.upgrade_app"]
