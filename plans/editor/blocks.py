"""The blocks of the editor's document, each opened, saved and versioned on its own.

A block is what one click turns into an editor: the trích yếu, the căn cứ, the preamble, a section's
heading, one paragraph, one target, one month row, the closing, the signature. Each has a version
column: its row's (Section, Target, MonthlyActivity; a paragraph is its section's) or, for the
plan's own blocks, one of the plan's (`title_version`, ...). A save is one conditional UPDATE on
that version and on the plan being editable: two people writing different blocks never conflict,
the same block is never overwritten unseen (`BlockConflict` carries what the other person saved),
and a save that comes after a submission is refused with the plan's status (`editing.PlanLocked`)
instead of changing a plan already sent up.
"""
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from plans.editor import editing, forms as editor_forms
from plans.editor.editing import EditRefused
from plans.models import AnnualPlan, MonthlyActivity, Section, Target
from unionplans.audit.models import AuditEntry, record, snapshot

EDITABLE = editing.EDITABLE
GONE_MESSAGE = "Phần này vừa bị xóa ở nơi khác nên không lưu được. Nội dung bạn gõ vẫn ở trong ô: hãy sao chép lại rồi tải lại trang."
ROW_MODELS = {"heading": Section, "paragraph": Section, "target": Target, "row": MonthlyActivity}


class BlockConflict(EditRefused):
    """Someone saved the block since it was opened here; `stored` is the block's form as they left it."""

    def __init__(self, stored, version):
        super().__init__("Phần này vừa được người khác lưu sau khi bạn mở nó.")
        self.version = version
        # (label, text) of each field as the other person left it, choices by their label.
        self.theirs = [
            (field.label, dict(getattr(field.field, "choices", ())).get(field.value(), field.value()))
            for field in stored if field.value() not in (None, "")
        ]


# kind: (its element's id, or the start of it before its row's id; its URL's name; what it is called)
KINDS = {
    "title": ("b-title", "plan_editor_title", "kỳ và trích yếu"),
    "bases": ("b-bases", "plan_editor_bases", "căn cứ"),
    "preamble": ("b-preamble", "plan_editor_preamble", "lời mở đầu"),
    "closing": ("b-closing", "plan_editor_closing", "phần kết"),
    "signature": ("b-signature", "plan_editor_tail", "nơi nhận và người ký"),
    "heading": ("b-s", "plan_editor_section", "tiêu đề mục"),
    "paragraph": ("b-p", "plan_editor_paragraph", "đoạn"),
    "target": ("b-t", "plan_editor_target", "chỉ tiêu"),
    "row": ("b-r", "plan_editor_row", "dòng"),
}
# The plan's own blocks: (form, the model fields a save writes)
PLAN_BLOCKS = {
    "title": (editor_forms.TitleForm, ["period_kind", "year", "title"]),
    "bases": (editor_forms.BasesForm, ["bases"]),
    "preamble": (editor_forms.PreambleForm, ["preamble"]),
    "closing": (editor_forms.ClosingForm, ["closing"]),
    "signature": (editor_forms.PlanTailForm, ["recipients", "co_issuer", "signers"]),
}


SENTINEL = 987654321  # stands for an id in a URL reversed once for many links


def url_format(name, *args):
    """reverse(name, args) as a format string, a "{}" where `args` has None: reversed once for a
    page's hundreds of links to blocks, as reversing each was a fifth of a long plan's page."""
    return reverse(name, args=[SENTINEL if arg is None else arg for arg in args]).replace(str(SENTINEL), "{}")


def block_id(kind, ref=None, index=None):
    """The id of a block's element: b-title, b-s12 (a heading), b-p12-3 (its fourth paragraph), ..."""
    prefix = KINDS[kind][0]
    if ref is None:
        return prefix
    return f"{prefix}{ref}" + (f"-{index}" if index is not None else "")


class Block:
    """One block of `plan`: `obj` is the row it is stored in, `index` a paragraph's place."""

    def __init__(self, plan, kind, obj=None, index=None):
        self.plan, self.kind, self.index = plan, kind, index
        self.obj = plan if kind in PLAN_BLOCKS else obj
        # What the database holds, taken before a bound ModelForm writes the typed text into `obj`.
        self.before = snapshot(self.obj)

    @property
    def ref(self):
        return None if self.kind in PLAN_BLOCKS else self.obj.pk

    @property
    def dom_id(self):
        return block_id(self.kind, self.ref, self.index)

    @property
    def label(self):
        return KINDS[self.kind][2]

    @property
    def column(self):
        """The name of the block's version column on its row."""
        return f"{self.kind}_version" if self.kind in PLAN_BLOCKS else "version"

    @property
    def version(self):
        return getattr(self.obj, self.column)

    def url(self):
        args = [self.plan.pk] + [value for value in (self.ref, self.index) if value is not None]
        return reverse(KINDS[self.kind][1], args=args)

    @property
    def structural(self):
        """Whether the block moves, is added after and deleted: its actions are under its own URL."""
        return self.kind not in PLAN_BLOCKS

    def form(self, data=None, obj=None):
        obj = obj or self.obj
        prefix = self.dom_id
        if self.kind in PLAN_BLOCKS:
            return PLAN_BLOCKS[self.kind][0](data, instance=obj, prefix=prefix)
        if self.kind == "heading":
            return editor_forms.HeadingForm(data, instance=obj, prefix=prefix)
        if self.kind == "paragraph":
            paragraphs = obj.paragraphs
            text = paragraphs[self.index] if self.index < len(paragraphs) else ""
            return editor_forms.ParagraphForm(data, initial={"text": text}, prefix=prefix)
        if self.kind == "target":
            form = editor_forms.ResultTargetForm if self.plan.is_report else editor_forms.TargetForm
            return form(data, instance=obj, prefix=prefix)
        form = editor_forms.RowForm(data, instance=obj, prefix=prefix, columns=self.plan.month_columns)
        # The row's cells are the table's: their fields belong to the form kept in the content cell.
        for field in form.fields.values():
            field.widget.attrs["form"] = f"f-{prefix}"
        return form

    def values(self, form):
        """The columns a valid `form` writes, by name."""
        if self.kind == "paragraph":
            paragraphs = list(self.obj.paragraphs)
            paragraphs[self.index] = form.cleaned_data["text"]
            return {"paragraphs": paragraphs}
        instance = form.save(commit=False)
        fields = PLAN_BLOCKS[self.kind][1] if self.kind in PLAN_BLOCKS else list(form.Meta.fields)
        if self.kind == "row":
            fields = list(form.fields)
        return {name: getattr(instance, name) for name in fields}


def get_block(plan, kind, ref=None, index=None):
    """The block of `plan` (found in the user's scope, its permission checked by the view's
    declaration); 404 when the block is gone."""
    if kind in PLAN_BLOCKS:
        return Block(plan, kind)
    obj = ROW_MODELS[kind].objects.filter(plan=plan, pk=ref).first()
    if obj is None or (kind == "paragraph" and not 0 <= index < len(obj.paragraphs)):
        raise Http404("Phần này không còn trong kế hoạch.")
    obj.plan = plan
    return Block(plan, kind, obj, index)


def _refused(block):
    """Why the conditional update wrote nothing: the plan is locked, the block is gone, or newer."""
    editing.refuse_if_locked(block.plan)
    fresh = type(block.obj).objects.filter(pk=block.obj.pk).first()
    if fresh is None or (block.kind == "paragraph" and block.index >= len(fresh.paragraphs)):
        raise EditRefused(GONE_MESSAGE)
    raise BlockConflict(block.form(obj=fresh), getattr(fresh, block.column))


def save(actor, block, form, version):
    """Write the valid `form` of `block` if the block is still at `version` and the plan still a
    draft; return the block's new version."""
    values = block.values(form)
    model = type(block.obj)
    rows = model.objects.filter(pk=block.obj.pk, **{block.column: version})
    if model is AnnualPlan:
        rows = rows.filter(status__in=EDITABLE)
        values["updated_at"] = timezone.now()
    else:
        rows = rows.filter(plan__status__in=EDITABLE)
    if model is MonthlyActivity:
        values.update(updated_by=actor, updated_at=timezone.now())
    # The change and its audit entry together; a refusal is worked out after, outside the transaction.
    with transaction.atomic(savepoint=False):
        written = rows.update(**{block.column: F(block.column) + 1}, **values)
        if written:
            values[block.column] = version + 1
            for name, value in values.items():
                setattr(block.obj, name, value)
            after = snapshot(block.obj)
            if _text_of(after) != _text_of(block.before):
                record(actor, block.obj, AuditEntry.Action.UPDATE, block.before, after)
    if not written:
        _refused(block)
    return version + 1


def _text_of(state):
    """A row's state without what every save changes, so a save of unchanged text leaves no entry."""
    return {key: value for key, value in state.items() if not key.endswith("version") and key not in {"updated_at", "updated_by"}}
