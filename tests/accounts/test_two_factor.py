"""Two-factor authentication: required for the beheerder before anything else, asked at the
one log-in (also for the back office), optional for everyone else, its key stored sealed."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from tests.accounts.factories import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory, totp_code
from voorop.accounts import two_factor
from voorop.accounts.management.commands.democode import current_code
from voorop.core import sealing

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth remembers used codes in the cache; each test may use the current code again.
    cache.clear()
    yield
    cache.clear()


def _log_in(client, user):
    return client.post("/account/login/", {"login": user.email, "password": TEST_PASSWORD})


def test_a_beheerder_without_two_factor_reaches_only_the_set_up(client):
    beheerder = UserFactory(roles=["beheerder"], roles__two_factor=False)
    client.force_login(beheerder)
    for path in ("/account/profiel/", "/", "/beheer/", "/loket/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/account/tweestapsverificatie/", path
    page = client.get("/account/tweestapsverificatie/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Stel eerst tweestapsverificatie in" in html
    assert "/account/2fa/totp/activate/" in html
    # htmx requests are sent there too, by the header htmx follows.
    response = client.get("/", HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == "/account/tweestapsverificatie/"
    # Logging out, the language switch and the set-up itself stay open.
    assert client.get("/account/2fa/totp/activate/").status_code in (200, 302)
    assert client.get("/account/2fa/totp/activate/").get("Location", "").find("tweestaps") < 0
    assert client.post("/account/logout/").status_code == 302


def test_a_beheerder_sets_up_two_factor_after_logging_in(client):
    beheerder = UserFactory(roles=["beheerder"], roles__two_factor=False)
    response = _log_in(client, beheerder)
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == "/account/tweestapsverificatie/"
    # allauth asks for the password once more before a second step is added.
    asked = client.get("/account/2fa/totp/activate/")
    assert asked["Location"].startswith("/account/reauthenticate/")
    client.post(asked["Location"], {"password": TEST_PASSWORD})
    page = client.get("/account/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/account/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert two_factor.is_set_up(type(beheerder).objects.get(pk=beheerder.pk))
    assert client.get("/account/profiel/").status_code == 200
    assert client.get("/beheer/").status_code == 200
    # The key is stored sealed, never in clear.
    stored = Authenticator.objects.get(user=beheerder, type=Authenticator.Type.TOTP)
    assert secret not in str(stored.data)
    assert sealing.unseal(stored.data["secret"], purpose="mfa") == secret


def test_the_log_in_asks_for_the_code_once_it_is_set_up(client):
    beheerder = UserFactory(roles=["beheerder"])
    response = _log_in(client, beheerder)
    assert response["Location"] == "/account/2fa/authenticate/"
    # The password alone did not log in.
    assert client.get("/account/profiel/").status_code == 302
    wrong = client.post("/account/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    response = client.post("/account/2fa/authenticate/", {"code": totp_code(TEST_TOTP_SECRET)})
    assert response.status_code == 302
    assert client.get("/beheer/").status_code == 200


def test_a_recovery_code_works_once(client):
    beheerder = UserFactory(roles=["beheerder"], roles__two_factor=False)
    codes = two_factor.set_up_totp(beheerder, TEST_TOTP_SECRET)
    _log_in(client, beheerder)
    assert client.post("/account/2fa/authenticate/", {"code": codes[0]}).status_code == 302
    client.post("/account/logout/")
    _log_in(client, beheerder)
    assert client.post("/account/2fa/authenticate/", {"code": codes[0]}).status_code == 200


def test_the_back_office_has_no_log_in_of_its_own(client):
    response = client.get("/beheer/login/?next=/beheer/areas/")
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/beheer/areas/"
    beheerder = Client()
    beheerder.force_login(UserFactory(roles=["beheerder"]))
    assert beheerder.post("/beheer/logout/")["Location"] == "/account/logout/"
    # Signed in without the role: a plain refusal, not a loop through the log-in.
    client.force_login(UserFactory(roles=["loketmedewerker"]))
    assert client.get("/beheer/login/?next=/beheer/").status_code == 403


def test_other_roles_may_turn_it_on_but_need_not(client):
    officer = UserFactory(roles=["loketmedewerker"])
    assert not two_factor.required_for(officer)
    client.force_login(officer)
    page = client.get("/account/profiel/")
    assert page.status_code == 200
    assert "Tweestapsverificatie" in page.content.decode()
    assert client.get("/account/2fa/").status_code == 200


def test_a_superuser_counts_as_beheerder(settings):
    user = UserFactory(is_superuser=True)
    assert two_factor.required_for(user)
    settings.VOOROP_MFA_REQUIRED_ROLES = ["beheerder", "loketmedewerker"]
    assert two_factor.required_for(UserFactory(roles=["loketmedewerker"], roles__two_factor=False))


def test_sealed_secrets_survive_a_key_change_with_fallbacks(settings):
    sealed = sealing.seal("JBSWY3DPEHPK3PXP", purpose="mfa")
    assert "JBSWY3DPEHPK3PXP" not in sealed
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key"
    assert sealing.unseal(sealed, purpose="mfa") == "JBSWY3DPEHPK3PXP"
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(ValueError, match="no longer has"):
        sealing.unseal(sealed, purpose="mfa")
    assert sealing.unseal("legacy-clear-value", purpose="mfa") == "legacy-clear-value"


def test_the_demo_beheerder_logs_in_with_the_printed_code(client, capsys):
    with pytest.raises(CommandError):
        call_command("democode")
    call_command("demo")
    out = capsys.readouterr().out
    assert "voorop democode" in out and "VOOROPDEMO" in out
    call_command("democode")
    code = capsys.readouterr().out.strip()
    from voorop.accounts.demo import DEMO_TOTP_SECRET

    assert code == current_code(DEMO_TOTP_SECRET) and len(code) == 6
    response = client.post(
        "/account/login/",
        {"login": "beheerder@lindewaard.example", "password": "voorop-demo"},
    )
    assert response["Location"] == "/account/2fa/authenticate/"
    assert client.post("/account/2fa/authenticate/", {"code": code}).status_code == 302
    assert client.get("/beheer/").status_code == 200


def test_the_data_download_is_never_cached(client):
    client.force_login(UserFactory())
    response = client.get("/account/mijn-gegevens/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_another_beheerder_removes_two_factor_of_someone_who_lost_their_phone(client):
    from voorop.core.models import AuditEntry

    admin, lost = UserFactory(roles=["beheerder"]), UserFactory(roles=["beheerder"])
    client.force_login(admin)
    response = client.post(
        "/beheer/accounts/user/",
        {"action": "remove_two_factor", "_selected_action": [lost.pk, admin.pk]},
    )
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=lost).exists()
    assert Authenticator.objects.filter(user=admin).exists()  # not their own
    assert AuditEntry.objects.filter(action="user.two_factor_removed").count() == 1
    # At the next log-in the set-up page comes first again.
    other = Client()
    other.force_login(lost)
    assert other.get("/")["Location"] == "/account/tweestapsverificatie/"


def test_a_beheerder_cannot_turn_it_off_but_others_can(client):
    from allauth.mfa.adapter import get_adapter

    beheerder = UserFactory(roles=["beheerder"])
    totp = Authenticator.objects.get(user=beheerder, type=Authenticator.Type.TOTP)
    assert get_adapter().can_delete_authenticator(totp) is False
    officer = UserFactory(roles=["loketmedewerker"])
    two_factor.set_up_totp(officer, TEST_TOTP_SECRET)
    totp = Authenticator.objects.get(user=officer, type=Authenticator.Type.TOTP)
    assert get_adapter().can_delete_authenticator(totp) is True
