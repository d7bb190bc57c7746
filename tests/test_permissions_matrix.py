"""Every role × every URL of the app × own unit / sibling unit / unit above / a foreign unit.

The URLs are read from the resolver, so a URL added tomorrow is in the matrix without touching
this file (unless it takes a kind of argument not taught here: then this test says which).
Whatever the code, a page must not show anything of a unit the user may not see; an object
outside the user's scope answers 404 (405 to the method a view does not serve, which it refuses
before any lookup); an anonymous visitor is sent to the login page. Inside the scope, this issue's
views answer the exact codes of `_exact`; other views may answer 200, 302, 400, 403 or a 404 of
their own (a month page of a plan not yet issued), but never 500.
"""
import datetime
import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from members.models import Position, Role
from plans.documents.batch import BatchPrint
from plans.models import AnnualPlan
from plans.months.reports import MonthlyReport
from tests.factories import (
    ActivityFactory, FederationFactory, MemberFactory, PlanFactory, RoleFactory, SectionFactory, TargetFactory, UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PUBLIC = {"login", "logout", "healthz", "verify_upload"}  # reachable by anyone by design
ROLES = ["staff", "chair", "executive", "member", "outsider", "anonymous"]
TARGETS = ["own-draft", "own-issued", "sibling", "above", "foreign"]
# Words that appear only in one unit's things (its plans, members, month rows), and in its name.
TOKENS = {"own": "Hoa Sen", "own-draft": "Mộc Lan", "sibling": "Cẩm Chướng", "above": "Đỗ Quyên", "foreign": "Tường Vi"}
NAMES = {"own": "Bình Minh", "sibling": "Rạng Đông", "foreign": "Hoàng Hôn"}
# Pages where other units' names are shown on purpose: unit names are public knowledge, and a
# chair transferring a member picks the receiving union from all of them (members.forms).
NAMES_PUBLIC = {"members:member_transfer"}
UNIT_OF = {"own-draft": "own", "own-issued": "own", "sibling": "sibling", "above": "above", "foreign": "foreign"}
SEES_UNITS = {"staff": {"own", "sibling", "above"}, "chair": {"own"}, "executive": {"own"}, "member": {"own"}, "outsider": {"sibling"}}
SEES_PLANS = {
    "staff": {"own-draft", "own-issued", "sibling", "above"}, "chair": {"own-draft", "own-issued"},
    "executive": {"own-draft", "own-issued"}, "member": {"own-issued"}, "outsider": {"sibling"},
}


def _routes(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":  # the admin keeps its own is_staff gate and permissions
                continue
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name and pattern.name not in PUBLIC:
            yield prefix + str(pattern.pattern), namespace + pattern.name


ROUTES = sorted(set(_routes(get_resolver().url_patterns)))
ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")


PLAIN_VALUES = {"month": 1, "index": 0, "action": "xoa"}  # arguments that name no object
OBJECT_ARGUMENTS = {
    "unit_pk": "unit", "superior_pk": "unit", "row_pk": "activity", "target_pk": "target", "section_pk": "section",
}
PK_AFTER = (
    ("plans/", "plan"), ("bao-cao/", "report"), ("doan-vien/", "member"), ("chuc-vu/", "position"), ("tai-khoan/", "user"),
    ("don-vi/", "unit"), ("in-hang-loat/", "batch"),
)
PLAN_PARTS = {"plan", "activity", "target", "section", "report", "batch"}  # seen exactly when their plan is


def _kind(route, name):
    """Which fixture object an URL argument names, judged by its name and the path before it."""
    if name in OBJECT_ARGUMENTS:
        return OBJECT_ARGUMENTS[name]
    if name in PLAIN_VALUES:
        return "value"
    if name == "pk":
        before = route[: route.index("<int:pk>")]
        for ending, kind in PK_AFTER:
            if before.endswith(ending):
                return kind
    pytest.fail(f"The matrix does not know what <{name}> in {route!r} names: teach _kind() about it.")


def batch_of(plan):
    batch = BatchPrint.objects.create(requested_by=UserFactory(), kind=BatchPrint.Kind.PDF, total=1)
    batch.items.create(plan=plan, order=1, unit_name=plan.unit.name)
    return batch


@pytest.fixture
def world():
    federation = FederationFactory(name="Liên đoàn Lao động huyện Phú Lộc")
    units = {
        "own": UnitFactory(superior=federation, name="Công đoàn Trường Bình Minh"),
        "sibling": UnitFactory(superior=federation, name="Công đoàn Trường Rạng Đông"),
        "above": federation,
        "foreign": UnitFactory(superior=FederationFactory(), name="Công đoàn Trường Hoàng Hôn"),
    }
    people = {role: UserFactory(password=None, username=f"u-{role}") for role in ROLES if role != "anonymous"}
    for role, unit_key, kind in [("staff", "above", "staff"), ("chair", "own", "chair"), ("executive", "own", "executive"),
                                 ("member", "own", "member"), ("outsider", "sibling", "chair")]:
        RoleFactory(user=people[role], unit=units[unit_key], kind=kind)
    accounts = {"own": people["member"], "sibling": people["outsider"]}
    for key in ("above", "foreign"):
        accounts[key] = RoleFactory(unit=units[key], kind=Role.Kind.CHAIR, user=UserFactory(password=None)).user
    targets = {}
    for target in TARGETS:
        unit_key = UNIT_OF[target]
        token = TOKENS[target] if target == "own-draft" else TOKENS[unit_key]
        status = AnnualPlan.Status.DRAFT if target == "own-draft" else AnnualPlan.Status.ISSUED
        plan = PlanFactory(unit=units[unit_key], title=f"Kế hoạch {token}", status=status)
        member = MemberFactory(unit=units[unit_key], full_name=f"Trần Thị {TOKENS[unit_key]} {target}")
        targets[target] = {
            "unit": units[unit_key], "plan": plan, "user": accounts[unit_key],
            "activity": ActivityFactory(plan=plan, content=f"Hội thi {token}"),
            "member": member,
            "position": Position.objects.create(
                member=member, unit=units[unit_key], kind=Position.Kind.EXECUTIVE, term="2023-2028", since=datetime.date(2023, 6, 1),
            ),
            "target": TargetFactory(plan=plan, text=f"Chỉ tiêu {token}"),
            "section": SectionFactory(plan=plan, title=f"Mục {token}"),
            "report": MonthlyReport.objects.create(plan=plan, unit=plan.unit, month_index=1, title=f"Báo cáo {token}"),
            # Asked for by someone else, so only the scope over its plan lets a role see it.
            "batch": batch_of(plan),
        }
    return people, targets


def _visible(role, kind, target):
    if kind == "value":
        return True
    if kind in PLAN_PARTS:
        return target in SEES_PLANS[role]
    return UNIT_OF[target] in SEES_UNITS[role]


def _hidden_tokens(role, route_name):
    if role == "anonymous":
        return list(TOKENS.values()) + list(NAMES.values())
    seen_units = SEES_UNITS[role]
    hidden = [TOKENS[key] for key in ("own", "sibling", "above", "foreign") if key not in seen_units]
    if route_name not in NAMES_PUBLIC:
        hidden += [NAMES[key] for key in NAMES if key not in seen_units]
    if "own-draft" not in SEES_PLANS[role]:
        hidden.append(TOKENS["own-draft"])
    return hidden


def _exact(name, method, role, target):
    """The codes this issue's own views must answer to a user inside the object's scope."""
    if name == "reset_password":
        return 200 if role == "staff" and target in ("own-draft", "own-issued", "sibling") else 403
    if name == "plan_status":
        return 200 if method == "GET" else 405
    if name == "plan_history":
        return 405 if method == "POST" else (403 if role == "member" else 200)
    if name == "plan_revise":
        if method == "GET":
            return 405
        # An empty POST from the chair of an issued plan (the outsider chairs the sibling union) reaches
        # the form, which asks for a choice: 400.
        return 400 if (role, target) in {("chair", "own-issued"), ("outsider", "sibling")} else 403
    if name == "members:signing_credential":
        chair = (role, target) in {("chair", "own-draft"), ("outsider", "sibling")}
        if method == "POST":  # an empty first upload: the form asks for the files
            return 400 if chair else 403
        return 200 if chair or (role == "staff" and target != "above") else 403
    if name in {"plan_verify", "verify_upload"}:
        return 200 if method == "GET" else (405 if name == "plan_verify" else 400)
    steps = {"plan_submit", "plan_return", "plan_approve", "plan_issue"}
    if name in steps:
        if method == "GET":
            return 405
        return 302 if (name, role, target) == ("plan_submit", "chair", "own-draft") else 403
    return None


def _request(client, method, url):
    """One request whose changes are rolled back, so each cell of the matrix starts alike."""
    with transaction.atomic():
        response = getattr(client, method.lower())(url)
        transaction.set_rollback(True)
    return response


def _cases(route, targets):
    arguments = ARGUMENT.findall(route)
    if not arguments:
        yield None, {}, True
        return
    seen = set()
    for target in TARGETS:
        kinds = {name: _kind(route, name) for _converter, name in arguments}
        kwargs = {
            name: PLAIN_VALUES[name] if kind == "value" else targets[target][kind].pk for name, kind in kinds.items()
        }
        if tuple(sorted(kwargs.items())) in seen:
            continue
        seen.add(tuple(sorted(kwargs.items())))
        yield target, kwargs, kinds


@pytest.fixture
def clients(world):
    people, _ = world
    out = {"anonymous": Client()}
    for role, user in people.items():
        out[role] = Client()
        out[role].force_login(user)
    return out


def _check(response, where, role, name, expected_scope, expected):
    assert response.status_code < 500, where
    body = response.content.decode(errors="replace").lower() + response.get("Location", "").lower()
    for token in _hidden_tokens(role, name):
        assert token.lower() not in body, f"{where}: “{token}” leaked"
    if role == "anonymous":
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"], where
    elif expected_scope:
        assert expected is None or response.status_code == expected, f"{where}: {response.status_code} != {expected}"
    else:
        assert response.status_code in (404, 405), f"{where}: {response.status_code}, expected 404"


@pytest.mark.parametrize("route,name", ROUTES, ids=[name for _route, name in ROUTES])
def test_every_role_on_every_url(clients, world, route, name):
    _people, targets = world
    for index, (target, kwargs, kinds) in enumerate(_cases(route, targets)):
        url = reverse(name, kwargs=kwargs)
        # An anonymous visitor never reaches a lookup: one target tells all.
        for role in ROLES if index == 0 else ROLES[:-1]:
            in_scope = role != "anonymous" and (kinds is True or all(_visible(role, k, target) for k in kinds.values()))
            codes = []
            for method in ("GET", "POST"):
                response = _request(clients[role], method, url)
                codes.append(response.status_code)
                _check(response, f"{method} {url} as {role} on {target}", role, name, in_scope, _exact(name, method, role, target))
            if role != "anonymous" and not in_scope:
                assert 404 in codes, f"{url} as {role} on {target}: {codes}, expected a 404"
