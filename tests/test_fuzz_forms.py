"""Every form and filter of the site, found by walking the URL patterns as each role, refuses hostile values
(malformed numbers and dates, dates at the calendar's ends, integers beyond what the database stores, NUL
bytes, very long strings, a field given twice, bytes that are not UTF-8, files that are not what their names
say) with a 400 or a form error, never a server error.

Nothing is listed by hand: the pages come from ``config/urls.py`` (their ids from the links of the pages
already read, else from the first objects of the model the path names), the forms and query parameters from
the pages' HTML, the fields from the forms. A new page or form is fuzzed the day it is added.

A page costs tens of milliseconds to render, so the walk reads each page once for every role that may use it
(a model's read-only admin pages, a download, a redirect: once in all), and the hostile values go in by kind
of field: in one request, every field of one kind (the choices, the numbers, the dates, the texts, the files)
takes the same value while the others keep what the page rendered, so that a value the form lets through
still reaches the service and the database. Every request runs in a transaction rolled back after it: the
data set is the same for each.
"""

from __future__ import annotations

import io
import logging
import re
import time
import traceback
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.template.base import Template
from django.test import Client, RequestFactory, override_settings
from django.test.utils import _TestState
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import NoReverseMatch, Resolver404
from django.utils import timezone

from directory import services as directory_services
from initiatives import services as initiative_services
from initiatives.models import Initiative
from ip_registry import services as ip_services
from ip_registry.models import ProtectionApplication
from ip_registry.workflow import ApplicationStatus
from reports import services as report_services

ROOT = Path(__file__).resolve().parents[1]

# The cast, by their demo log-ins (``directory.demo.USERS``); None is an anonymous visitor.
ROLES = ["ip_officer", "commune_lucngan", "council_secretary", "auditor", "admin", None]


class Special:
    """A hostile value that is not a string."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"<{self.name}>"


TWICE = Special("field given twice")  # a view that expects one value must not choke on two
NOT_UTF8 = Special("bytes not UTF-8")  # sent percent-encoded, as a browser sends them
EMPTY_FILE = Special("empty file")
TEXT_AS_XLSX = Special("text file named .xlsx")
NOT_UTF8_RAW = "%FF%FE%C3%28"
LONG = "x" * 10_000

# A form's hostile submissions, one request each: in a row, every field of a kind (a choice, a number, a date,
# a text, a file) takes the row's value for that kind, and the kinds the row leaves out keep what the page
# rendered. The first rows are refused by the form; the later ones pass a form that checks too little and
# reach the service and the database (a date at the calendar's end, an integer beyond 64 bits).
EVERY = "every field"
ROWS = [
    {},  # as rendered
    {"choice": "abc", "number": "abc", "date": "abc", "text": "\x00", "file": EMPTY_FILE, "management": "abc"},
    {"choice": "-1", "number": "NaN", "date": "2025-02-30", "text": LONG, "file": TEXT_AS_XLSX, "management": "-1"},
    {"choice": "9223372036854775808", "number": "²", "date": "31/12/99999", "text": "'; DROP TABLE x;--",
     "file": "abc"},
    {"choice": "", "number": "", "date": "", "text": " "},
    {"date": "0001-01-01", "text": "<script>alert(1)</script>"},
    {"date": "9999-12-31"},
    {"number": "9223372036854775808"},
    {"number": "99999999999999999999999"},
    {"number": "-1"},
    {"number": "1e309"},
    {EVERY: TWICE},
    {EVERY: NOT_UTF8},
]
# The admin's forms are Django's, with the project's fields and services behind them: fewer rows.
ADMIN_ROWS = [ROWS[i] for i in (0, 1, 3, 5, 6, 7, 11)]
# A query string's parameters (a filter's, a page number, an ordering) all take each of these at once.
QUERY_VALUES = ["abc", "-1", "9223372036854775808", "1e309", "\x00", "0001-01-01", "9999-12-31", LONG, TWICE,
                NOT_UTF8]
ADMIN_QUERY_VALUES = ["abc", "9223372036854775808", "0001-01-01", TWICE]
# A path's integer: what the <int:…> converter lets through but that names no row.
PATH_INTS = [0, 2**63, 10**22]

DATE_NAME = re.compile(r"(date|day|^on$|_on$|^from$|^to$|until|start|^end$|since|before|after|as_of|valid_)")
NUMBER_NAME = re.compile(r"(^|_)(year|page|amount|percent|count|number|share|votes|members|seq|index|months|days|"
                         r"benefit|people|price|hectares|area)s?$")
MANAGEMENT_NAME = re.compile(r"(^|-)(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$")
NOT_A_LINK = re.compile(r"^(#|mailto:|tel:|javascript:|data:)")


# Reading pages ----------------------------------------------------------------------------------------

@dataclass
class Field:
    name: str
    kind: str  # the input's type, or "select", "select-multiple", "textarea"
    values: list[str] = field(default_factory=list)  # what the browser sends untouched
    options: list[str] = field(default_factory=list)

    @property
    def group(self) -> str:
        """Which values the field gets: a file's, a date's, a number's, a choice's (a key) or a text's; a
        formset's count of forms its own (a large one only builds Django's thousand forms, slowly)."""
        if self.kind == "file":
            return "file"
        if MANAGEMENT_NAME.search(self.name):
            return "management"
        if self.kind in ("date", "datetime-local", "month", "week", "time") or DATE_NAME.search(self.name):
            return "date"
        if self.kind in ("number", "range") or NUMBER_NAME.search(self.name):
            return "number"
        if self.kind in ("select", "select-multiple", "radio", "checkbox", "hidden", "submit"):
            return "choice"
        return "text"


@dataclass
class Form:
    method: str
    action: str
    fields: list[Field] = field(default_factory=list)


class PageParser(HTMLParser):
    """A page's forms (their fields with what the browser would send) and the addresses it links to."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: dict | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {name: value if value is not None else "" for name, value in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(method=(a.get("method") or "get").lower(), action=a.get("action", ""))
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "text": "", "selected": "selected" in a}
        elif "disabled" in a or not a.get("name"):
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if a["name"] == "csrfmiddlewaretoken" or kind in ("reset", "button", "image"):
                return
            if kind in ("checkbox", "radio"):
                values = [a.get("value") or "on"] if "checked" in a else []
                self._add(Field(a["name"], kind, values, [a.get("value") or "on"]))
            else:
                self._add(Field(a["name"], kind, [] if kind == "file" else [a.get("value", "")]))
        elif tag == "button" and (a.get("type") or "submit").lower() == "submit":
            self._add(Field(a["name"], "submit", [a.get("value", "")]))
        elif tag == "select":
            self._select = Field(a["name"], "select-multiple" if "multiple" in a else "select")
        elif tag == "textarea":
            self._textarea = Field(a["name"], "textarea", [""])

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea.values[0] += data

    def handle_endtag(self, tag):
        if tag in ("option", "select") and self._option is not None:
            option, self._option = self._option, None
            value = option["value"] if option["value"] is not None else option["text"].strip()
            self._select.options.append(value)
            if option["selected"]:
                self._select.values.append(value)
        if tag == "select" and self._select is not None:
            select, self._select = self._select, None
            if not select.values and select.kind == "select" and select.options:
                select.values = [select.options[0]]
            self._add(select)
        elif tag == "textarea" and self._textarea is not None:
            textarea, self._textarea = self._textarea, None
            textarea.values[0] = textarea.values[0].removeprefix("\n")
            self._add(textarea)
        elif tag == "form":
            self._form = None

    def _add(self, new: Field):
        same = next((f for f in self._form.fields if f.name == new.name), None)
        if same is None:
            self._form.fields.append(new)
        elif new.kind in ("checkbox", "radio"):  # a group of boxes: one field, what is checked
            same.values += new.values
            same.options += new.options


def read_page(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


# The URL patterns -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pattern:
    view_name: str | None  # namespaced, for reverse(); None for an unnamed pattern
    route: str
    object_args: tuple[str, ...]  # integers, and the admin's object ids
    other_args: tuple[str, ...]  # a format, a status, an app, a slug
    namespace: str
    is_root: bool  # the namespace's own first page (``/admin/``): refused there, refused everywhere in it


OBJECT_ARGS = {"pk", "object_id", "id", "seq"}
# A pattern is read as one object, and for at most this many values of its other arguments (the statuses an
# application can move to, the formats of an export, the models of the audit trail's timelines).
VARIANTS_PER_PATTERN = 3


def url_patterns(resolver=None, prefix="", namespaces=(), converters=None, space_route="") -> list[Pattern]:
    """Every pattern of the root URLconf, recursively, with the names of its arguments."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        here = {**(converters or {}), **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            found += url_patterns(entry, route, inner, here, route if entry.namespace else space_route)
            continue
        assert isinstance(entry, URLPattern)
        regex = entry.pattern.regex
        names = list(dict.fromkeys([*here, *regex.groupindex]))
        # Unnamed groups (simple_history's ``re_path``) name objects too.
        names += [f"_{i}" for i in range(regex.groups - len(regex.groupindex))]
        objects = tuple(n for n in names if n in OBJECT_ARGS or n.startswith("_")
                        or type(here.get(n)).__name__ == "IntConverter")
        name = ":".join((*namespaces, entry.name)) if entry.name else None
        found.append(Pattern(name, route, objects, tuple(n for n in names if n not in objects),
                             ":".join(namespaces), bool(namespaces) and route == space_route))
    return found


ADMIN_MODELS = {f"admin:{m._meta.app_label}_{m._meta.model_name}_": m for m in admin.site._registry}


def model_named_by(pattern: Pattern, arg: str):
    """The model an object argument names, for a pattern no page linked to: an admin page's model, else the
    model the path segment before the argument names (``assets/<int:pk>/``, ``units/<int:unit_pk>/``), the
    parent among several (``infringements/<int:pk>/`` names the case, not its steps)."""
    for prefix, model in ADMIN_MODELS.items():
        if pattern.view_name and pattern.view_name.startswith(prefix):
            return model
    segment = re.split(rf"<(?:\w+:)?{arg}>|\(\?P<{arg}>", pattern.route)[0].rstrip("/").rsplit("/", 1)[-1]
    stem = re.sub(r"\W", "", arg.removesuffix("_pk") if arg.endswith("_pk") else segment).rstrip("s")
    if not stem:
        return None
    candidates = [m for m in apps.get_models() if not m.__name__.startswith("Historical")
                  and stem in (m._meta.model_name, m._meta.model_name[-len(stem):], m._meta.model_name[:len(stem)])]
    parents = [m for m in candidates if not any(f.related_model in candidates for f in m._meta.get_fields()
                                                if f.many_to_one and f.related_model is not m)]
    return parents[0] if len(parents) == 1 else None


# Requests ---------------------------------------------------------------------------------------------

@dataclass
class Case:
    role: str | None
    method: str
    url: str
    what: str  # the hostile values, by field
    error: str = ""


class Fuzzer:
    """Sends requests as the cast, each in a transaction rolled back afterwards (the data set stays the same)
    and with the client's cookies put back (a log-out or a language switch changes nothing), and collects
    every server error by its exception's type and the line of the project's code it left from."""

    def __init__(self, clients: dict):
        self.clients = clients
        self.errors: dict[tuple, list[Case]] = defaultdict(list)
        self.requests = 0

    def send(self, role, method: str, url: str, data: dict | None = None, *, what: str = "", body: str | None = None):
        """``data`` as the client encodes it, or ``body`` as it is (a query string, a form-encoded body)."""
        client = self.clients[role]
        cookies = client.cookies
        client.cookies = type(cookies)()
        client.cookies.update(cookies)
        self.requests += 1
        try:
            with transaction.atomic():
                if body is not None and method == "get":
                    response = client.get(f"{url}?{body}")
                elif body is not None:
                    response = client.post(url, body, content_type="application/x-www-form-urlencoded")
                elif method == "get":
                    response = client.get(url, data)
                else:
                    response = client.post(url, data or {})
                transaction.set_rollback(True)
        finally:
            client.cookies = cookies
        if response.status_code >= 500:
            self._record(Case(role, method.upper(), url, what, f"HTTP {response.status_code}"), response)
        return response

    def _record(self, case: Case, response):
        exc_info = getattr(response, "exc_info", None)  # caught by the client's got_request_exception receiver
        if not exc_info:
            self.errors[(case.error, case.url)].append(case)
            return
        _type, exception, tb = exc_info
        frames = traceback.extract_tb(tb)
        ours = [f for f in frames if f.filename.startswith(str(ROOT)) and "/.venv/" not in f.filename]
        last = (ours or frames)[-1]
        where = f"{Path(last.filename).relative_to(ROOT) if ours else last.filename}:{last.lineno} in {last.name}"
        raised = frames[-1]
        case.error = (f"{type(exception).__name__}: {str(exception)[:200]}\n    raised at "
                      f"{raised.filename.split('site-packages/')[-1]}:{raised.lineno} in {raised.name}")
        self.errors[(type(exception).__name__, where)].append(case)

    def report(self) -> str:
        lines = [f"{len(self.errors)} distinct server errors in {self.requests} requests:"]
        for (_kind, where), cases in sorted(self.errors.items()):
            first = cases[0]
            lines.append(f"- {first.error}\n    at {where}\n    {len(cases)} requests, e.g. {first.method} {first.url} "
                         f"as {first.role}: {first.what[:300]}")
            for other in sorted({(c.method, c.url, c.what[:120]) for c in cases[1:]})[:5]:
                lines.append("      also %s %s: %s" % other)
        return "\n".join(lines)


def rendered(fields: dict[str, Field]) -> dict[str, list]:
    """What the browser submits with nothing changed (through the first named submit button)."""
    data: dict[str, list] = {}
    pressed = False
    for f in fields.values():
        if f.kind == "submit":
            if pressed:
                continue
            pressed = True
        if f.values and f.kind != "file":
            data.setdefault(f.name, []).extend(f.values)
    return data


def with_value(data: dict, names: list[str], value) -> tuple[dict | None, str | None]:
    """``data`` with every field of ``names`` set to ``value``; bytes that are not UTF-8 as an encoded body."""
    data = dict(data)
    if value is NOT_UTF8:
        rest = urlencode({k: v for k, v in data.items() if k not in names}, doseq=True)
        return None, "&".join([*([rest] if rest else []), *(f"{quote(name)}={NOT_UTF8_RAW}" for name in names)])
    for name in names:
        if value is TWICE:
            data[name] = ["1", "abc"]
        elif value is EMPTY_FILE:
            data[name] = [SimpleUploadedFile("rong.pdf", b"")]
        elif value is TEXT_AS_XLSX:
            data[name] = [SimpleUploadedFile("bang.xlsx", b"Day khong phai la bang tinh\n", "text/plain")]
        else:
            data[name] = [value]
    return data, None


# The data set and the walk ----------------------------------------------------------------------------

def add_what_the_demo_lacks() -> None:
    """One record of each kind the demo data has none of: an opposition, a third party's opinion, an
    attachment, an API token, a draft of this year's report of the province."""
    today = timezone.localdate()
    for application in ProtectionApplication.objects.filter(status=ApplicationStatus.PUBLISHED).order_by("pk"):
        published, end = ip_services.publication_day(application), ip_services.opposition_window_end(application)
        if published and end and published <= today <= end:
            ip_services.opinion_record(actor=None, application=application, author="Bên thứ ba", content="Ý kiến",
                                       received_on=published)
            ip_services.opposition_file(actor=None, application=application, opponent="Công ty TNHH Thử",
                                        grounds="Trùng nhãn hiệu", filed_on=today)
            break
    initiative_services.attachment_upload(actor=None, title="Tài liệu", initiative=Initiative.objects.first(),
                                          file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="tai-lieu.pdf"))
    directory_services.api_token_issue(actor=None, user=get_user_model().objects.get(username="ip_officer"), name="Thử")
    report_services.report_save(actor=None, year=today.year, unit=None, results="Kết quả thử")


@dataclass
class Target:
    """A form to fuzz, or a page's query string: where it goes, as whom, and its fields as rendered."""

    role: str | None
    page: str
    method: str
    url: str
    fields: dict[str, Field]
    view: str = ""


@dataclass
class Site:
    patterns: list[Pattern]
    reached: set  # the view names requested (as some role)
    pages: int
    forms: dict  # (method, action's view, field names) → Target
    queries: dict  # view name → Target (every parameter any link or GET form gave that page)
    objects: dict  # view name → (role, kwargs) of a page with an object in its path
    downloads: set  # the view names that answered with something other than a page (a file, JSON)
    crawl: Fuzzer  # the walk's requests, and its server errors


def walk(fuzzer: Fuzzer) -> Site:
    """Every pattern as every role: from the first pages (the home page, each namespace's) through the links
    the role is shown, one object for each pattern (and each value of its other arguments, up to a few); then
    the patterns no page linked to, with the first objects of the model their path names, as the roles shown
    pages of their namespace, until one answers with a page. A namespace whose first page refuses a role
    (``/admin/`` to a district officer, all but the public register to a visitor) is not walked further as that
    role. A download, a JSON answer and a redirect to another page are read once: they carry no form."""
    patterns = url_patterns()
    by_name = {p.view_name: p for p in patterns if p.view_name}
    site = Site(patterns, set(), 0, {}, {}, {}, set(), fuzzer)
    read_once: set[str] = set()  # the views read as one role only
    read_only: set[str] = set()  # the admin views of a model read as a role that may not change it
    shown: dict[str, list] = defaultdict(list)  # namespace → the roles shown one of its pages
    refused: dict = defaultdict(set)  # role → the namespaces whose first page refused them
    taken: dict = defaultdict(set)  # role → the (view, other arguments) read as that role
    variants: dict = defaultdict(int)  # (role, view) → how many of its variants were read

    def others(pattern, kwargs) -> tuple:
        return pattern.view_name, tuple((k, str(v)) for k, v in sorted(kwargs.items())
                                        if k not in pattern.object_args)

    def take(role, url: str, base: str, queue: list) -> None:
        parts = urlsplit(urljoin(base, url))
        if parts.netloc or not parts.path.startswith("/") or parts.path.startswith(("/static/", "/media/")):
            return
        try:
            match = resolve(parts.path)
        except Resolver404:
            return
        pattern = by_name.get(match.view_name)
        if pattern is None or pattern.namespace in refused[role]:
            return
        slot = others(pattern, match.kwargs)
        if slot in taken[role] or pattern.view_name in read_once \
                or variants[role, pattern.view_name] >= VARIANTS_PER_PATTERN:
            return
        if not may_change(role, pattern):
            # A model's admin pages are the same for every role that may only read them: read once so.
            if pattern.view_name in read_only:
                return
            read_only.add(pattern.view_name)
        taken[role].add(slot)
        variants[role, pattern.view_name] += 1
        queue.append((parts.path, pattern, match.kwargs))

    def read(role, queue: list) -> int:
        """Read the queue as ``role``, and what the pages read link to; the status of the first page."""
        first = None
        while queue:
            path, pattern, kwargs = queue.pop(0)
            if pattern.namespace in refused[role] or pattern.view_name in read_once:
                continue
            response = fuzzer.send(role, "get", path)
            first = first or response.status_code
            site.pages += 1
            site.reached.add(pattern.view_name)
            if response.status_code in (302, 403) and pattern.is_root:
                refused[role].add(pattern.namespace)
            if response.status_code in (301, 302) and role in shown[pattern.namespace]:
                read_once.add(pattern.view_name)  # a redirect to another page (an admin's history to the log's)
            if response.status_code != 200:
                continue
            if role not in shown[pattern.namespace]:
                shown[pattern.namespace].append(role)
            if pattern.object_args and pattern.view_name not in site.objects:
                site.objects[pattern.view_name] = (role, kwargs)
            if not response.get("Content-Type", "").startswith("text/html"):
                site.downloads.add(pattern.view_name)
                read_once.add(pattern.view_name)  # a file, JSON: no form in it, and a second to build
                continue
            collect(role, path, read_page(response.content.decode("utf-8", "replace")), queue)
        return first

    def collect(role, path, page, queue):
        for link in page.links:
            if NOT_A_LINK.match(link):
                continue
            take(role, link, path, queue)
            parts = urlsplit(urljoin(path, link))
            if parts.query and not parts.netloc:
                add_query(role, path, parts.path, {k: Field(k, "text", [v]) for k, v in
                                                  parse_qsl(parts.query, keep_blank_values=True)})
        for form in page.forms:
            action = urljoin(path, form.action) if form.action else path
            if NOT_A_LINK.match(form.action) or urlsplit(action).netloc:
                continue
            take(role, action, path, queue)
            fields = {f.name: f for f in form.fields}
            if form.method == "get":
                add_query(role, path, urlsplit(action).path, fields)
                continue
            try:
                view = resolve(urlsplit(action).path).view_name
            except Resolver404:
                continue
            # The admin's add and change forms of a model are one form (the change form's, whose fields hold
            # a record's values, is kept); its changelists' action forms are one for every model.
            kind = re.sub(r"^(admin:)\w+?_(changelist)$", r"\1\2", view)
            kind = re.sub(r"_(add|change)$", "_form", kind) if kind.startswith("admin:") else kind
            key = (form.method, kind, frozenset(fields))
            if key not in site.forms or view.endswith("_change") and site.forms[key].view.endswith("_add"):
                site.forms[key] = Target(role, path, "post", action, fields, view)

    def add_query(role, page, action, fields):
        try:
            view = resolve(action).view_name
        except Resolver404:
            return
        target = site.queries.setdefault(view, Target(role, page, "get", action, {}, view))
        if target.role == role:
            for name, f in fields.items():
                target.fields.setdefault(name, f)

    for role in ROLES:
        queue: list = []
        for pattern in sorted(patterns, key=lambda p: (not p.is_root, p.route)):
            if pattern.view_name and (pattern.is_root or pattern.route == "") and not pattern.object_args:
                take(role, reverse(pattern.view_name), "/", queue)
        read(role, queue)

    for pattern in patterns:
        if pattern.view_name in site.reached or not pattern.view_name or pattern.other_args:
            continue
        for kwargs in objects_for(pattern, 1 if pattern.namespace == "admin" else 3):
            try:
                url = reverse(pattern.view_name, kwargs=kwargs)
            except NoReverseMatch:
                break  # unnamed groups (simple_history's past versions): counted as not reached
            # The admin answers every model's pages alike: one role is enough there.
            roles = shown[pattern.namespace][:1 if pattern.namespace == "admin" else 3] or ROLES[:1]
            if any(read(role, [(url, pattern, kwargs)]) == 200 for role in roles):
                break
    return site


def may_change(role, pattern: Pattern) -> bool:
    """Whether ``role`` may change the model of an admin page, by the model's admin (true of other pages)."""
    model = next((m for prefix, m in ADMIN_MODELS.items() if (pattern.view_name or "").startswith(prefix)), None)
    if model is None or role is None:
        return model is None
    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(username=role)
    return admin.site._registry[model].has_change_permission(request)


def objects_for(pattern: Pattern, count: int = 3) -> list[dict]:
    """Arguments for a pattern no page linked to: this year for a year, the first objects of the model the
    path names for an object (a few: the first may be in a state whose page refuses)."""
    choices = []
    for arg in pattern.object_args:
        if arg == "year":
            choices.append([timezone.localdate().year])
            continue
        model = model_named_by(pattern, arg)
        pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True)[:count]) if model else []
        if not pks:
            return []
        choices.append(pks)
    if not choices:
        return [{}]
    return [dict(zip(pattern.object_args, values)) for values in zip(*(c * count for c in choices))][:count]


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data with one record of each kind it lacks, a signed-in client for each of the cast, and the
    walk; kept for this module's tests and rolled back after them."""
    patch = pytest.MonkeyPatch()
    # The test client keeps a copy of the context of every template rendered, each option of a select
    # included: half the time of a form's page. These tests read no context.
    patch.setattr(Template, "_render", _TestState.saved_data.template_render)
    # A changelist's hundred rows are a third of the walk's time; it follows one of them.
    patch.setattr(admin.ModelAdmin, "list_per_page", 5)
    # The server errors are collected and reported by the tests; the log would repeat each one.
    patch.setattr(logging.getLogger("django.request"), "disabled", True)
    try:
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                               MEDIA_ROOT=tmp_path_factory.mktemp("media")), \
                django_db_blocker.unblock(), transaction.atomic():
            started = time.monotonic()
            call_command("load_demo_data", stdout=io.StringIO())
            add_what_the_demo_lacks()
            loaded = time.monotonic()
            clients = {}
            for username in ROLES:
                clients[username] = Client(raise_request_exception=False)
                if username:
                    clients[username].force_login(get_user_model().objects.get(username=username))
            walked = walk(Fuzzer(clients))
            print(f"\ndata {loaded - started:.1f} s, walk {time.monotonic() - loaded:.1f} s: {walked.pages} pages, "
                  f"{len(walked.reached)} of {len(walked.patterns)} patterns, {len(walked.forms)} forms, "
                  f"{len(walked.queries)} query strings")
            yield walked
            transaction.set_rollback(True)
    finally:
        patch.undo()


@pytest.fixture
def fuzzer(site, db):
    return Fuzzer(site.crawl.clients)


def test_every_page_of_every_role_answers_without_a_server_error(site, db):
    unreached = sorted(p.route for p in site.patterns if p.view_name not in site.reached)
    print(f"not reached ({len(unreached)}): {unreached}")
    if site.crawl.errors:
        pytest.fail(site.crawl.report(), pytrace=False)
    # A walk that reaches a handful of pages would fuzz nothing and pass.
    assert len(site.reached) > 0.6 * len(site.patterns)


def test_an_integer_in_the_path_that_names_no_row_is_not_found(site, fuzzer):
    for view_name, (role, kwargs) in site.objects.items():
        pattern = next(p for p in site.patterns if p.view_name == view_name)
        for arg in pattern.object_args:
            if isinstance(kwargs.get(arg), int):
                for value in PATH_INTS:
                    fuzzer.send(role, "get", reverse(view_name, kwargs={**kwargs, arg: value}), what=f"{arg} = {value}")
    if fuzzer.errors:
        pytest.fail(fuzzer.report(), pytrace=False)


def test_every_filter_and_query_string_refuses_hostile_values(site, fuzzer):
    admin_names = set()
    for view, target in site.queries.items():
        if view in site.downloads:
            continue  # an export reads the filters of its list page (fuzzed here), and takes a second to build
        names = [name for name, f in target.fields.items() if f.kind not in ("submit", "file")]
        if view.startswith("admin:"):
            # Every changelist reads its query string with the same code: each parameter (an ordering, a
            # page, a filter on a kind of field) is fuzzed on the first changelist that has it.
            names = [name for name in names if name not in admin_names]
            admin_names.update(names)
        base = rendered(target.fields)
        for value in ADMIN_QUERY_VALUES if view.startswith("admin:") else QUERY_VALUES:
            if names:
                data, body = with_value(base, names, value)
                fuzzer.send(target.role, "get", target.url, data, body=body, what=f"{','.join(names)} = {value!r:.40}")
    print(f"{fuzzer.requests} requests to {len(site.queries)} pages")
    if fuzzer.errors:
        pytest.fail(fuzzer.report(), pytrace=False)


def test_every_posted_form_refuses_hostile_values(site, fuzzer):
    for target in site.forms.values():
        base = rendered(target.fields)
        kinds = defaultdict(list)
        for name, f in target.fields.items():
            if f.kind != "submit":
                kinds[f.group].append(name)
        kinds[EVERY] = [name for names in list(kinds.values()) for name in names]
        for row in ADMIN_ROWS if target.view.startswith("admin:") else ROWS:
            data, body, changed = base, None, []
            for kind, value in row.items():
                if kinds.get(kind):
                    data, body = with_value(data, kinds[kind], value)
                    changed.append(f"{','.join(kinds[kind])} = {value!r:.40}")
            if row and not changed:
                continue  # the form has no field of the row's kinds
            response = fuzzer.send(target.role, "post", target.url, data, body=body,
                                   what="; ".join(changed) or "as rendered")
            if not row and response.status_code == 403:
                break  # refused to this role as a whole (a read-only admin form), before a field is read
    print(f"{fuzzer.requests} requests to {len(site.forms)} forms")
    if fuzzer.errors:
        pytest.fail(fuzzer.report(), pytrace=False)
