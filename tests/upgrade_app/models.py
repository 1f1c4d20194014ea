"""The app's models as of its last migration (see ``versions`` for the earlier ones)."""

from tests.upgrade_app.versions import LAST, define

globals().update(define(LAST, module=__name__))
