"""The plan's path: draft → submitted → returned (back to draft) or approved → issued.

Each step is one function that moves the plan from where the step starts, by one UPDATE conditional
on the status and the version the user's page read (_move), raises the version, and records the
step in the audit trail, all in one transaction. A step that comes too late (pressed twice, or
after someone else's step or save) is refused with the state the plan is in now. Who may take a
step is plans.rules' business; the views ask it before they call here.
"""
import hashlib

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from members.signing import lockout
from members.signing.credential import CredentialError, SigningCredential, WrongPassword
from plans import numbering
from plans.inbox import notices
from plans.models import AnnualPlan
from plans.planformat import dumps, export_plan, import_plan
from unionplans.audit.models import AuditEntry, record, snapshot

Status = AnnualPlan.Status
EDITABLE = (Status.DRAFT, Status.RETURNED)


class WorkflowError(Exception):
    """A step the plan's state does not allow; the message is shown to the user as it is."""


SUBMIT_FROM = EDITABLE
RETURN_FROM = (Status.SUBMITTED, Status.APPROVED)
APPROVE_FROM = (Status.SUBMITTED,)
ISSUE_FROM = (Status.APPROVED,)


def where_it_is(current):
    """What a user is told when the step they pressed is no longer the document's next one."""
    state = current.get_status_display() if current else "đã bị xóa"
    return (f"Văn bản đã thay đổi từ khi bạn mở trang này và hiện ở trạng thái “{state}”: bước bạn bấm "
            "không còn làm được (có thể đã được làm ở trang khác hoặc bởi người khác). Hãy xem lại trạng thái bên dưới.")


def _move(document, allowed_from, version, message, **changes):
    """Apply `changes` to the document's row only while it is still in `allowed_from` (and, when
    `version` is given, at the version the caller read), raising its version: one conditional
    UPDATE, so of a save and a step racing each other the one that comes second is refused instead
    of writing back a status it read before. Call inside a transaction; returns the row before."""
    model = type(document)
    rows = model.objects.filter(pk=document.pk, status__in=allowed_from)
    if version is not None:
        rows = rows.filter(version=version)
    if any(field.name == "version" for field in model._meta.concrete_fields):
        changes["version"] = F("version") + 1
    before = rows.first()
    if before is None or not rows.update(**changes, updated_at=timezone.now()):
        current = model.objects.filter(pk=document.pk).first()
        moved = current is None or current.status != document.status or (version is not None and current.version != version)
        raise WorkflowError(where_it_is(current) if moved else message)
    return before


def _step(actor, plan, allowed_from, to, action, version, comment="", message=""):
    with transaction.atomic():
        before = _move(plan, allowed_from, version, message, status=to)
        current = AnnualPlan.objects.get(pk=plan.pk)
        record(actor, current, action, snapshot(before), snapshot(current), comment)
        notices.after_commit(current, action)
    return current


def submit(actor, plan, version=None):
    return _step(actor, plan, SUBMIT_FROM, Status.SUBMITTED, AuditEntry.Action.SUBMIT, version,
                 message="Chỉ gửi được kế hoạch đang soạn hoặc đã được trả lại để sửa.")


def withdraw(actor, plan, version=None):
    """The chair takes a plan sent up back to draft, while the federation has not acted on it."""
    return _step(actor, plan, (Status.SUBMITTED,), Status.DRAFT, AuditEntry.Action.WITHDRAW, version,
                 message="Chỉ rút lại được kế hoạch đã gửi mà cấp trên chưa duyệt hoặc trả lại.")


def return_for_revision(actor, plan, comment, version=None):
    if not comment.strip():
        raise WorkflowError("Hãy ghi rõ những điểm cần sửa khi trả lại kế hoạch.")
    return _step(actor, plan, RETURN_FROM, Status.RETURNED, AuditEntry.Action.RETURN, version, comment,
                 message="Chỉ trả lại được kế hoạch đã gửi hoặc đã duyệt mà chưa ban hành.")


def approve(actor, plan, comment="", version=None):
    return _step(actor, plan, APPROVE_FROM, Status.APPROVED, AuditEntry.Action.APPROVE, version, comment,
                 message="Chỉ duyệt được kế hoạch đã gửi cấp trên.")


def render_snapshot_pdf(data, revision=""):
    """The PDF of the frozen data, printed by the one renderer."""
    from plans.documents.pdf import render_pdf

    return render_pdf(data, revision)


def _revision_line(document):
    if getattr(document, "replaces", None) is None:
        return ""
    from plans.documents.pdf.serve import revision_line

    return revision_line(document)


def _issued_pdf(document, data, signing_password):
    """Signed (PAdES, signature and seal in the page) when the unit has a signing credential, with
    the certificate's password the signer gives now; a wrong or missing one issues nothing."""
    revision = _revision_line(document)
    credential = SigningCredential.for_unit(document.unit_id)
    from plans.documents.pdf import RenderError
    from plans.documents.pdf.pades import SigningError, signed_pdf

    try:
        if credential is None:
            return render_snapshot_pdf(data, revision)
        return signed_pdf(data, revision, credential, signing_password)
    except WrongPassword:
        raise  # counted by issue_document once the step is rolled back
    except (RenderError, SigningError, CredentialError) as exc:
        raise WorkflowError(str(exc)) from exc


def freeze(plan, export=export_plan, signing_password=""):
    """Store the document as it stands (number and date already set) as its issued snapshot;
    `export` gives its format data (a plan's by default)."""
    data = export(plan)
    plan.snapshot = dumps(data)
    plan.snapshot_pdf = _issued_pdf(plan, data, signing_password)
    plan.snapshot_sha256 = hashlib.sha256(bytes(plan.snapshot_pdf) or plan.snapshot.encode()).hexdigest()
    plan.issued_at = plan.issued_at or timezone.now()
    plan.save(update_fields=["snapshot", "snapshot_pdf", "snapshot_sha256", "issued_at"])
    return plan


def issue(actor, plan, version=None, signing_password=""):
    return issue_document(actor, plan, plan.doc_type, export_plan, ISSUE_FROM,
                          "Chỉ ban hành được văn bản đã được cấp trên duyệt.",
                          version, signing_password)


def issue_document(actor, document, doc_type, export, allowed_from, message, version=None, signing_password=""):
    """Number, date and freeze any document with unit, number, date, status, issued_at and
    snapshot fields (a plan, a monthly report), in `doc_type`'s own number series. The document
    moves to issued first, by _move's conditional UPDATE, which holds its row to the end; the number
    is then taken under the counter's row lock, so two chairs pressing the button together get 01
    and 02, never the same or a gap. A render or signature that fails undoes it all; a wrong
    certificate password is then counted, and a certificate locked by too many is not tried."""
    credential = SigningCredential.for_unit(document.unit_id)
    try:
        if credential is not None:
            lockout.refuse_if_locked(credential)
        current = _issue(actor, document, doc_type, export, allowed_from, message, version, signing_password)
    except lockout.SigningLocked as exc:
        raise WorkflowError(str(exc)) from exc
    except WrongPassword as exc:
        raise WorkflowError(lockout.wrong_password(actor, credential)) from exc
    if credential is not None:
        lockout.right_password(credential)
    return current


def _issue(actor, document, doc_type, export, allowed_from, message, version, signing_password):
    model = type(document)
    with transaction.atomic():
        before = _move(document, allowed_from, version, message, status=model.Status.ISSUED)
        current = model.objects.select_related("unit").get(pk=document.pk)
        today = timezone.localdate()
        taken = model.objects.filter(unit_id=current.unit_id, number__isnull=False, date__year=today.year)
        if hasattr(current, "doc_type"):  # a plan's table holds year-end reports too, each type its own series
            taken = taken.filter(doc_type=doc_type)
        current.number = numbering.next_number(current.unit, doc_type, today.year, taken)
        current.date = today
        current.issued_at = timezone.now()
        current.save(update_fields=["number", "date", "issued_at"])
        freeze(current, export, signing_password)
        record(actor, current, AuditEntry.Action.ISSUE, snapshot(before), snapshot(current))
        notices.after_commit(current, AuditEntry.Action.ISSUE)
    return current


def new_version(actor, plan, revision):
    """A draft điều chỉnh / bổ sung of an issued plan: its copy, pointing to the plan it replaces."""
    if not plan.is_issued:
        raise WorkflowError("Chỉ điều chỉnh, bổ sung được kế hoạch đã ban hành.")
    if revision not in AnnualPlan.Revision.values:
        raise WorkflowError("Hãy chọn điều chỉnh hoặc bổ sung.")
    data = {**export_plan(plan), "number": None, "date": None}
    with transaction.atomic():
        draft = import_plan(data, plan.unit)
        draft.replaces = plan
        draft.revision = revision
        draft.source_plan = plan.source_plan  # a year-end report's correction reports on the same plan
        draft.save(update_fields=["replaces", "revision", "source_plan"])
        record(actor, draft, AuditEntry.Action.NEW_VERSION, None, snapshot(draft))
    return draft
