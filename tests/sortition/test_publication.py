"""The published pool and quota files: anyone who downloads them and runs the command on the
report gets the same group and reserves (by pseudonym) and the same fingerprint; the files
hold no names, contacts or addresses, and the pool file goes when the pool is deleted."""

import json
import shlex

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from tests.sortition.factories import add_invitation, assembly_in, organiser
from voorop.__main__ import main as voorop_main
from voorop.core.models import AuditEntry
from voorop.sortition import selectors, services
from voorop.sortition.models import PSEUDONYM_LENGTH, Assembly

pytestmark = pytest.mark.django_db

PROFILES = [("vrouw", "jong"), ("man", "oud"), ("man", "jong"), ("vrouw", "oud"), ("vrouw", "jong")]


def _pool(*, households: bool, letters: int = 9):
    """An assembly taking registrations: `letters` letters, with households a housemate
    registered on every third letter too."""
    assembly = assembly_in(
        "addresses", people_per_letter=2, one_per_household=households, reserve_count=3
    )
    user = organiser(assembly)
    services.invitations_draw(actor=user, assembly=assembly, count=3, seed="abc")
    assembly = Assembly.objects.get(pk=assembly.pk)
    n = 0
    for letter in range(letters):
        _invitation, code = add_invitation(assembly)
        for _person in range(2 if households and letter % 3 == 0 else 1):
            gender, age = PROFILES[n % len(PROFILES)]
            n += 1
            services.respondent_register(
                actor=AnonymousUser(),
                assembly=assembly,
                code=code,
                name=f"Bewoner {n}",
                email=f"bewoner{n}@example.org",
                features={"Geslacht": gender, "Leeftijd": age},
                consent=True,
            )
    from tests.sortition.factories import set_quotas

    set_quotas(assembly)
    return assembly, user


def _drawn(algorithm: str = "maximin", *, households: bool = True, publish: bool = True):
    assembly, user = _pool(households=households)
    services.registration_close(actor=user, assembly=assembly)
    services.seed_fix(actor=user, assembly=assembly, seed="12 27 'raad' 41", source="Trekking")
    selection = services.selection_start(actor=user, assembly=assembly, algorithm=algorithm)
    selection = services.selection_run(selection_id=selection.pk)
    assert selection.status == "done", selection.error
    services.panel_draw(actor=user, assembly=Assembly.objects.get(pk=assembly.pk))
    assembly = Assembly.objects.get(pk=assembly.pk)
    report = services.report_publish(actor=user, assembly=assembly, publish_pool_file=publish)
    return Assembly.objects.get(pk=assembly.pk), user, report


def _url(name, assembly):
    return reverse(f"sortition:{name}", args=[assembly.pk])


@pytest.mark.parametrize(
    ("algorithm", "households"),
    [("maximin", False), ("legacy", True), ("leximin", True), ("nash", False)],
)
def test_the_command_on_the_report_recomputes_the_draw(
    client, capsys, tmp_path, monkeypatch, algorithm, households
):
    assembly, _user, report = _drawn(algorithm, households=households)
    pool_text = client.get(_url("report_pool_file", assembly)).content.decode()
    categories = client.get(_url("report_categories_file", assembly)).content.decode()
    monkeypatch.chdir(tmp_path)
    (tmp_path / selectors.pool_filename(assembly)).write_text(pool_text, encoding="utf-8")
    (tmp_path / selectors.categories_filename(assembly)).write_text(categories, encoding="utf-8")

    page = client.get(_url("report", assembly)).content.decode()
    command = selectors.recompute_command(report)
    assert escape(command) in page
    args = shlex.split(command)
    assert args[:2] == ["voorop", "sortition"]
    capsys.readouterr()
    assert voorop_main(args[1:]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["panel"] == report.data["panel"]
    assert out["reserves"] == report.data["reserves"]
    # The pseudonyms are those of the people actually drawn.
    members = assembly.respondents.filter(status="selected")
    assert sorted(members.values_list("pseudonym", flat=True)) == out["panel"]

    # --format text prints the fingerprint: the one on the report.
    args[args.index("json")] = "text"
    assert voorop_main(args[1:]) == 0
    text = capsys.readouterr().out
    assert f"Pool digest {report.pool_digest}" in text
    assert selectors.report_file_digest(report) == report.pool_digest
    assert "Hetzelfde: de bestanden bevatten precies" in page
    assert ("--household-column huishouden" in command) is households


def test_the_pool_file_has_pseudonyms_and_features_only():
    assembly, _user, report = _drawn()
    lines = report.pool_file.splitlines()
    assert lines[0] == "pseudoniem,Geslacht,Leeftijd,huishouden"
    assert len(lines) == 1 + assembly.respondents.count() == 1 + report.pool_size
    ids = [line.split(",")[0] for line in lines[1:]]
    assert ids == sorted(ids) and all(len(i) == PSEUDONYM_LENGTH for i in ids)
    for respondent in assembly.respondents.select_related("invitation__address"):
        address = respondent.invitation.address
        for secret in (respondent.name, respondent.email, address.address_id, address.street):
            assert secret not in report.pool_file
    # Housemates share a household label, and it is not their address.
    houses = [line.split(",")[3] for line in lines[1:]]
    assert len(set(houses)) == assembly.respondents.values("invitation").distinct().count()
    assert all(h.startswith("H-") and h[2:] in ids for h in houses)
    assert report.categories_file.splitlines()[0] == "feature,value,min,max"
    assert "Geslacht,vrouw,1,3" in report.categories_file


def test_the_pool_file_goes_with_the_pool(client):
    assembly, user, report = _drawn()
    assert client.get(_url("report_pool_file", assembly)).status_code == 200
    services.pool_delete(actor=user, assembly=assembly)
    report.refresh_from_db()
    assert report.pool_file == "" and report.categories_file
    assert client.get(_url("report_pool_file", assembly)).status_code == 404
    assert client.get(_url("report_categories_file", assembly)).status_code == 200
    page = client.get(_url("report", assembly)).content.decode()
    assert "samen met de persoonsgegevens verwijderd" in page
    assert report.data["panel"][0] in page  # the pseudonyms of the group stay


def test_organisers_may_withhold_the_pool_file(client):
    assembly, _user, report = _drawn(publish=False)
    assert report.pool_file == "" and not report.publishes_pool_file
    assert client.get(_url("report_pool_file", assembly)).status_code == 404
    page = client.get(_url("report", assembly)).content.decode()
    assert "hebben het bestand met de aanmeldingen niet gepubliceerd" in page
    entry = AuditEntry.objects.get(action="sortition.report_published")
    assert entry.data == {"pool_file": False}


def test_publish_form_checkbox(client, mails, django_capture_on_commit_callbacks):
    assembly, user = _pool(households=False)
    services.registration_close(actor=user, assembly=assembly)
    services.seed_fix(actor=user, assembly=assembly, seed="1234", source="")
    selection = services.selection_start(actor=user, assembly=assembly, algorithm="maximin")
    services.selection_run(selection_id=selection.pk)
    services.panel_draw(actor=user, assembly=Assembly.objects.get(pk=assembly.pk))
    client.force_login(user)
    page = client.get(_url("panel", assembly)).content.decode()
    assert 'name="publish_pool_file"' in page and "checked" in page
    client.post(_url("publish", assembly), {"publish_pool_file": "on"})
    assert Assembly.objects.get(pk=assembly.pk).report.pool_file


def test_nobody_registers_after_the_close_so_the_pool_file_is_everyone():
    """Registration closes before the chances are computed: a late registration is refused
    and nothing is recorded, so everyone who registered is in the computed pool, the
    reserves' pool and the published file, and the fingerprint matches."""
    assembly, user = _pool(households=False)
    _invitation, code = add_invitation(assembly)
    services.registration_close(actor=user, assembly=assembly)
    services.seed_fix(actor=user, assembly=assembly, seed="1234", source="")
    selection = services.selection_start(actor=user, assembly=assembly, algorithm="maximin")
    selection = services.selection_run(selection_id=selection.pk)
    with pytest.raises(ValidationError) as error:
        services.respondent_register(
            actor=AnonymousUser(),
            assembly=assembly,
            code=code,
            name="Laat",
            email="laat@example.org",
            features={"Geslacht": "vrouw", "Leeftijd": "jong"},
            consent=True,
        )
    assert error.value.code == "closed"
    assert not assembly.respondents.filter(name="Laat").exists()
    services.panel_draw(actor=user, assembly=Assembly.objects.get(pk=assembly.pk))
    assembly = Assembly.objects.get(pk=assembly.pk)
    report = services.report_publish(actor=user, assembly=assembly)
    pseudonyms = set(assembly.respondents.values_list("pseudonym", flat=True))
    assert pseudonyms == set(selection.probabilities)
    assert all(p in report.pool_file for p in pseudonyms)
    assert selectors.report_file_digest(report) == report.pool_digest
    assert report.data["registration"]["closed_at"] == (assembly.registration_closed_at.isoformat())


def test_registration_mail_gives_the_pseudonym(mails):
    assembly = assembly_in("registration")
    _invitation, code = add_invitation(assembly)
    respondent = services.respondent_register(
        actor=AnonymousUser(),
        assembly=assembly,
        code=code,
        name="Els",
        email="els@example.org",
        features={"Geslacht": "vrouw", "Leeftijd": "oud"},
        consent=True,
    )
    assert len(respondent.pseudonym) == PSEUDONYM_LENGTH
    assert respondent.pseudonym in mails[-1].body
    assert respondent.engine_id == respondent.pseudonym


def _row(value, p_mean, *, panel=2):
    return {
        "value": value,
        "population": 500,
        "share": 0.5,
        "min": 1,
        "max": 3,
        "pool": 6,
        "panel": panel,
        "p_min": p_mean,
        "p_mean": p_mean,
        "p_max": p_mean,
    }


def _report_with_chances(probabilities, rows):
    assembly = assembly_in("published")
    report = assembly.report
    report.data = {
        "features": [{"name": "Geslacht", "rows": rows}],
        "probabilities": probabilities,
        "summary": {"panel_size": 4, "min": min(probabilities), "max": max(probabilities)},
    }
    report.save()
    return assembly


def test_the_report_says_everyone_had_the_same_chance_when_they_did(client):
    """Issue 14.12: with equal chances the report no longer says that people with rare
    features got a bigger chance; it says what the chances were."""
    assembly = _report_with_chances([0.5] * 8, [_row("vrouw", 0.5), _row("man", 0.5)])
    page = client.get(_url("report", assembly)).content.decode()
    assert "Iedereen die zich aanmeldde, had dezelfde kans om geloot te worden: 50,0%." in page
    assert "weinig anderen hebben, krijgen een grotere kans" not in page
    assert "grotere kans dan anderen" not in page


def test_the_report_names_who_had_a_higher_chance_when_chances_differ(client):
    assembly = _report_with_chances(
        [0.25] * 6 + [0.75] * 2, [_row("vrouw", 0.75), _row("man", 0.25)]
    )
    page = client.get(_url("report", assembly)).content.decode()
    assert "Niet iedereen had dezelfde kans" in page
    assert "De kleinste kans was 25,0%, de gemiddelde 37,5% en de grootste 75,0%." in page
    higher = page.index("Gemiddeld een grotere kans dan anderen:")
    lower = page.index("Gemiddeld een kleinere kans dan anderen:")
    assert higher < page.index("Geslacht: vrouw (gemiddeld 75,0%)") < lower
    assert lower < page.index("Geslacht: man (gemiddeld 25,0%)")


def test_chance_spread_is_computed_from_the_chances():
    equal = selectors.chance_spread({"probabilities": [0.2, 0.2004], "features": []})
    assert equal["equal"] and round(equal["chance"], 2) == 20.02
    spread = selectors.chance_spread(
        {
            "probabilities": [0.1, 0.1, 0.4],
            "features": [{"name": "L", "rows": [_row("a", 0.4), _row("b", 0.1), _row("c", 0.2)]}],
        }
    )
    assert not spread["equal"] and spread["min"] == 10.0 and spread["max"] == 40.0
    assert [row["value"] for row in spread["higher"]] == ["a"]
    assert [row["value"] for row in spread["lower"]] == ["b"]  # c is the average: neither


def test_the_chance_chart_has_axes_and_a_text_alternative(client):
    assembly = _report_with_chances(
        [0.25] * 6 + [0.75] * 2, [_row("vrouw", 0.75), _row("man", 0.25)]
    )
    page = client.get(_url("report", assembly)).content.decode()
    chart = page[page.index('<figure class="curve">') : page.index("</figure>")]
    assert 'aria-labelledby="curve-title curve-desc"' in chart
    assert "Van links naar rechts: 8 aangemelde inwoners, op volgorde van kans." in chart
    assert "van 0% tot 75,0%" in chart
    assert ">Aangemelde inwoners, van kleinste tot grootste kans</text>" in chart
    assert ">Kans</text>" in chart and ">0%</text>" in chart and ">75,0%</text>" in chart
    assert "Aantal inwoners per kans" in page  # the table with the same numbers


def test_the_report_explains_its_terms_in_plain_words(client):
    """Issue 14.11: seed, fingerprint, quota, pseudonym and the method, in plain words with
    the term of art beside them."""
    assembly = _report_with_chances([0.5] * 8, [_row("vrouw", 0.5), _row("man", 0.5)])
    page = client.get(_url("report", assembly)).content.decode()
    assert "Beginpunt van de loting (startwaarde of seed)" in page
    assert "Controlecode van de aanmeldingen en quota" in page
    assert "een ‘vingerafdruk’, gemaakt met SHA-256" in page
    assert "Zo’n afspraak heet een quotum" in page
    assert "Deskundigen noemen deze methode ‘leximin’." in page
    assert "Leximin (het eerlijkst voor iedereen; aanbevolen)" not in page
