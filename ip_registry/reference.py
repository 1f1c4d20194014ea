"""Reference data the registry needs to work: the statutory deadline rules and the directive's targets.

Created after every ``migrate`` (and every test-database flush), and after the units are loaded, through
the services, so the rows have their history like any other. Only missing rows are created: a rule an
officer changed in the admin is never put back (a target gets its territory once, when the units exist).
"""

import datetime as dt

from directory.models import AdministrativeUnit
from ip_registry.models import DeadlineRule, Target, TargetIndicator
from ip_registry.workflow import DEFAULT_DEADLINE_RULES, ApplicationKind

DIRECTIVE_01 = "Chỉ thị số 01/CT-UBND ngày 21/01/2021 của UBND tỉnh Bắc Giang"
DIRECTIVE_TARGETS = [
    (TargetIndicator.GI_IN_FORCE, 4),
    (TargetIndicator.CERTIFICATION_MARKS_IN_FORCE, 8),
    (TargetIndicator.COLLECTIVE_MARKS_IN_FORCE, 80),
    (TargetIndicator.APPLICATIONS_GROWTH, 5),
]
DIRECTIVE_DUE = dt.date(2025, 12, 31)
DIRECTIVE_TERRITORY = "bg"


def ensure_reference_data() -> None:
    from audit import acting_as
    from ip_registry import services

    with acting_as(None, reason="Khởi tạo dữ liệu tham chiếu theo quy định"):
        for deadline, opened_by, asset_kinds, months, days, party, basis in DEFAULT_DEADLINE_RULES:
            for asset_kind in asset_kinds or ("",):
                if DeadlineRule.objects.filter(
                    deadline=deadline, opened_by=opened_by, application_kind=ApplicationKind.REGISTRATION,
                    asset_kind=asset_kind,
                ).exists():
                    continue
                services.deadline_rule_create(
                    actor=None, deadline=deadline, opened_by=opened_by, asset_kind=asset_kind, months=months,
                    days=days, party=party, legal_basis=basis,
                )
        # The directive's territory is former Bắc Giang, once the units are loaded.
        territory = AdministrativeUnit.objects.filter(code=DIRECTIVE_TERRITORY).first()
        for indicator, value in DIRECTIVE_TARGETS:
            target = Target.objects.filter(indicator=indicator, due_date=DIRECTIVE_DUE).first()
            if target is None or (target.territory_id is None and territory is not None
                                  and not target.history.filter(territory__isnull=False).exists()):
                services.target_upsert(actor=None, indicator=indicator, due_date=DIRECTIVE_DUE,
                                       value=target.value if target else value,
                                       legal_basis=target.legal_basis if target else DIRECTIVE_01, territory=territory)
