# The trail moved out of the plans app into its own, with its table: only Django's idea of which
# app owns the model changes, so nothing is done to the database.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import unionplans.fields


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("members", "0001_initial"),
        ("plans", "0008_activity_month_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("at", models.DateTimeField(auto_now_add=True, verbose_name="lúc")),
                        ("action", models.CharField(choices=[("create", "Tạo mới"), ("update", "Sửa"), ("delete", "Xóa"), ("submit", "Gửi cấp trên"), ("return", "Trả lại để sửa"), ("approve", "Duyệt"), ("issue", "Ban hành"), ("new_version", "Tạo bản điều chỉnh, bổ sung"), ("password_reset", "Đặt lại mật khẩu")], max_length=20, verbose_name="thao tác")),
                        ("object_id", models.CharField(max_length=64, verbose_name="mã đối tượng")),
                        ("object_repr", models.CharField(max_length=255, verbose_name="đối tượng")),
                        ("before", models.JSONField(blank=True, null=True, verbose_name="trước")),
                        ("after", models.JSONField(blank=True, null=True, verbose_name="sau")),
                        ("comment", unionplans.fields.NFCTextField(blank=True, verbose_name="ghi chú")),
                        ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="người thực hiện")),
                        ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to="contenttypes.contenttype", verbose_name="loại đối tượng")),
                        ("plan", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="audit_entries", to="plans.annualplan", verbose_name="kế hoạch")),
                        ("unit", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="members.unit", verbose_name="đơn vị")),
                    ],
                    options={
                        "verbose_name": "nhật ký thay đổi",
                        "verbose_name_plural": "nhật ký thay đổi",
                        "ordering": ["-at", "-pk"],
                        "db_table": "plans_auditentry",
                        "indexes": [models.Index(fields=["content_type", "object_id"], name="plans_audit_content_c507e5_idx")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
