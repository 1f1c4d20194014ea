"""What every door (page, API, admin, export, history) must hold whoever knocks, checked on each response a
walk over every URL pattern reads as each of the cast: no confidential text shown to whom the record would
not show it, the Content-Security-Policy on every page and nothing inline it does not allow, and no door open
to those it is not for."""

from __future__ import annotations

import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape

# Pages anyone may open, signed in or not.
PUBLIC_DOORS = {
    "login", "admin:login", "set_language", "public:register", "public:asset", "public:document",
    "public:growing_areas", "api_public:assets", "api_public:asset", "api:schema", "api:docs", "api:redoc",
}
# And those a signed-in person without a role may open (to be told they have none, to change a password).
NO_ROLE_DOORS = PUBLIC_DOORS | {"home", "logout", "password_change", "password_change_done"}

_SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
_STYLE = re.compile(r"<style\b([^>]*)>", re.I)
_STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
_NONCE = re.compile(r"'nonce-([^']+)'")


def body_text(response) -> str:
    """A response's text, an XLSX's parts included (their strings live in its XML)."""
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if content[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as book:
                content = b"".join(book.read(name) for name in book.namelist() if name.endswith(".xml"))
        except zipfile.BadZipFile:
            pass
    return content.decode("utf-8", "replace")


def csp_problems(response, *, own_page: bool) -> list[str]:
    """What an HTML page breaks of the policy: no header, 'unsafe-inline', an inline script or style without
    the response's nonce, and on the application's own pages any style attribute."""
    policy = response.headers.get("Content-Security-Policy", "")
    if not policy:
        return ["no Content-Security-Policy"]
    problems = []
    if "unsafe-inline" in policy or "unsafe-eval" in policy:
        problems.append(f"policy allows inline code: {policy}")
    nonces = set(_NONCE.findall(policy))
    html = response.content.decode("utf-8", "replace")
    for attributes in _SCRIPT.findall(html):
        if "src=" in attributes or "application/json" in attributes:
            continue
        if not any(f'nonce="{nonce}"' in attributes for nonce in nonces):
            problems.append("an inline <script> without the nonce")
    for attributes in _STYLE.findall(html):
        if not any(f'nonce="{nonce}"' in attributes for nonce in nonces):
            problems.append("a <style> element without the nonce")
    if own_page and _STYLE_ATTRIBUTE.search(html):
        problems.append("a style attribute")
    return problems


@dataclass
class Secret:
    text: str
    readers: frozenset  # the roles that may read it


@dataclass
class DoorLog:
    """Every response of the walk, judged as it comes: leaks, CSP problems, doors open to the wrong roles."""

    secrets: list[Secret]
    leaks: list[str] = field(default_factory=list)
    seen: dict = field(default_factory=lambda: defaultdict(int))  # secret text → times shown to a reader
    csp: list[str] = field(default_factory=list)
    open_doors: list[str] = field(default_factory=list)
    checked: int = 0

    def observe(self, role: str | None, has_role: bool, view_name: str | None, url: str, response) -> None:
        self.checked += 1
        text = body_text(response)
        for secret in self.secrets:
            if secret.text in text or escape(secret.text) in text:
                if role in secret.readers:
                    self.seen[secret.text] += 1
                else:
                    self.leaks.append(f"{role}: {url} shows the confidential part “{secret.text[:40]}…”")
        if response.status_code == 200:
            allowed = PUBLIC_DOORS if role is None else NO_ROLE_DOORS if not has_role else None
            if allowed is not None and view_name not in allowed:
                self.open_doors.append(f"{role or 'anonymous'}: {url} ({view_name}) answers 200")
            if response.get("Content-Type", "").startswith("text/html"):
                own_page = not url.startswith(("/admin/", "/api/"))
                self.csp += [f"{url}: {problem}" for problem in csp_problems(response, own_page=own_page)]
