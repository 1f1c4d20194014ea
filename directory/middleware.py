from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose English with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and office browsers are often
    installed in English; the interface must speak Vietnamese by default.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        translation.activate(chosen if chosen in supported else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()


class ReadOnlyRoleMiddleware:
    """Refuse (403) every write a read-only user (an auditor) sends, through any door: pages, API, admin.

    Each view also checks its own rules; this is the one place that makes "an auditor changes nothing"
    hold for every view there is and every view added later. Signing in and out, choosing the language
    and changing one's own password stay possible.
    """

    OPEN_TO_ALL = ("login", "logout", "set_language", "password_change", "admin:logout")

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths: frozenset[str] | None = None

    def __call__(self, request):
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE") and self._refused(request):
            raise PermissionDenied
        return self.get_response(request)

    def _refused(self, request) -> bool:
        from directory.access import is_read_only

        if self._open_paths is None:
            self._open_paths = frozenset(reverse(name) for name in self.OPEN_TO_ALL)
        return request.path_info not in self._open_paths and is_read_only(request.user)
