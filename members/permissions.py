"""The decorators by which the members app's views declare their permission (unionplans.permissions):
each finds its object in the user's scope (members.scope) and checks the declared rule."""
from django.contrib.auth import get_user_model
from django.db.models import Q

from members.models import Member
from members.scope import get_unit_for_user, units_for_user
from unionplans.permissions import get_or_404, object_view


def get_member_for_user(user, pk):
    return get_or_404(Member.objects.select_related("unit").filter(unit__in=units_for_user(user)), "Không tìm thấy đoàn viên.", pk=pk)


def get_account_for_user(user, pk):
    """An account holding a role (or a member record) in a unit the user sees; 404 otherwise."""
    units = units_for_user(user).values("pk")
    accounts = get_user_model().objects.filter(Q(roles__unit_id__in=units) | Q(member__unit_id__in=units)).distinct()
    return get_or_404(accounts, "Không tìm thấy tài khoản.", pk=pk)


unit_view = object_view("unit", get_unit_for_user, arguments=("pk", "unit_pk", "superior_pk"))
member_view = object_view("member", get_member_for_user)
account_view = object_view("account", get_account_for_user)
