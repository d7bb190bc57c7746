"""With S3_BUCKET and its companions set, uploaded files go to an S3-compatible bucket that every
web machine shares: a file saved through Django's default storage is read back from the bucket.

The bucket is a real S3 HTTP server on loopback (moto's, from PyPI): the same wire protocol as
MinIO or a provider's object storage, no mocking inside the process under test."""
import importlib.util
from pathlib import Path

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from moto.server import ThreadedMotoServer

SETTINGS_FILE = Path(__file__).resolve().parent.parent / "unionplans" / "settings.py"
BUCKET = "unionplans-tep-tai-len"
KEYS = {"S3_ACCESS_KEY_ID": "khoa-truy-cap", "S3_SECRET_ACCESS_KEY": "khoa-bi-mat", "S3_REGION": "ap-southeast-1"}


def _storages_from_environment(monkeypatch, **env):
    """STORAGES as the settings module computes it under `env`, read from a fresh copy of it."""
    monkeypatch.setenv("DEBUG", "1")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("settings_under_test", SETTINGS_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.STORAGES


@pytest.fixture
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def test_without_s3_bucket_files_stay_on_local_disk(monkeypatch):
    monkeypatch.delenv("S3_BUCKET", raising=False)
    storages = _storages_from_environment(monkeypatch)
    assert storages["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_uploaded_file_is_saved_to_and_read_from_the_bucket(monkeypatch, s3_endpoint):
    storages = _storages_from_environment(monkeypatch, S3_BUCKET=BUCKET, S3_ENDPOINT_URL=s3_endpoint, **KEYS)
    assert storages["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    bucket = boto3.client(
        "s3", endpoint_url=s3_endpoint, aws_access_key_id=KEYS["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["S3_SECRET_ACCESS_KEY"], region_name=KEYS["S3_REGION"],
    )
    bucket.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": KEYS["S3_REGION"]})
    text = "Kế hoạch hoạt động năm học 2026-2027 của Công đoàn Trường Tiểu học Vinh Hưng".encode()

    with override_settings(STORAGES=storages):
        name = default_storage.save("ke-hoach/vinh-hung.txt", ContentFile(text))
        second = default_storage.save("ke-hoach/vinh-hung.txt", ContentFile(b"ban khac"))
        with default_storage.open(name) as stored:
            assert stored.read() == text
        assert default_storage.exists(name) and default_storage.size(name) == len(text)
        url = default_storage.url(name)

    # The bytes are in the bucket itself, where another machine would find them; a second file of
    # the same name does not overwrite the first; links to the private files are signed.
    assert bucket.get_object(Bucket=BUCKET, Key=name)["Body"].read() == text
    assert second != name
    assert url.startswith(f"{s3_endpoint}/{BUCKET}/ke-hoach/") and "Signature=" in url
