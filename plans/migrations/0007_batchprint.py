import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0006_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='BatchPrint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='năm bắt đầu')),
                ('kind', models.CharField(choices=[('pdf', 'Một tệp PDF (mỗi kế hoạch một dấu trang)'), ('zip', 'Tệp ZIP (mỗi kế hoạch một tệp PDF)')], default='pdf', max_length=10, verbose_name='dạng tệp')),
                ('status', models.CharField(choices=[('queued', 'Đang chờ máy in'), ('running', 'Đang in'), ('assembling', 'Đang ghép tệp'), ('done', 'Đã xong'), ('failed', 'Không in được')], default='queued', max_length=20, verbose_name='trạng thái')),
                ('total', models.PositiveIntegerField(verbose_name='số kế hoạch')),
                ('done', models.PositiveIntegerField(default=0, verbose_name='số kế hoạch đã xử lý')),
                ('failures', models.JSONField(blank=True, default=list, verbose_name='kế hoạch không in được')),
                ('result', models.FileField(blank=True, upload_to='batch/', verbose_name='tệp kết quả')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='xong lúc')),
                ('requested_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người yêu cầu')),
            ],
            options={
                'verbose_name': 'đợt in hàng loạt',
                'verbose_name_plural': 'đợt in hàng loạt',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='BatchItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveIntegerField(verbose_name='thứ tự')),
                ('unit_name', models.CharField(max_length=255, verbose_name='đơn vị')),
                ('label', models.CharField(blank=True, max_length=100, verbose_name='số, ký hiệu')),
                ('status', models.CharField(choices=[('pending', 'Đang chờ'), ('done', 'Đã in'), ('failed', 'Không in được')], default='pending', max_length=10, verbose_name='trạng thái')),
                ('reason', models.TextField(blank=True, verbose_name='lý do')),
                ('part', models.FileField(blank=True, upload_to='batch/parts/', verbose_name='bản in')),
                ('plan', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='plans.annualplan', verbose_name='kế hoạch')),
                ('batch', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='plans.batchprint', verbose_name='đợt in')),
            ],
            options={
                'verbose_name': 'kế hoạch trong đợt in',
                'verbose_name_plural': 'kế hoạch trong đợt in',
                'ordering': ['batch', 'order'],
            },
        ),
    ]
