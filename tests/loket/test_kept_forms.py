"""Issue 13: the blank public desk form and the queue's filters come from the kept pieces
(voorop.core.fragments.form_html) and show the same as when rendered: every visitor gets a
one-time key of their own, and a new area, theme or colleague shows at once."""

import pickle
import re

import pytest
from django.utils import translation

from tests.accounts.factories import UserFactory, user_with_role
from tests.core.areas.factories import AreaFactory, ThemeFactory
from voorop.core import forms as core_forms
from voorop.loket.views import ONCE_PLACEHOLDER

pytestmark = pytest.mark.django_db


@pytest.fixture
def widget_renders(monkeypatch):
    """How often a form's field or widget is rendered."""
    calls = []
    original = core_forms.VooropFormRenderer.render

    def counting(self, template_name, context, request=None):
        calls.append(template_name)
        return original(self, template_name, context, request)

    monkeypatch.setattr(core_forms.VooropFormRenderer, "render", counting)
    return calls


def _form_part(html: str) -> str:
    start = html.index('<form method="post" enctype="multipart/form-data"')
    part = html[start : html.index("</form>", start)]
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "CSRF", part)


def test_the_blank_desk_form_is_kept_with_a_key_for_each_visitor(client, widget_renders):
    first = client.get("/loket/").content.decode()
    assert widget_renders
    widget_renders.clear()
    second = client.get("/loket/").content.decode()
    assert widget_renders == []  # from the cache
    keys = [re.search(r'name="once" value="([\w-]+)"', page).group(1) for page in (first, second)]
    assert keys[0] != keys[1] and ONCE_PLACEHOLDER not in first + second
    same = [
        _form_part(page).replace(key, "KEY")
        for page, key in zip((first, second), keys, strict=True)
    ]
    assert same[0] == same[1]
    # A new area and a new theme are offered at once.
    AreaFactory(name="Nieuwbouwwijk")
    ThemeFactory(name="water")
    third = client.get("/loket/").content.decode()
    assert "Nieuwbouwwijk" in third and ">water</option>" in third
    # The kind asked for in the address is chosen; another language is its own form.
    chosen = client.get("/loket/?soort=signaal").content.decode()
    assert re.search(r'value="signaal"[^>]* checked', chosen)
    with translation.override("en"):
        english = client.get("/loket/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "What would you like to share?" in english


def test_a_signed_in_resident_gets_the_form_without_contact_fields(client):
    assert 'name="contact_email"' in client.get("/loket/").content.decode()
    client.force_login(UserFactory())
    html = client.get("/loket/").content.decode()
    assert 'name="contact_email"' not in html and 'name="once"' in html


def test_the_queue_filters_are_kept_and_follow_the_data_and_the_choices(client, widget_renders):
    client.force_login(user_with_role("loketmedewerker"))
    area = AreaFactory(name="Noord")
    client.get("/loket/werkvoorraad/")
    widget_renders.clear()
    html = client.get("/loket/werkvoorraad/").content.decode()
    assert widget_renders == []
    assert '<option value="open" selected>' in html
    html = client.get(f"/loket/werkvoorraad/?area={area.pk}&overdue=on").content.decode()
    assert f'<option value="{area.pk}" selected>' in html
    assert 'name="overdue" id="id_overdue" checked' in html
    colleague = user_with_role("procesbegeleider")
    colleague.display_name = "Nieuwe collega"
    colleague.save()
    html = client.get("/loket/werkvoorraad/").content.decode()
    assert f'<option value="{colleague.pk}">Nieuwe collega</option>' in html
    html = client.get("/loket/werkvoorraad/?area=99999").content.decode()
    assert 'aria-invalid="true"' in html  # a choice that is not there is still an error


def test_the_task_list_is_not_kept_and_each_officer_gets_their_own_token():
    """Review: the task list holds submitters' contact details and is at most ten rows, so
    it is rendered for each view; the queue's table is kept in the process's own memory,
    never in the shared cache."""
    from django.core.cache import caches
    from django.test import Client

    from tests.loket.factories import DeskItemFactory
    from voorop.core.page_cache import CSRF_PLACEHOLDER
    from voorop.loket.models import DeskTask

    item = DeskItemFactory(contact_phone="0612345678", contact_name="Piet")
    task = DeskTask.objects.create(item=item, kind=DeskTask.Kind.CALL, text="Bel Piet")
    first, second = user_with_role("loketmedewerker"), user_with_role("loketmedewerker")
    tokens = []
    for officer in (first, second):
        client = Client(enforce_csrf_checks=True)
        client.force_login(officer)
        html = client.get("/loket/werkvoorraad/").content.decode()
        assert "Bel Piet" in html and CSRF_PLACEHOLDER not in html
        form = html[html.index(f'action="/loket/taak/{task.pk}/gedaan/"') :]
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', form).group(1))
    assert tokens[0] != tokens[1]
    kept = [pickle.loads(value) for value in caches["fragments"]._cache.values()]  # noqa: S301
    assert kept and not [piece for piece in kept if "Bel Piet" in piece]
    shared = list(caches["default"]._cache)
    assert not [name for name in shared if "queue_table" in name or "queue_filters" in name]
    response = client.post(
        f"/loket/taak/{task.pk}/gedaan/", {"from": "queue", "csrfmiddlewaretoken": tokens[1]}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_at is not None
    assert "Bel Piet" not in client.get("/loket/werkvoorraad/").content.decode()


def test_an_unknown_kind_in_the_address_keeps_no_piece_of_its_own(client):
    from django.core.cache import caches

    client.get("/loket/")
    pieces = len(caches["fragments"]._cache)
    for junk in ("x1", "x2", "<script>"):
        assert client.get(f"/loket/?soort={junk}").status_code == 200
    assert len(caches["fragments"]._cache) == pieces
    html = client.get("/loket/?soort=vraag").content.decode()
    assert re.search(r'value="vraag"[^>]*checked|<option value="vraag" selected', html)
