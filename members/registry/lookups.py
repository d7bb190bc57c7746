"""Members by id, built on members.scope: 404 outside the user's units, 403 inside them when
the role lacks the permission (units: members.scope.get_unit_for_user)."""
from django.core.exceptions import PermissionDenied
from django.http import Http404

from members.models import Member
from members.scope import units_for_user


def get_member_for_user(user, pk, perm="members.view_unit"):
    try:
        member = Member.objects.select_related("unit").get(pk=pk, unit__in=units_for_user(user))
    except Member.DoesNotExist:
        raise Http404("Không tìm thấy đoàn viên.") from None
    if not user.has_perm(perm, member.unit):
        raise PermissionDenied
    return member

