"""A registry at volume: the data ``make bench`` measures the pages on, and the query-count tests build small.

``grow(records)`` adds ``records`` assets (each with its registration application, the steps it went
through, its deadlines and its protection spans) and as many initiatives (each with two authors), and the
year's nominations of provincial initiatives, for every unit of each plan. Everything is written the way the
spreadsheet imports write: ``bulk_create`` then ``bulk_history_create``, inside an import batch, so the
history and the audit events are there too. It may be called again to grow the same database further.

The records are made up but shaped like the province's: marks of local products owned by cooperatives of
the 99 communes, applications at every stage of the workflow over fifteen years, initiatives of every
status with their base-level decision due dates. Numbering is deterministic (no randomness).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from audit.services import import_batch
from directory import services as directory_services
from directory.models import COMMUNE_LEVEL_KINDS, Organisation, OrganisationKind, OrganisationPlacement, Role, User
from directory.selectors import units_in_force

BATCH = 5000
# What becomes of the asset numbered n: FATES[n % 10] (below 6 granted, 6 refused, 7 withdrawn, 8 and 9
# being examined), in an order that gives even five records one of most.
FATES = (0, 8, 6, 1, 7, 2, 9, 3, 4, 5)
RECORDS_PER_ORGANISATION = 50
PRODUCTS = ("Vải thiều", "Gà đồi", "Mỳ Chũ", "Chè", "Bưởi", "Gạo nếp", "Miến dong", "Mật ong", "Cam", "Na",
            "Rượu làng Vân", "Bánh đa", "Hành tỏi", "Lạc", "Khoai lang", "Nấm", "Thanh long", "Ổi", "Dưa hấu", "Tương")
TOPICS = ("Ứng dụng phần mềm quản lý", "Quy trình chăm sóc", "Cải tiến máy", "Phương pháp dạy học", "Mô hình sản xuất",
          "Giải pháp số hóa hồ sơ", "Quy trình khám chữa bệnh", "Kỹ thuật ghép cành", "Sổ tay hướng dẫn",
          "Giải pháp tiết kiệm điện")


@dataclass
class People:
    ip_officer: User
    auditor: User
    district_officer: User


def people() -> People:
    """The accounts the benchmark and the tests read as (created once)."""
    ip_officer = directory_services.user_upsert(actor=None, username="volume_ip", full_name="Cán bộ SHTT")
    auditor = directory_services.user_upsert(actor=None, username="volume_auditor", full_name="Kiểm toán viên")
    officer = directory_services.user_upsert(actor=None, username="volume_commune", full_name="Cán bộ xã")
    if not ip_officer.roles.exists():
        directory_services.role_assign(actor=None, user=ip_officer, role=Role.IP_OFFICER)
        directory_services.role_assign(actor=None, user=auditor, role=Role.AUDITOR)
        directory_services.role_assign(actor=None, user=officer, role=Role.DISTRICT_OFFICER,
                                       unit=_communes()[0])
    return People(ip_officer, auditor, officer)


def _communes():
    return list(units_in_force(on=timezone.localdate(), kinds=COMMUNE_LEVEL_KINDS).order_by("code"))


def _place(unit) -> str:
    for prefix in ("Phường ", "Xã ", "Thị trấn "):
        if unit.name.startswith(prefix):
            return unit.name[len(prefix):]
    return unit.name


def grow(records: int, *, out: Callable[[str], None] = lambda line: None) -> None:
    """Add ``records`` assets and ``records`` initiatives, with everything they come with."""
    from initiatives.models import Initiative
    from ip_registry.models import IPAsset

    who = people().ip_officer
    first_asset = IPAsset.objects.count()
    first_initiative = Initiative.objects.count()
    organisations = _organisations(who, (max(first_asset, first_initiative) + records) // RECORDS_PER_ORGANISATION + 5)
    products = _products(who)
    for start in range(0, records, BATCH):
        size = min(BATCH, records - start)
        with import_batch(actor=who, kind="ip_registry.ipasset", file_name=f"tai-san-{first_asset + start}.xlsx",
                          row_count=size):
            _assets(range(first_asset + start, first_asset + start + size), organisations, products, who)
        with import_batch(actor=who, kind="initiatives.initiative",
                          file_name=f"sang-kien-{first_initiative + start}.xlsx", row_count=size):
            _initiatives(range(first_initiative + start, first_initiative + start + size), organisations)
        out(f"  {first_asset + start + size:,} assets and {first_initiative + start + size:,} initiatives")
    with import_batch(actor=who, kind="initiatives.replicationnomination", file_name="nhan-rong.xlsx"):
        _nominations()


def _bulk(model, objects: list) -> list:
    model.objects.bulk_create(objects, batch_size=1000)
    model.history.bulk_history_create(objects, batch_size=1000)
    return objects


def _organisations(who, wanted: int) -> list[Organisation]:
    existing = list(Organisation.objects.filter(name__startswith="Hợp tác xã ").filter(name__contains=" số ")
                    .order_by("pk"))
    if len(existing) >= wanted:
        return existing
    communes = _communes()
    with import_batch(actor=who, kind="directory.organisation", file_name="to-chuc.xlsx"):
        made = []
        for number in range(len(existing), wanted):
            commune = communes[number % len(communes)]
            product = PRODUCTS[number % len(PRODUCTS)]
            made.append(Organisation(name=f"Hợp tác xã {product} {_place(commune)} số {number}",
                                     kind=OrganisationKind.COOPERATIVE, unit=commune))
        _bulk(Organisation, made)
        _bulk(OrganisationPlacement, [OrganisationPlacement(organisation=organisation, unit=organisation.unit)
                                      for organisation in made])
    return existing + made


def _products(who):
    from ip_registry.models import Product, ProductCategory

    existing = {product.name: product for product in Product.objects.filter(name__in=PRODUCTS)}
    missing = [Product(name=name, category=ProductCategory.OTHER) for name in PRODUCTS if name not in existing]
    if missing:
        with import_batch(actor=who, kind="ip_registry.product", file_name="san-pham.xlsx"):
            _bulk(Product, missing)
    return [existing.get(name) or next(p for p in missing if p.name == name) for name in PRODUCTS]


def _assets(numbers: range, organisations, products, who) -> None:
    """Marks (and a GI in twenty) at every stage: six in ten granted (a tenth of those since ended or past
    their term), one refused, one withdrawn, two still being examined with their deadlines open."""
    from ip_registry import services
    from ip_registry.models import ApplicationStep, AssetKind, Deadline, DeadlineState, IPAsset, ProtectionApplication
    from ip_registry.workflow import MARK_KINDS, MARK_TERM, ApplicationStatus as S, DeadlineKind as K, Party

    today = timezone.localdate()
    kinds = [AssetKind.GEOGRAPHICAL_INDICATION, AssetKind.CERTIFICATION_MARK, AssetKind.CERTIFICATION_MARK,
             *[AssetKind.COLLECTIVE_MARK] * 8, *[AssetKind.MARK] * 9]
    assets, plans = [], []
    for number in numbers:
        organisation = organisations[number % len(organisations)]
        product = products[number % len(products)]
        kind = kinds[number % len(kinds)]
        fate = FATES[number % 10]
        if fate < 8:  # filed over fifteen years, the oldest first
            filed = today - dt.timedelta(days=500 + (number * 7919) % 5000)
        else:  # still being examined: filed in the last year and a half
            filed = today - dt.timedelta(days=30 + (number * 7919) % 500)
        granted = filed + relativedelta(months=14) if fate < 6 else None
        gi = kind == AssetKind.GEOGRAPHICAL_INDICATION
        assets.append(IPAsset(
            kind=kind, name=f"{product.name} {_place(organisation.unit)} {number}", product=product,
            owner=None if gi else organisation, managing_organisation=organisation if gi else None,
            certificate_number=f"VB-{number:07d}" if granted else "", grant_date=granted,
            valid_until=filed + MARK_TERM if granted and kind in MARK_KINDS else None,
        ))
        plans.append((fate, filed, granted))
    _bulk(IPAsset, assets)

    applications = [ProtectionApplication(asset=asset, applicant=asset.owner or asset.managing_organisation,
                                          application_number=f"4-{filed.year}-{asset.pk:07d}", filing_date=filed)
                    for asset, (fate, filed, granted) in zip(assets, plans, strict=True)]
    steps, deadlines = [], []
    for number, application, (fate, filed, granted) in zip(numbers, applications, plans, strict=True):
        path = [(S.FILED, filed), (S.ACCEPTED, filed + dt.timedelta(days=30))]
        if granted:
            path += [(S.PUBLISHED, filed + relativedelta(months=3)),
                     (S.INTENDED_GRANT, filed + relativedelta(months=11)), (S.GRANTED, granted)]
        elif fate == 6:
            path = [(S.FILED, filed), (S.FORMALITY_DEFICIENT, filed + dt.timedelta(days=30)),
                    (S.REFUSED, filed + relativedelta(months=4))]
        elif fate == 7:
            path.append((S.WITHDRAWN, filed + relativedelta(months=2)))
        else:
            path.append((S.PUBLISHED, filed + relativedelta(months=2)))
        application.status = path[-1][0]
        application._path = path
        if fate >= 8:  # the substantive examination is open, due from two months ago to two months ahead
            deadlines.append(Deadline(kind=K.SUBSTANTIVE_EXAMINATION, party=Party.IP_OFFICE, opened_on=path[-1][1],
                                      due_date=today + dt.timedelta(days=(number * 31) % 120 - 60),
                                      state=DeadlineState.OPEN))
        deadlines.append(Deadline(kind=K.FORMALITY_EXAMINATION, party=Party.IP_OFFICE, opened_on=filed,
                                  due_date=filed + dt.timedelta(days=30), met_date=filed + dt.timedelta(days=30),
                                  state=DeadlineState.MET))
        application._deadlines = deadlines[-2:] if fate >= 8 else deadlines[-1:]
    _bulk(ProtectionApplication, applications)
    for application in applications:
        previous = S.PREPARING
        for status, on in application._path:
            steps.append(ApplicationStep(application=application, from_status=previous, to_status=status, on=on,
                                         recorded_by=who))
            previous = status
        for deadline in application._deadlines:
            deadline.application = application
    _bulk(ApplicationStep, steps)
    _bulk(Deadline, deadlines)
    services.protection_refresh(assets=assets)


def _initiatives(numbers: range, organisations) -> None:
    """Initiatives of the last seven years at every status; a fifth of them recognised provincially."""
    from initiatives.models import Initiative, InitiativeAuthor, InitiativeField, base_decision_due
    from initiatives.workflow import InitiativeStatus as S

    today = timezone.localdate()
    statuses = [S.RECOGNISED_PROVINCIAL, S.FILED, S.REGISTERED, S.RECOGNISED, S.UNDER_REVIEW, S.REFUSED,
                S.RECOGNISED_PROVINCIAL, S.RECOGNISED, S.RECOGNISED, S.NOT_RECOGNISED_PROVINCIAL]
    fields = list(InitiativeField.values)
    initiatives = []
    for number in numbers:
        organisation = organisations[number % len(organisations)]
        status = statuses[number % len(statuses)]
        filed = today - dt.timedelta(days=220 + ((number + 7) * 104729) % 2300)
        registered = filed + dt.timedelta(days=7) if status != S.FILED else None
        undecided = status in (S.FILED, S.REGISTERED, S.UNDER_REVIEW, S.REFUSED)
        base = None if undecided else filed + relativedelta(months=2)
        provincial = filed + relativedelta(months=5) if status == S.RECOGNISED_PROVINCIAL else None
        initiatives.append(Initiative(
            title=f"{TOPICS[number % len(TOPICS)]} tại {_place(organisation.unit)} ({number})",
            field=fields[number % len(fields)], organisation=organisation, filed_on=filed,
            first_applied_on=filed - relativedelta(months=6), description="Mô tả giải pháp, cách làm và kết quả.",
            status=status, registered_on=registered,
            base_decision_due=base_decision_due(registered, None),
            base_certificate=f"GCN-{number}" if base else "", base_recognised_on=base,
            provincial_decision=f"QĐ {number}/QĐ-UBND" if provincial else "", provincial_recognised_on=provincial,
            expected_benefit=10_000_000 + number % 90 * 1_000_000,
        ))
    _bulk(Initiative, initiatives)
    _bulk(InitiativeAuthor, [
        InitiativeAuthor(initiative=initiative, name=name, birth_year=1970 + initiative.pk % 30,
                         workplace=initiative.organisation.name[:300], job_title="Cán bộ kỹ thuật",
                         share_percent=Decimal(share))
        for initiative in initiatives for name, share in (("Nguyễn Văn An", 60), ("Trần Thị Bình", 40))
    ])


def _nominations() -> None:
    """Each unit of each year's plan nominates three provincial initiatives it has not nominated that year."""
    from initiatives.models import Initiative, ReplicationNomination
    from initiatives.selectors import plan_units
    from initiatives.models import ReplicationPlan
    from initiatives.workflow import InitiativeStatus, NominationStatus

    nominations = []
    for plan in ReplicationPlan.objects.select_related("territory").order_by("year"):
        units = [unit for unit in plan_units(plan) if unit.kind != "department"]
        done = {(initiative_id, unit_id) for initiative_id, unit_id in ReplicationNomination.objects.filter(
            year=plan.year).values_list("initiative_id", "unit_id")}
        recognised = list(Initiative.objects.filter(status=InitiativeStatus.RECOGNISED_PROVINCIAL,
                                                    provincial_recognised_on__lt=dt.date(plan.year, 3, 1))
                          .order_by("pk").values_list("pk", flat=True)[: 3 * len(units) + 3])
        if not recognised:
            continue
        for index, unit in enumerate(units):
            chosen = [recognised[(index * 3 + offset) % len(recognised)] for offset in range(3)]
            for initiative_id in dict.fromkeys(chosen):
                if (initiative_id, unit.pk) not in done:
                    nominations.append(ReplicationNomination(
                        initiative_id=initiative_id, unit=unit, year=plan.year,
                        nominated_on=dt.date(plan.year, 3, 15), status=NominationStatus.REPLICATING))
    _bulk(ReplicationNomination, nominations)
