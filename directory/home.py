"""The directory's own items for the home page."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from directory import access
from directory.attention import AttentionItem, register
from directory.models import Organisation, Role, RoleAssignment, User
from directory.selectors import successors_in_force


@register
def directory_attention(user) -> list[AttentionItem]:
    today = timezone.localdate()
    items: list[AttentionItem] = []
    if not access.has_any_role(user):
        items.append(AttentionItem(
            title=_("Tài khoản chưa được phân quyền"),
            detail=_("Hãy liên hệ quản trị hệ thống để được giao vai trò."),
            level="warning",
        ))
    unit = access.unit_scope(user)
    if unit is not None and not unit.is_in_force(today):
        successors = ", ".join(successor.name for successor in successors_in_force(unit=unit, on=today))
        items.append(AttentionItem(
            title=_("Đơn vị phụ trách của bạn đã hết hiệu lực"),
            detail=_("%(unit)s hết hiệu lực sau ngày %(date)s; các đơn vị kế thừa: %(successors)s. Hãy đề nghị "
                     "quản trị hệ thống gắn tài khoản với đơn vị mới.")
            % {"unit": unit.name, "date": unit.valid_to.strftime("%d/%m/%Y"), "successors": successors or "—"},
            level="warning",
        ))
    if access.is_administrator(user):
        users_changelist = reverse("admin:directory_user_changelist")
        without_role = (
            User.objects.filter(is_active=True, roles__isnull=True).exclude(is_superuser=True).count()
        )
        if without_role:
            items.append(AttentionItem(
                title=_("Người dùng chưa có vai trò"), count=without_role,
                url=users_changelist + "?is_active__exact=1&roles__role__isnull=True", level="warning",
            ))
        # After 1 July 2025 every district-level unit ended: their officers need a unit in force.
        stale = RoleAssignment.objects.filter(role=Role.DISTRICT_OFFICER, unit__valid_to__lt=today).count()
        if stale:
            items.append(AttentionItem(
                title=_("Cán bộ gắn với đơn vị đã hết hiệu lực"), count=stale,
                url=reverse("reorganisation"), level="warning",
            ))
    if (access.is_administrator(user) or access.is_ip_officer(user)) and not access.is_read_only(user):
        unplaced = Organisation.objects.filter(ended_on__isnull=True, unit__valid_to__lt=today).count()
        if unplaced:
            items.append(AttentionItem(
                title=_("Tổ chức thuộc đơn vị đã hết hiệu lực, chưa chuyển sang đơn vị kế thừa"), count=unplaced,
                url=reverse("reorganisation"), level="warning",
            ))
    return items
