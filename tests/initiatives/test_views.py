"""The pages: who sees what, forms that keep input and explain errors in Dutch, query counts."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.accounts.factories import UserFactory, user_with_role
from tests.core.areas.factories import AreaFactory, ThemeFactory
from tests.initiatives.factories import (
    InitiativeFactory,
    MembershipFactory,
    ScenarioFactory,
    SupportFactory,
    UpdateFactory,
    owner_of,
)
from voorop.core.areas.models import AreaKind
from voorop.initiatives.models import Initiative, Status, Support, UpdatePhoto

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def url(name, initiative=None, **kwargs):
    args = [initiative.pk] if initiative is not None else []
    return reverse(f"initiatives:{name}", args=args, kwargs=kwargs or None)


def signed_in(client, user):
    client.force_login(user)
    return client


def test_gallery_shows_public_initiatives_only(client):
    InitiativeFactory(running=True, title="Dorpshuis")
    InitiativeFactory(title="Geheim concept")
    page = client.get(url("gallery")).content.decode()
    assert "Dorpshuis" in page
    assert "Geheim concept" not in page
    assert "1 initiatief gevonden" in page


def test_gallery_filters_by_area_with_its_wijken_and_ignores_bad_values(client):
    town = AreaFactory(name="Lindewaard", slug="lindewaard")
    wijk = AreaFactory(name="De Beemden", kind=AreaKind.WIJK, parent=town)
    InitiativeFactory(running=True, title="In de wijk", areas=[wijk])
    InitiativeFactory(running=True, title="Ergens anders", areas=[AreaFactory()])
    page = client.get(url("gallery"), {"area": "lindewaard"}).content.decode()
    assert "In de wijk" in page and "Ergens anders" not in page
    page = client.get(url("gallery"), {"area": "bestaat-niet", "status": "x"}).content
    assert b"In de wijk" in page and b"Ergens anders" in page


def test_gallery_is_paginated(client):
    InitiativeFactory.create_batch(13, running=True)
    first = client.get(url("gallery")).content.decode()
    assert "Pagina 1 van 2" in first and "pagina=2" in first
    assert client.get(url("gallery"), {"pagina": "99"}).status_code == 200


def test_gallery_in_few_queries(client, django_assert_max_num_queries):
    areas = AreaFactory.create_batch(6)
    themes = ThemeFactory.create_batch(5)
    for number in range(30):
        InitiativeFactory(
            running=True,
            areas=areas[number % 4 : number % 4 + 3],
            themes=themes[number % 3 : number % 3 + 3],
            support_count=number,
        )
    with django_assert_max_num_queries(8):
        response = client.get(url("gallery"), {"order": "support", "theme": themes[2].slug})
    assert response.status_code == 200


def test_initiative_page_in_few_queries(client, django_assert_max_num_queries, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    theme = ThemeFactory()
    initiative = InitiativeFactory(running=True, themes=[theme], areas=AreaFactory.create_batch(2))
    MembershipFactory.create_batch(3, initiative=initiative)
    SupportFactory.create_batch(10, initiative=initiative)
    ScenarioFactory.create_batch(3, initiative=initiative)
    for _ in range(5):
        UpdateFactory(initiative=initiative)
    for _ in range(4):
        InitiativeFactory(running=True, themes=[theme], areas=[AreaFactory()])
    visitor_client = client
    # Django keeps content types in a per-process cache: whether an earlier test in this
    # worker filled it must not change the count.
    ContentType.objects.get_for_model(Initiative)
    # 17 and 22: one COUNT since the supporters' names come a page at a time (issue 13).
    with django_assert_max_num_queries(17):
        assert visitor_client.get(url("detail", initiative)).status_code == 200
    signed_in(client, owner_of(initiative))
    with django_assert_max_num_queries(22):
        assert client.get(url("detail", initiative)).status_code == 200


def test_a_draft_is_hidden_from_others(client):
    draft = InitiativeFactory(title="Ons plan")
    assert client.get(url("detail", draft)).status_code == 404
    signed_in(client, UserFactory())
    assert client.get(url("detail", draft)).status_code == 404
    signed_in(client, owner_of(draft))
    page = client.get(url("detail", draft)).content.decode()
    assert "Ons plan" in page and "Dit is een concept" in page
    assert "Indienen bij de gemeente" in page


def test_starting_needs_an_account(client):
    response = client.get(url("new"))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_start_an_initiative_keeps_input_on_errors(client):
    resident = UserFactory()
    signed_in(client, resident)
    response = client.post(
        url("new"),
        {
            "title": "",
            "summary": "Kort",
            "description": "Mijn lange verhaal",
            "ownership_type": "met_bijdrage",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Fout:") == 1
    assert "Dit veld is verplicht" in page
    assert "Vertel wie wat bijdraagt" in page
    assert "Mijn lange verhaal</textarea>" in page and "Kort</textarea>" in page
    assert not Initiative.objects.exists()

    response = client.post(
        url("new"),
        {
            "title": "Moestuin",
            "description": "Samen groente kweken.",
            "ownership_type": "gemeenschap",
            "impulses": ["budget"],
            "requested_budget": "1.250,50",
        },
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and response["Location"] == initiative.get_absolute_url()
    assert initiative.status == Status.CONCEPT and initiative.impulses == ["budget"]
    assert str(initiative.requested_budget) == "1250.50"
    assert owner_of(initiative) == resident


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("12500", "12500"), ("12.500", "12500"), ("€ 1.250,50", "1250.50"), ("250.50", "250.50")],
)
def test_amounts_are_read_the_way_people_type_them(typed, stored):
    from voorop.core.money import EuroFormField as EuroField

    assert str(EuroField(required=False).clean(typed)) == stored


def test_a_wrong_amount_is_explained(client):
    signed_in(client, UserFactory())
    data = {"title": "X", "description": "Y", "ownership_type": "gemeenschap"}
    page = client.post(url("new"), {**data, "requested_budget": "veel"}).content.decode()
    assert "Vul een bedrag in euro in" in page and 'value="veel"' in page
    page = client.post(url("new"), {**data, "requested_budget": "-5"}).content.decode()
    assert "Het bedrag kan niet minder dan nul zijn" in page


def test_owner_edits_the_initiative(client):
    initiative = InitiativeFactory(in_conversation=True)
    signed_in(client, owner_of(initiative))
    form = client.get(url("edit", initiative)).content.decode()
    assert "Wat nodig is om te slagen" in form and "Participatietrede" in form
    response = client.post(
        url("edit", initiative),
        {
            "title": "Nieuwe naam",
            "description": "Nieuw.",
            "ownership_type": "gemeenschap",
            "is_experiment": "on",
            "experiment_mode": "",
        },
    )
    assert "Kies hoe dicht de gemeente het experiment volgt" in response.content.decode()
    response = client.post(
        url("edit", initiative),
        {
            "title": "Nieuwe naam",
            "description": "Nieuw.",
            "ownership_type": "gemeenschap",
            "ladder_step": "coproduceren",
            "is_experiment": "on",
            "experiment_mode": "loslaten",
        },
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.title, initiative.experiment_mode) == ("Nieuwe naam", "loslaten")


def test_others_cannot_edit(client):
    initiative = InitiativeFactory(running=True)
    signed_in(client, UserFactory())
    assert client.get(url("edit", initiative)).status_code == 403
    assert client.get(url("status", initiative)).status_code == 403


def test_status_change_needs_a_reason_in_plain_dutch(client):
    initiative = InitiativeFactory()
    signed_in(client, owner_of(initiative))
    response = client.post(url("status", initiative), {"action": "submit", "reason": ""})
    assert "Leg uit waarom" in response.content.decode()
    response = client.post(url("status", initiative), {"action": "discuss", "reason": "x"})
    assert "Selecteer een geldige keuze" in response.content.decode() or response.status_code == 200
    response = client.post(url("status", initiative), {"action": "submit", "reason": "Klaar!"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED
    page = client.get(url("detail", initiative)).content.decode()
    assert "Klaar!" in page  # on the timeline


def test_staff_move_it_into_conversation(client):
    initiative = InitiativeFactory(submitted=True)
    signed_in(client, user_with_role("procesbegeleider"))
    form = client.get(url("status", initiative), {"actie": "discuss"}).content.decode()
    assert "Het gesprek beginnen" in form
    client.post(url("status", initiative), {"action": "discuss", "reason": "Afspraak gemaakt."})
    initiative.refresh_from_db()
    assert initiative.status == Status.IN_CONVERSATION


def test_support_with_name_and_withdraw(client):
    initiative = InitiativeFactory(running=True)
    resident = UserFactory(display_name="Fatima el Amrani")
    assert (
        "Log in om dit initiatief te steunen"
        in client.get(url("detail", initiative)).content.decode()
    )
    signed_in(client, resident)
    response = client.post(url("support", initiative), {"show_name": "on"})
    assert response.status_code == 302
    page = client.get(url("detail", initiative)).content.decode()
    assert "Fatima el Amrani" in page and "U steunt dit initiatief" in page
    assert Initiative.objects.get(pk=initiative.pk).support_count == 1
    client.post(url("support", initiative), {"show_name": "on"})  # twice counts once
    assert Initiative.objects.get(pk=initiative.pk).support_count == 1
    client.post(url("support", initiative), {"withdraw": "1"})
    assert Initiative.objects.get(pk=initiative.pk).support_count == 0
    assert not Support.objects.exists()


def test_support_with_htmx_returns_the_box_only(client):
    initiative = InitiativeFactory(running=True)
    signed_in(client, UserFactory())
    response = client.post(url("support", initiative), {}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200 and page.startswith('<section id="steun"')
    assert "Bedankt voor uw steun" in page and "<strong>1</strong>" in page


def test_no_support_for_a_draft_or_by_get(client):
    draft = InitiativeFactory()
    signed_in(client, owner_of(draft))
    assert client.post(url("support", draft)).status_code == 403
    assert client.get(url("support", draft)).status_code == 405


def test_owner_adds_and_removes_members(client):
    initiative = InitiativeFactory(running=True)
    neighbour = UserFactory(email="buur@example.org", display_name="Buurvrouw")
    signed_in(client, owner_of(initiative))
    response = client.post(
        url("members", initiative), {"email": "niemand@example.org", "role": "member"}
    )
    page = response.content.decode()
    assert "Er is geen account met dit e-mailadres" in page and "niemand@example.org" in page
    client.post(url("members", initiative), {"email": "BUUR@example.org", "role": "member"})
    membership = initiative.memberships.get(user=neighbour)
    assert "Buurvrouw" in client.get(url("detail", initiative)).content.decode()
    client.post(reverse("initiatives:member_remove", args=[initiative.pk, membership.pk]))
    assert not initiative.memberships.filter(user=neighbour).exists()
    own = initiative.memberships.get()
    response = client.post(
        reverse("initiatives:member_remove", args=[initiative.pk, own.pk]), follow=True
    )
    assert "minstens één eigenaar" in response.content.decode()


def test_a_member_cannot_manage_members(client):
    initiative = InitiativeFactory(running=True)
    signed_in(client, MembershipFactory(initiative=initiative).user)
    assert client.get(url("members", initiative)).status_code == 403


def test_post_an_update_with_figures_and_a_photo(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    initiative = InitiativeFactory(running=True)
    signed_in(client, owner_of(initiative))
    response = client.post(
        url("update_add", initiative),
        {"title": "Eerste maand", "text": "Goed begin.", "figures": "Vrijwilligers 24"},
    )
    page = response.content.decode()
    assert "Regel 1 is geen naam en getal" in page and "Goed begin." in page
    response = client.post(
        url("update_add", initiative),
        {
            "title": "Eerste maand",
            "figures": "Vrijwilligers: 24\n\nBezoekers: 300",
            "lessons_learned": "Begin klein.",
            "photo_1": SimpleUploadedFile("foto.png", PNG, content_type="image/png"),
            "photo_1_description": "De opening",
        },
    )
    assert response.status_code == 302
    page = client.get(url("detail", initiative)).content.decode()
    assert "Bezoekers" in page and "Begin klein." in page and 'alt="De opening"' in page
    photo = UpdatePhoto.objects.get()
    client.logout()
    served = client.get(photo.get_absolute_url())
    assert served.status_code == 200 and served["Content-Type"] == "image/png"


def test_a_photo_needs_a_description_and_an_image(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    initiative = InitiativeFactory(running=True)
    signed_in(client, owner_of(initiative))
    response = client.post(
        url("update_add", initiative),
        {"title": "X", "photo_1": SimpleUploadedFile("nep.png", b"not an image")},
    )
    page = response.content.decode()
    assert "Kies een ander bestand" in page or "geen" in page
    assert "Kies ze dan opnieuw" in page


def test_photos_of_a_draft_are_private(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft = InitiativeFactory()
    update = UpdateFactory(initiative=draft)
    photo = UpdatePhoto.objects.create(
        update=update,
        image=SimpleUploadedFile("a.png", PNG),
        content_type="image/png",
        description="x",
    )
    assert client.get(photo.get_absolute_url()).status_code == 404
    signed_in(client, owner_of(draft))
    assert client.get(photo.get_absolute_url()).status_code == 200


def test_scenarios_and_facilitators(client):
    initiative = InitiativeFactory(submitted=True)
    facilitator = user_with_role("procesbegeleider")
    facilitator.display_name = "Jeroen Bakker"
    facilitator.save()
    signed_in(client, user_with_role("loketmedewerker"))
    response = client.post(url("facilitators", initiative), {"facilitator": ""})
    assert "Kies een procesbegeleider" in response.content.decode()
    client.post(url("facilitators", initiative), {"facilitator": facilitator.pk})
    assert list(initiative.facilitators.all()) == [facilitator]
    client.post(
        url("scenario_add", initiative),
        {"title": "Plan B", "description": "Anders", "arguments_for": "Sneller"},
    )
    page = client.get(url("detail", initiative)).content.decode()
    assert "Plan B" in page and "Sneller" in page and "Jeroen Bakker" in page


def test_attention_page_is_for_initiative_staff(client):
    InitiativeFactory(submitted=True, title="Wacht op begeleiding")
    signed_in(client, UserFactory())
    assert client.get(url("attention")).status_code == 403
    signed_in(client, user_with_role("loketmedewerker"))
    assert "Wacht op begeleiding" in client.get(url("attention")).content.decode()


def test_a_councillor_on_the_attention_page_gets_a_friendly_page(client):
    """Issue 14.12: not a bare 403 but a page in the site's layout saying where to go."""
    InitiativeFactory(submitted=True, title="Wacht op begeleiding")
    signed_in(client, user_with_role("raadslid"))
    response = client.get(url("attention"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "werklijst van procesbegeleiders" in page and url("gallery") in page
    assert "Wacht op begeleiding" not in page


def test_home_page_and_menus(client):
    home = client.get("/").content.decode()
    assert "Initiatieven" in home and "Steun een initiatief" in home
    signed_in(client, user_with_role("procesbegeleider"))
    assert "Initiatieven die aandacht nodig hebben" in client.get("/").content.decode()


def test_my_initiatives_include_drafts(client):
    draft = InitiativeFactory(title="Mijn concept")
    signed_in(client, owner_of(draft))
    assert "Mijn concept" in client.get(url("mine")).content.decode()
