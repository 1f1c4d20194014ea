"""Every move of every process has a button that says what the click does, not the status it leads to."""

import pytest

from initiatives.workflow import (
    INITIATIVE_MOVES,
    NOMINATION_ACTIONS,
    NOMINATION_MOVES,
    SITE_ACTIONS,
    SITE_MOVES,
    InitiativeStatus,
    NominationStatus,
    SiteStatus,
    initiative_action,
)
from ip_registry.workflow import REGISTRATION_MOVES, REQUEST_MOVES, ApplicationKind, ApplicationStatus, action_label


def moves(table):
    return [(from_status, to_status) for from_status, targets in table.items() for to_status in targets]


PROCESSES = [
    *[("registration", f, t, action_label(ApplicationKind.REGISTRATION, f, t), ApplicationStatus(t).label)
      for f, t in moves(REGISTRATION_MOVES)],
    *[("renewal", f, t, action_label(ApplicationKind.RENEWAL, f, t), ApplicationStatus(t).label)
      for f, t in moves(REQUEST_MOVES)],
    *[("initiative", f, t, initiative_action(f, t), InitiativeStatus(t).label) for f, t in moves(INITIATIVE_MOVES)],
    *[("nomination", f, t, NOMINATION_ACTIONS[t], NominationStatus(t).label) for f, t in moves(NOMINATION_MOVES)],
    *[("site", f, t, SITE_ACTIONS[t], SiteStatus(t).label) for f, t in moves(SITE_MOVES)],
]


@pytest.mark.parametrize(("process", "from_status", "to_status", "action", "status"), PROCESSES,
                         ids=lambda value: str(value))
def test_each_move_is_named_for_what_it_does(process, from_status, to_status, action, status):
    assert str(action).strip()
    assert str(action) != str(status)


def test_a_move_says_what_it_records_from_where_it_starts():
    S = ApplicationStatus
    assert action_label(ApplicationKind.REGISTRATION, S.ACCEPTED, S.PUBLISHED) == "Ghi nhận đã công bố đơn"
    assert action_label(ApplicationKind.REGISTRATION, S.INTENDED_GRANT, S.GRANTED) == "Ghi nhận cấp văn bằng"
    assert action_label(ApplicationKind.REGISTRATION, S.FORMALITY_DEFICIENT, S.REFUSED) \
        == "Ghi nhận từ chối chấp nhận đơn"
    assert action_label(ApplicationKind.REGISTRATION, S.INTENDED_REFUSAL, S.REFUSED) \
        == "Ghi nhận từ chối cấp văn bằng"
    assert action_label(ApplicationKind.RENEWAL, S.FILED, S.GRANTED) == "Ghi nhận chấp thuận yêu cầu"
    assert action_label(ApplicationKind.TRANSFER, S.PREPARING, S.WITHDRAWN) == "Rút đơn"
    R = InitiativeStatus
    assert initiative_action(R.UNDER_REVIEW, R.REFUSED) == "Từ chối công nhận"
    assert initiative_action(R.PROPOSED_NATIONAL, R.RECOGNISED_PROVINCIAL) \
        == "Không công nhận phạm vi ảnh hưởng toàn quốc"
    assert initiative_action(R.PROPOSED_PROVINCIAL, R.RECOGNISED_PROVINCIAL) == "Công nhận phạm vi ảnh hưởng cấp tỉnh"
