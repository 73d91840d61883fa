import pytest
from django.core.management import CommandError, call_command

from voorop.accounts.models import User
from voorop.accounts.roles import Role
from voorop.core.areas.models import Area, AreaKind, Theme

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_loads_a_municipality_with_one_account_per_role(capsys, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo")
    output = capsys.readouterr().out
    assert Area.objects.filter(kind=AreaKind.KERN).count() >= 9
    assert 14 <= Area.objects.exclude(kind=AreaKind.MUNICIPALITY).count() <= 18
    assert set(Theme.objects.values_list("slug", flat=True)) >= {
        "wonen",
        "zorg",
        "duurzaamheid",
        "groen",
        "veiligheid",
        "cultuur",
        "sport",
        "mobiliteit",
    }
    for role in Role:
        user = User.objects.get(email=f"{role.value}@lindewaard.example")
        assert user.groups.filter(name=role.value).exists()
        assert user.check_password("voorop-demo")
        assert f"{role.value}@lindewaard.example" in output
    resident = User.objects.get(email="inwoner@lindewaard.example")
    assert not resident.groups.exists()
    # Every area but the municipality itself hangs in the hierarchy.
    assert not Area.objects.exclude(kind=AreaKind.MUNICIPALITY).filter(parent=None).exists()
    # The tests copy the demo's rows instead of loading it again (tests/demo_snapshot.py): a
    # file it wrote would be missing from the copy.
    assert not any(tmp_path.iterdir())


def test_demo_refuses_to_overwrite_and_reset_replaces(capsys, demo):
    with pytest.raises(CommandError, match="--reset"):
        call_command("demo")
    call_command("demo", reset=True)
    assert User.objects.filter(email="beheerder@lindewaard.example").count() == 1
