"""A bounded number of wrong certificate passwords at issue. The password is the secret that makes
a signature the signer's (members.signing.credential): whoever holds the chair's account may guess
it, so after SIGNING_PASSWORD_ATTEMPTS wrong ones within SIGNING_PASSWORD_WINDOW_SECONDS, signing
with that unit's certificate is refused for SIGNING_PASSWORD_WINDOW_SECONDS, whoever asks; the
lockout is audited. The count is kept on the credential's row, shared by every web machine, and
written outside the issue's transaction, which a wrong password rolls back."""
import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from members.signing.credential import WRONG_PASSWORD, CredentialError, SigningCredential


class SigningLocked(CredentialError):
    """Signing with this certificate is refused for now; the message says until when."""


def _window():
    return datetime.timedelta(seconds=settings.SIGNING_PASSWORD_WINDOW_SECONDS)


def locked_message(until):
    local = timezone.localtime(until)
    return (f"Đã nhập sai mật khẩu chứng thư số {settings.SIGNING_PASSWORD_ATTEMPTS} lần: việc ký bằng chứng thư số của "
            f"đơn vị tạm khóa đến {local:%H:%M} ngày {local:%d/%m/%Y}. Hãy thử lại sau thời điểm đó; văn bản vẫn chờ "
            "ban hành, chưa có gì thay đổi.")


def refuse_if_locked(credential, now=None):
    """SigningLocked while the certificate is locked; nothing is tried then, not even the password."""
    if credential.locked_until and credential.locked_until > (now or timezone.now()):
        raise SigningLocked(locked_message(credential.locked_until))


def wrong_password(actor, credential, now=None):
    """Count a wrong password (locking the certificate at the last allowed one); the message for
    the signer, saying how many tries are left or until when signing is locked."""
    from unionplans.audit.models import AuditEntry, record

    now = now or timezone.now()
    limit = settings.SIGNING_PASSWORD_ATTEMPTS
    with transaction.atomic():
        row = SigningCredential.objects.select_for_update().get(pk=credential.pk)
        if row.wrong_since is None or row.wrong_since <= now - _window():
            row.wrong_since, row.wrong_passwords = now, 0
        row.wrong_passwords += 1
        left = limit - row.wrong_passwords
        if left <= 0:
            row.locked_until, row.wrong_since, row.wrong_passwords = now + _window(), None, 0
            record(actor, row, AuditEntry.Action.SIGNING_LOCKED, None,
                   {"wrong_passwords": limit, "locked_until": row.locked_until.isoformat()})
        row.save(update_fields=["wrong_passwords", "wrong_since", "locked_until"])
    if left <= 0:
        return locked_message(row.locked_until)
    minutes = settings.SIGNING_PASSWORD_WINDOW_SECONDS // 60
    return f"{WRONG_PASSWORD} Còn {left} lần nhập sai nữa thì việc ký bằng chứng thư số này tạm khóa {minutes} phút."


def right_password(credential):
    """The signer knew it: the wrong ones before count no more."""
    if credential.wrong_passwords:
        SigningCredential.objects.filter(pk=credential.pk).update(wrong_passwords=0, wrong_since=None)
