"""Every URL × role × the object's unit (own, sibling, parent, foreign) × plan status, GET and POST.

The URLs and what each view declares (its object kind, methods and permission per method) are read
from the resolver (unionplans.permissions), so a view added tomorrow is in the matrix. The answer
each cell must give is derived from that declaration and from SPEC below, an independent table of
who may do what written from the README, and asserted exactly: the login page for an anonymous
visitor, 405 for a method the view does not serve, 404 outside the user's scope, 403 inside it
without the right, and with it 2xx/3xx (or 400, a form that refused the empty POST).
"""
import datetime
import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from members.models import Role
from plans.documents.batch import BatchPrint
from plans.months.reports import MonthlyReport
from plans.rating.models import Rating, Score
from tests.factories import (
    FederationFactory,
    FilledPlanFactory,
    MemberFactory,
    RoleFactory,
    UnionFactory,
    UnitFactory,
    UserFactory,
    person,
)
from unionplans.audit.models import AuditEntry, record

pytestmark = pytest.mark.django_db

PUBLIC = {"login", "logout", "healthz", "verify_upload"}  # reachable by anyone by design
# "dual" chairs the sibling union and is staff of the federation above both unions.
ROLES = ["staff", "chair", "executive", "member", "outsider", "dual", "superuser", "anonymous"]
RELATIONS = ["own", "sibling", "parent", "foreign"]
STATUSES = ["draft", "submitted", "approved", "issued"]
TOKEN = {"own": "Hoa Sen", "sibling": "Cẩm Chướng", "parent": "Đỗ Quyên", "foreign": "Tường Vi"}


# Who sees what (the scope), and who may do what inside it: written from the README, not from the code.
def sees_unit(role, rel):
    return role == "superuser" or rel in {
        "staff": {"own", "sibling", "parent"}, "dual": {"own", "sibling", "parent"},
        "chair": {"own"}, "executive": {"own"}, "member": {"own"},
    }.get(role, set())


def sees_plan(role, rel, status):
    if role == "member":
        return rel == "own" and status == "issued"
    return sees_unit(role, rel)


def _unit(rel):
    return "own" if rel == "self" else rel  # the plain member's own record is one of the own union's


def chair(role, rel):
    return (role, _unit(rel)) in {("chair", "own"), ("dual", "sibling")}


def bch(role, rel):
    return chair(role, rel) or (role, _unit(rel)) == ("executive", "own")


def staff_over(role, rel):
    return role in ("staff", "dual") and _unit(rel) in ("own", "sibling", "parent")


def reviewer(role, rel):
    return role in ("staff", "dual") and _unit(rel) in ("own", "sibling")


def wrote(role, rel):
    """The chair drafted and submitted the own union's plans, "dual" the sibling's."""
    return chair(role, rel)


SU = "superuser"
SPEC = {
    None: lambda r, rel, s: True,
    "plans.view_plan": lambda r, rel, s: True,
    "plans.change_plan": lambda r, rel, s: s == "draft" and (chair(r, rel) or r == SU),
    "plans.submit_plan": lambda r, rel, s: s == "draft" and (chair(r, rel) or r == SU),
    # Who takes a step whatever the status: a step the status no longer allows is then told so (302).
    "plans.write_plan": lambda r, rel, s: chair(r, rel) or r == SU,
    "plans.review_plan": lambda r, rel, s: not wrote(r, rel) and (reviewer(r, rel) or r == SU),
    "plans.withdraw_plan": lambda r, rel, s: s == "submitted" and (chair(r, rel) or r == SU),
    "plans.return_plan": lambda r, rel, s: s in ("submitted", "approved") and not wrote(r, rel) and (reviewer(r, rel) or r == SU),
    "plans.approve_plan": lambda r, rel, s: s == "submitted" and not wrote(r, rel) and (reviewer(r, rel) or r == SU),
    "plans.issue_plan": lambda r, rel, s: s == "approved" and (chair(r, rel) or r == SU),
    "plans.revise_plan": lambda r, rel, s: s == "issued" and (chair(r, rel) or r == SU),
    "plans.update_months": lambda r, rel, s: s == "issued" and (bch(r, rel) or r == SU),
    "plans.comment_plan": lambda r, rel, s: staff_over(r, rel) or r == SU,
    "plans.view_history": lambda r, rel, s: bch(r, rel) or staff_over(r, rel) or r == SU,
    "plans.view_comments": lambda r, rel, s: bch(r, rel) or staff_over(r, rel) or r == SU,
    "plans.resolve_comment": lambda r, rel, s: chair(r, rel) or staff_over(r, rel) or r == SU,
    "plans.draft_report": lambda r, rel, s: s == "issued" and (chair(r, rel) or r == SU),
    "plans.review_targets": lambda r, rel, s: s == "issued" and (chair(r, rel) or r == SU),
    # The year-end report and next year's plan start from a plan approved or issued, by its chair.
    "plans.draft_yearend": lambda r, rel, s: s in ("approved", "issued") and (chair(r, rel) or r == SU),
    "plans.plan_next_year": lambda r, rel, s: s in ("approved", "issued") and (chair(r, rel) or r == SU),
    "plans.start_plan": lambda r, rel, s: chair(r, rel) or r == SU,
    # Only a federation has units below it to set deadlines for: of the four units, the parent.
    "plans.set_deadlines": lambda r, rel, s: rel == "parent" and (staff_over(r, rel) or r == SU),
    # On a report, `s` is the report's own status (draft or issued).
    "plans.view_report": lambda r, rel, s: s == "issued" or bch(r, rel) or staff_over(r, rel) or r == SU,
    "plans.change_report": lambda r, rel, s: s == "draft" and (chair(r, rel) or r == SU),
    "plans.issue_report": lambda r, rel, s: s == "draft" and (chair(r, rel) or r == SU),
    "plans.view_batch": lambda r, rel, s: True,
    "plans.view_overview": lambda r, rel, s: r in ("staff", "dual", SU),
    "members.view_unit": lambda r, rel, s: True,
    "members.view_records": lambda r, rel, s: bch(r, rel) or staff_over(r, rel) or r == SU,
    # On a member, rel "self" is the plain member's own record.
    "members.view_member": lambda r, rel, s: (r, rel) == ("member", "self") or bch(r, rel) or staff_over(r, rel) or r == SU,
    "members.manage_members": lambda r, rel, s: chair(r, rel) or r == SU,
    "members.change_member": lambda r, rel, s: chair(r, rel) or r == SU,
    "members.search_members": lambda r, rel, s: r not in ("member", "outsider"),
    "members.manage_units": lambda r, rel, s: staff_over(r, rel) or r == SU,
    "members.change_unit": lambda r, rel, s: reviewer(r, rel) or r == SU,
    "members.reset_password": lambda r, rel, s: reviewer(r, rel) or r == SU,
    "members.view_signing": lambda r, rel, s: chair(r, rel) or reviewer(r, rel) or r == SU,
    "members.manage_signing": lambda r, rel, s: chair(r, rel) or r == SU,
    # The rating (plans.rating): a federation's tables (only "parent" is a federation of the four units),
    # a union's ratings; on a rating, `s` is its status (draft, submitted, confirmed).
    "rating.manage_criteria": lambda r, rel, s: rel == "parent" and (staff_over(r, rel) or r == SU),
    "rating.change_criteria": lambda r, rel, s: staff_over(r, rel) or r == SU,
    "rating.view_ratings": lambda r, rel, s: rel != "parent" and (bch(r, rel) or staff_over(r, rel) or r == SU),
    "rating.start_rating": lambda r, rel, s: rel != "parent" and (bch(r, rel) or r == SU),
    "rating.view_rating": lambda r, rel, s: bch(r, rel) or staff_over(r, rel) or r == SU,
    "rating.self_score": lambda r, rel, s: s == "draft" and (bch(r, rel) or r == SU),
    "rating.submit_rating": lambda r, rel, s: s == "draft" and (chair(r, rel) or r == SU),
    # Whoever scored the rating never confirms it: "dual" scored the sibling's.
    "rating.confirm_rating": lambda r, rel, s: s == "submitted" and not wrote(r, rel) and (reviewer(r, rel) or r == SU),
}


def _routes(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":  # the admin keeps its own is_staff gate and permissions
                continue
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name and pattern.name not in PUBLIC:
            yield prefix + str(pattern.pattern), namespace + pattern.name, pattern.callback


ROUTES = sorted(_routes(get_resolver().url_patterns), key=lambda route: route[1])
KINDS = ["page", "plan", "report", "batch", "unit", "member", "account", "criteria", "rating"]
ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")
PLAIN = {"month": 1, "index": 0, "action": "up"}
PART = {"row_pk": "activity", "section_pk": "section", "target_pk": "target"}


def test_every_view_declares_its_permission():
    undeclared = [name for _route, name, view in ROUTES if not hasattr(view, "permissions")]
    assert not undeclared, f"views without a declared permission: {undeclared}"
    unknown = {perm for _r, _n, view in ROUTES for perm in view.permissions.values()} - set(SPEC)
    assert not unknown, f"permissions SPEC does not say who holds: {unknown}"
    assert {view.object_kind for _r, _n, view in ROUTES} <= set(KINDS)


def _world():
    parent = FederationFactory(name=f"Liên đoàn Lao động huyện {TOKEN['parent']}")
    units = {
        "own": UnitFactory(superior=parent, name=f"Công đoàn Trường {TOKEN['own']}"),
        "sibling": UnitFactory(superior=parent, name=f"Công đoàn Trường {TOKEN['sibling']}"),
        "parent": parent,
        "foreign": UnionFactory(name=f"Công đoàn Trường {TOKEN['foreign']}"),
    }
    people = {role: UserFactory(password=None, username=f"u-{role}") for role in ROLES if role != "anonymous"}
    people["superuser"].is_superuser = people["superuser"].is_staff = True
    people["superuser"].save()
    for role, rel, kind in [("staff", "parent", "staff"), ("chair", "own", "chair"), ("executive", "own", "executive"),
                            ("member", "own", "member"), ("dual", "sibling", "chair"), ("dual", "parent", "staff")]:
        RoleFactory(user=people[role], unit=units[rel], kind=kind)
    own_record = MemberFactory(unit=units["own"], user=people["member"], full_name=f"Lê Văn {TOKEN['own']}")
    objects = {kind: [] for kind in KINDS}
    objects["page"].append(("-", "-", None))
    requester = UserFactory(password=None)
    for rel, unit in units.items():
        objects["unit"].append((rel, "-", unit))
        objects["member"].append((rel, "-", MemberFactory(unit=unit, full_name=f"Trần Thị {TOKEN[rel]}")))
        account = people["member"] if rel == "own" else person(unit, Role.Kind.MEMBER)
        objects["account"].append((rel, "-", account))
        author = people["chair"] if rel == "own" else people["dual"] if rel == "sibling" else None
        for status in STATUSES:
            plan = FilledPlanFactory(unit=unit, title=f"Kế hoạch {TOKEN[rel]}", status=status,
                                     date=datetime.date(2025, 1, 5) if status == "issued" else None,
                                     activity__content=f"Hội thi {TOKEN[rel]}", section__title=f"Mục {TOKEN[rel]}",
                                     target__text=f"Chỉ tiêu {TOKEN[rel]}")
            if author:
                record(author, plan, AuditEntry.Action.CREATE, None, {"title": plan.title})
                if status != "draft":
                    record(author, plan, AuditEntry.Action.SUBMIT)
            objects["plan"].append((rel, status, plan))
            batch = BatchPrint.objects.create(requested_by=requester, kind=BatchPrint.Kind.PDF, total=1)
            batch.items.create(plan=plan, order=1, unit_name=unit.name)
            objects["batch"].append((rel, status, batch))
            if status == "issued":
                for index, report_status in enumerate(MonthlyReport.Status.values):
                    report = MonthlyReport.objects.create(plan=plan, unit=unit, month_index=index, status=report_status,
                                                          title=f"Báo cáo {TOKEN[rel]}")
                    objects["report"].append((rel, report_status, report))
    objects["member"].append(("self", "-", own_record))
    _ratings(units, people, objects)
    return people, objects


def _ratings(units, people, objects):
    """The parent's and the foreign federation's criteria tables; a rating of each union in each status,
    scored by its chair (the own union's by "chair", the sibling's by "dual")."""
    from plans.rating import services as rating

    for rel in ("parent", "foreign"):
        federation = units[rel] if rel == "parent" else units[rel].superior
        objects["criteria"].append((rel, "-", rating.create_table(None, federation, 2025)))
    for rel in ("own", "sibling", "foreign"):
        author = {"own": people["chair"], "sibling": people["dual"]}.get(rel)
        for year, status in enumerate(Rating.Status.values, 2023):
            table = rating.table_for(units[rel], 2025)
            found = Rating.objects.create(unit=units[rel], table=table, year=year, status=status)
            score = Score.objects.create(rating=found, criterion=table.groups.first().criteria.first(), self_points=5)
            if author:
                record(author, score, AuditEntry.Action.UPDATE, {"self_points": None}, {"self_points": "5"})
            objects["rating"].append((rel, status, found))


def _in_scope(kind, role, rel, status, obj):
    if kind == "page":
        return True
    if kind in ("plan", "batch"):
        return sees_plan(role, rel, status)
    if kind == "report":
        return sees_plan(role, rel, "issued")
    if kind == "criteria":  # a federation's table: seen by whoever sees the federation
        return sees_unit(role, rel)
    return sees_unit(role, "own" if rel == "self" else rel)


def _kwargs(route, kind, obj):
    kwargs = {}
    for name in ARGUMENT.findall(route):
        if name in PLAIN:
            kwargs[name] = PLAIN[name]
        elif name in PART:
            kwargs[name] = getattr(obj, PART[name]).pk
        else:
            kwargs[name] = obj.pk
    return kwargs


def expected(view, method, role, kind, rel, status, obj):
    """The code (or "allowed") the SPEC gives this cell."""
    if role == "anonymous":
        return "login"
    if method not in view.permissions:
        return 405
    if not _in_scope(kind, role, rel, status, obj):
        return 404
    return "allowed" if SPEC[view.permissions[method]](role, rel, status) else 403


def _answer(response):
    code = response.status_code
    if code == 302 and "/dang-nhap/" in response["Location"]:
        return "login"
    if 200 <= code < 400 or code in (400, 422):  # a form that refused the empty POST is the view at work
        return "allowed"
    return code


def _request(client, method, url):
    """One request whose changes are rolled back, so each cell of the matrix starts alike."""
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url)
        transaction.set_rollback(True)
    return response


def _clients(people):
    clients = {"anonymous": Client()}
    for role, user in people.items():
        clients[role] = Client()
        clients[role].force_login(user)
    return clients


@pytest.fixture
def no_rendering(monkeypatch):
    """Who may fetch a PDF is the question here, not the PDF (tests/test_pdf_*): a stand-in renders
    in no time, so the matrix's thousands of requests stay fast."""
    def stand_in(data, revision="", *args):
        return b"%PDF-1.4 stand-in"
    for module in ("plans.documents.pdf", "plans.documents.pdf.serve", "plans.documents.pdf.pades", "plans.rating.views"):
        monkeypatch.setattr(f"{module}.render_pdf", stand_in)
    monkeypatch.setattr("plans.documents.pdf.serve.render_document", lambda data, revision="": "<p>bản in</p>")


@pytest.mark.parametrize("kind", KINDS)
def test_every_role_gets_exactly_what_the_spec_allows(kind, no_rendering):
    people, objects = _world()
    clients = _clients(people)
    wrong = []
    for route, name, view in ROUTES:
        if view.object_kind != kind:
            continue
        for index, (rel, status, obj) in enumerate(objects[kind]):
            url = reverse(name, kwargs=_kwargs(route, kind, obj))
            for role in ROLES if index == 0 else ROLES[:-1]:  # an anonymous visitor is turned away before any lookup
                for method in ("GET", "POST"):
                    want = expected(view, method, role, kind, rel, status, obj)
                    response = _request(clients[role], method, url)
                    got = _answer(response)
                    cell = f"{method} {name} as {role} on {rel}/{status}"
                    if got != want:
                        wrong.append(f"{cell}: {got}, expected {want}")
                    if want in (403, 404) and TOKEN.get(rel, "~") in response.content.decode(errors="replace"):
                        wrong.append(f"{cell}: “{TOKEN[rel]}” leaked")
    assert not wrong, f"{len(wrong)} cells differ from the spec:\n" + "\n".join(wrong[:80])
