"""The plan's path: draft → submitted → returned (back to draft) or approved → issued.

Each step is one function that checks the plan is where the step starts, changes it, and records
it in the audit trail, all in one transaction. Who may take a step is plans.rules' business; the
views ask it before they call here.
"""
import hashlib
import importlib.util

from django.db import transaction
from django.utils import timezone

from members.signing.credential import CredentialError, SigningCredential
from plans import numbering
from plans.inbox import notices
from unionplans.audit.models import AuditEntry, record, snapshot
from plans.models import AnnualPlan
from plans.planformat import dumps, export_plan, import_plan

Status = AnnualPlan.Status
EDITABLE = (Status.DRAFT, Status.RETURNED)


class WorkflowError(Exception):
    """A step the plan's state does not allow; the message is shown to the user as it is."""


def _locked(document):
    return type(document).objects.select_for_update().get(pk=document.pk)


def _step(actor, plan, allowed_from, to, action, comment="", message=""):
    with transaction.atomic():
        current = _locked(plan)
        if current.status not in allowed_from:
            raise WorkflowError(message or f"Kế hoạch đang ở trạng thái “{current.get_status_display()}”, không thể làm bước này.")
        before = snapshot(current)
        current.status = to
        current.save(update_fields=["status", "updated_at"])
        record(actor, current, action, before, snapshot(current), comment)
        notices.after_commit(current, action)
    return current


def submit(actor, plan):
    return _step(actor, plan, EDITABLE, Status.SUBMITTED, AuditEntry.Action.SUBMIT,
                 message="Chỉ gửi được kế hoạch đang soạn hoặc đã được trả lại để sửa.")


def return_for_revision(actor, plan, comment):
    if not comment.strip():
        raise WorkflowError("Hãy ghi rõ những điểm cần sửa khi trả lại kế hoạch.")
    return _step(actor, plan, (Status.SUBMITTED, Status.APPROVED), Status.RETURNED, AuditEntry.Action.RETURN, comment,
                 message="Chỉ trả lại được kế hoạch đã gửi hoặc đã duyệt mà chưa ban hành.")


def approve(actor, plan, comment=""):
    return _step(actor, plan, (Status.SUBMITTED,), Status.APPROVED, AuditEntry.Action.APPROVE, comment,
                 message="Chỉ duyệt được kế hoạch đã gửi cấp trên.")


def render_snapshot_pdf(data, revision=""):
    """The PDF of the frozen data, or b"" while this installation has no PDF renderer."""
    if importlib.util.find_spec("plans.documents.pdf") is None:
        return b""
    from plans.documents.pdf import render_pdf

    return render_pdf(data, revision)


def _revision_line(document):
    if getattr(document, "replaces", None) is None:
        return ""
    from plans.documents.pdf.serve import revision_line

    return revision_line(document)


def _issued_pdf(document, data):
    """Signed (PAdES, signature and seal in the page) when the unit has a signing credential."""
    revision = _revision_line(document)
    credential = SigningCredential.for_unit(document.unit_id)
    if credential is None:
        return render_snapshot_pdf(data, revision)
    from plans.documents.pdf.pades import SigningError, signed_pdf

    try:
        return signed_pdf(data, revision, credential)
    except (SigningError, CredentialError) as exc:
        raise WorkflowError(str(exc)) from exc


def freeze(plan, export=export_plan):
    """Store the document as it stands (number and date already set) as its issued snapshot;
    `export` gives its format data (a plan's by default)."""
    data = export(plan)
    plan.snapshot = dumps(data)
    plan.snapshot_pdf = _issued_pdf(plan, data)
    plan.snapshot_sha256 = hashlib.sha256(bytes(plan.snapshot_pdf) or plan.snapshot.encode()).hexdigest()
    plan.issued_at = plan.issued_at or timezone.now()
    plan.save(update_fields=["snapshot", "snapshot_pdf", "snapshot_sha256", "issued_at"])
    return plan


def issue(actor, plan):
    return issue_document(actor, plan, numbering.DOCUMENT_TYPE, export_plan, (Status.APPROVED,),
                          "Chỉ ban hành được kế hoạch đã được cấp trên duyệt.")


def issue_document(actor, document, doc_type, export, allowed_from, message):
    """Number, date and freeze any document with unit, number, date, status, issued_at and
    snapshot fields (a plan, a monthly report), in `doc_type`'s own number series. The number is
    taken under the counter's row lock, so two chairs pressing the button together get 01 and 02,
    never the same or a gap."""
    model = type(document)
    with transaction.atomic():
        current = _locked(document)
        if current.status not in allowed_from:
            raise WorkflowError(message)
        before = snapshot(current)
        today = timezone.localdate()
        taken = model.objects.filter(unit_id=current.unit_id, number__isnull=False, date__year=today.year)
        current.number = numbering.next_number(current.unit, doc_type, today.year, taken)
        current.date = today
        current.status = model.Status.ISSUED
        current.issued_at = timezone.now()
        current.save(update_fields=["number", "date", "status", "issued_at", "updated_at"])
        freeze(current, export)
        record(actor, current, AuditEntry.Action.ISSUE, before, snapshot(current))
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
        draft.save(update_fields=["replaces", "revision"])
        record(actor, draft, AuditEntry.Action.NEW_VERSION, None, snapshot(draft))
    return draft
