import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]
    operations = [
        migrations.CreateModel(
            name="SigningCredential",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key_blob", models.BinaryField(verbose_name="khóa và chứng thư (đã mã hóa)")),
                ("subject", models.CharField(max_length=500, verbose_name="người được cấp")),
                ("issuer", models.CharField(max_length=500, verbose_name="tổ chức cấp")),
                ("serial", models.CharField(max_length=100, verbose_name="số hiệu chứng thư")),
                ("not_before", models.DateTimeField(verbose_name="hiệu lực từ")),
                ("not_after", models.DateTimeField(verbose_name="hiệu lực đến")),
                ("signature_png", models.BinaryField(verbose_name="ảnh chữ ký")),
                ("seal_png", models.BinaryField(verbose_name="ảnh con dấu")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="cập nhật lúc")),
                ("unit", models.OneToOneField(
                    on_delete=django.db.models.deletion.CASCADE, related_name="signing_credential", to="members.unit",
                    verbose_name="đơn vị",
                )),
                ("uploaded_by", models.ForeignKey(
                    blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                    to=settings.AUTH_USER_MODEL, verbose_name="người tải lên",
                )),
            ],
            options={"verbose_name": "chữ ký số của đơn vị", "verbose_name_plural": "chữ ký số của đơn vị"},
        ),
    ]
