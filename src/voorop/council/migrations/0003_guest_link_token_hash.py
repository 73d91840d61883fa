import hashlib
import hmac

from django.conf import settings
from django.db import migrations, models

# The same as voorop.council.models.EventSignUp.hash_token; copied so that this migration
# keeps working when the model changes.
GUEST_LINK_PURPOSE = "voorop-event-guest"


def hash_existing_tokens(apps, schema_editor):
    """Guests keep the cancel links they already have: the hash of each old token is
    stored, and the links match by it from now on."""
    EventSignUp = apps.get_model("council", "EventSignUp")
    guests = EventSignUp.objects.filter(user__isnull=True).exclude(email="")
    for sign_up in guests.only("pk", "token").iterator():
        # voorop.core.codes.keyed_hash as it was, frozen here.
        message = f"{GUEST_LINK_PURPOSE}:sign-up:{sign_up.token}".encode()
        token_hash = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
        EventSignUp.objects.filter(pk=sign_up.pk).update(token_hash=token_hash)


class Migration(migrations.Migration):
    """Guests confirm their sign-up by e-mail (issue 12.6): a new status, and the token of
    a guest's link is kept only as a keyed hash (the clear token goes)."""

    dependencies = [("council", "0002_ladder_step_from_core")]

    operations = [
        migrations.AddField(
            model_name="eventsignup",
            name="token_hash",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.RunPython(hash_existing_tokens, migrations.RunPython.noop),
        migrations.RemoveField(model_name="eventsignup", name="token"),
        migrations.AlterField(
            model_name="eventsignup",
            name="status",
            field=models.CharField(
                choices=[
                    ("unconfirmed", "Waiting for confirmation by e-mail"),
                    ("confirmed", "Signed up"),
                    ("waiting", "On the waiting list"),
                    ("cancelled", "Cancelled"),
                ],
                max_length=20,
            ),
        ),
    ]
