"""The audit trail: who changed what, when, and how it read before and after.

Services call `record` themselves (and the admin through AuditedAdminMixin) rather than model
signals, so an entry carries the actor and the reason (a return's comment) that signals never see.
"""
import datetime
import decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.forms.models import model_to_dict

from unionplans.fields import NFCTextField


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", "Tạo mới"
        UPDATE = "update", "Sửa"
        DELETE = "delete", "Xóa"
        SUBMIT = "submit", "Gửi cấp trên"
        WITHDRAW = "withdraw", "Rút lại để sửa"
        RETURN = "return", "Trả lại để sửa"
        APPROVE = "approve", "Duyệt"
        ISSUE = "issue", "Ban hành"
        NEW_VERSION = "new_version", "Tạo bản điều chỉnh, bổ sung"
        PASSWORD_RESET = "password_reset", "Đặt lại mật khẩu"
        SIGNING_LOCKED = "signing_locked", "Tạm khóa ký số (nhập sai mật khẩu chứng thư)"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người thực hiện", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    at = models.DateTimeField("lúc", auto_now_add=True)
    action = models.CharField("thao tác", max_length=20, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, verbose_name="loại đối tượng", on_delete=models.PROTECT)
    object_id = models.CharField("mã đối tượng", max_length=64)
    object_repr = models.CharField("đối tượng", max_length=255)
    # The plan and unit are kept apart from the generic link so a plan's history (its targets and
    # month rows included) and a unit's scope are one indexed filter, and survive a deletion.
    plan = models.ForeignKey(
        "plans.AnnualPlan", verbose_name="kế hoạch", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="audit_entries",
    )
    unit = models.ForeignKey(
        "members.Unit", verbose_name="đơn vị", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    before = models.JSONField("trước", null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)
    comment = NFCTextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["-at", "-pk"]
        # The table and index keep the names they had when the trail was part of the plans app.
        db_table = "plans_auditentry"
        indexes = [models.Index(fields=["content_type", "object_id"], name="plans_audit_content_c507e5_idx")]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_action_display()}: {self.object_repr}"

    def changes(self):
        """(field, before, after) for each field that differs: what the history page lists."""
        before, after = self.before or {}, self.after or {}
        model = self.content_type.model_class()
        return [
            (_label(model, key), before.get(key), after.get(key))
            for key in sorted(set(before) | set(after))
            if before.get(key) != after.get(key)
        ]


def _label(model, name):
    """The field's Vietnamese name, for the history page; the code name when the field is gone."""
    try:
        return str(model._meta.get_field(name).verbose_name)
    except (AttributeError, LookupError):
        return name


def _plain(value):
    if isinstance(value, (datetime.date, datetime.datetime, decimal.Decimal)):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} byte>"
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def snapshot(obj):
    """The fields of `obj` as JSON-ready values, the `before`/`after` of an entry."""
    if obj is None:
        return None
    fields = [f.name for f in obj._meta.concrete_fields if f.name not in {"password", "snapshot", "snapshot_pdf"}]
    return _plain(model_to_dict(obj, fields=fields))


def _plan_and_unit(obj):
    from members.models import Unit
    from plans.models import AnnualPlan

    if isinstance(obj, AnnualPlan):
        return obj, obj.unit_id
    plan = getattr(obj, "plan", None)
    if isinstance(plan, AnnualPlan):
        return plan, plan.unit_id
    if isinstance(obj, Unit):
        return None, obj.pk
    return None, getattr(obj, "unit_id", None)


def record(actor, obj, action, before=None, after=None, comment=""):
    """Write one entry; `before`/`after` are `snapshot(...)` dicts (None for a creation/deletion)."""
    plan, unit_id = _plan_and_unit(obj)
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        plan=plan if plan is not None and plan.pk else None,
        unit_id=unit_id,
        before=before,
        after=after,
        comment=comment,
    )
