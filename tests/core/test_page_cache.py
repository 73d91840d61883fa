"""Public pages from the shared cache (voorop.core.page_cache, decision 0015): served to
visitors without a session, with their own CSRF token; renewed by the services."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from tests.accounts.factories import UserFactory
from tests.challenge.factories import ChallengeFactory
from tests.council.factories import EventFactory
from tests.initiatives.factories import InitiativeFactory
from tests.loket.factories import once_key, public_form
from voorop.core import cache, page_cache
from voorop.initiatives import selectors as initiatives_selectors
from voorop.initiatives import services as initiatives_services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.SECURE_SSL_REDIRECT = False
    settings.VOOROP_PAGE_CACHE = True


def test_a_version_stays_until_renewed_and_renewing_changes_it():
    first = cache.version("test.data", 1)
    assert cache.version("test.data", 1) == first
    assert cache.version("test.data", 2) != first
    cache.renew("test.data", 1)
    assert cache.version("test.data", 1) != first


@pytest.mark.parametrize("renew", [cache.renew, cache.renew_at_next_read])
def test_renewing_inside_a_transaction_renews_again_at_the_commit(
    renew, django_capture_on_commit_callbacks
):
    before = cache.version("test.data")
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        renew("test.data")
        during = cache.version("test.data")
    assert len(callbacks) == 1
    # A page stored under `during` from rows read before the commit is never read again.
    assert len({before, during, cache.version("test.data")}) == 3


def test_renewing_at_the_next_read_drops_the_version_and_the_reader_makes_it(monkeypatch):
    first = cache.version("test.data", 1)
    stores: list[str] = []
    for method in ("set", "add"):
        original = getattr(cache.default_cache, method)
        monkeypatch.setattr(
            cache.default_cache,
            method,
            lambda *a, _original=original, _method=method, **k: (
                stores.append(_method) or _original(*a, **k)
            ),
        )
    cache.renew_at_next_read("test.data", 1)
    assert stores == []  # the change stores nothing: one delete
    assert cache.default_cache.get(cache.key("test.data.version", 1)) is None
    second = cache.version("test.data", 1)
    assert stores == ["add"] and second != first
    assert cache.version("test.data", 1) == second


def test_remember_with_a_timeout_of_the_value_stores_only_a_positive_one():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cache.remember("test.t", compute=compute, timeout=lambda value: 0) == 1
    assert cache.remember("test.t", compute=compute, timeout=lambda value: 60) == 2
    assert cache.remember("test.t", compute=compute, timeout=lambda value: 60) == 2


def test_a_visitor_gets_the_stored_page_without_the_view_reading_the_database(client):
    InitiativeFactory(title="Eerste", running=True)
    url = reverse("initiatives:gallery")
    assert "Eerste" in client.get(url).text
    # Made without a service: the stored page does not know it (it is served from the cache).
    InitiativeFactory(title="Tweede", running=True)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).text
    assert "Tweede" not in page
    assert not [q for q in queries.captured_queries if "initiatives_" in q["sql"]]


def test_a_change_through_a_service_shows_at_once(client):
    initiative = InitiativeFactory(title="Speeltuin", running=True)
    url = reverse("initiatives:detail", args=[initiative.pk])
    gallery = reverse("initiatives:gallery")
    assert "<strong>0</strong>" in client.get(url).text
    client.get(gallery)
    InitiativeFactory(title="Zonder dienst gemaakt", running=True)
    supporter = UserFactory()
    initiatives_services.support_add(initiative=initiative, user=supporter, show_name=True)
    page = client.get(url).text
    assert "<strong>1</strong>" in page and escape(supporter.public_name) in page
    assert "Zonder dienst gemaakt" in client.get(gallery).text  # the gallery was renewed too


def test_each_visitor_gets_a_token_of_their_own_never_the_placeholder(client):
    first = client.get("/")
    second = client.__class__().get("/")  # another browser
    assert page_cache.CSRF_PLACEHOLDER not in first.text
    assert page_cache.CSRF_PLACEHOLDER not in second.text
    token = 'name="csrfmiddlewaretoken" value="'
    assert token in first.text and token in second.text
    assert settings.CSRF_COOKIE_NAME in second.cookies
    assert first.cookies[settings.CSRF_COOKIE_NAME].value != (
        second.cookies[settings.CSRF_COOKIE_NAME].value
    )


def test_a_visitor_with_a_session_gets_the_view_itself(client):
    InitiativeFactory(title="Eerste", running=True)
    url = reverse("initiatives:gallery")
    client.get(url)
    InitiativeFactory(title="Tweede", running=True)
    client.force_login(UserFactory())
    page = client.get(url).text
    assert "Tweede" in page  # not the stored page


def test_each_language_and_each_page_number_is_stored_apart(client):
    for n in range(14):
        InitiativeFactory(title=f"Initiatief nummer {n:02d}", running=True)
    url = reverse("initiatives:gallery")
    dutch = client.get(url).text
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    assert 'lang="nl"' in dutch and 'lang="en"' in english
    second = client.get(url, {"pagina": 2}).text
    assert second != dutch


def test_the_challenges_register_shows_a_change_of_its_service(client):
    from voorop.challenge import services as challenge_services

    challenge = ChallengeFactory(title="Maaien door het dorp")
    url = reverse("challenge:register")
    assert "Maaien door het dorp" in client.get(url).text
    ChallengeFactory(title="Zonder dienst gemaakt")
    assert "Zonder dienst gemaakt" not in client.get(url).text  # the stored page
    challenge_services.challenge_withdraw(
        challenge=challenge, actor=challenge.submitter, reason="Toch niet."
    )
    assert "Zonder dienst gemaakt" in client.get(url).text


def test_the_events_list_shows_a_saved_event_at_once(client):
    from tests.accounts.factories import user_with_role
    from voorop.council import services as council_services

    event = EventFactory(title="Stamtafel in de kerk")
    url = reverse("council:event_list")
    assert "Stamtafel in de kerk" in client.get(url).text
    council_services.event_save(
        actor=user_with_role("griffie"), event=event, data={"title": "Stamtafel in de molen"}
    )
    page = client.get(url).text
    assert "Stamtafel in de molen" in page and "Stamtafel in de kerk" not in page


def test_the_events_list_is_kept_no_longer_than_until_the_next_event_starts(client):
    from datetime import timedelta

    from django.utils import timezone

    EventFactory(title="Zo meteen", starts_at=timezone.now() + timedelta(seconds=1))
    url = reverse("council:event_list")
    client.get(url)
    EventFactory(title="Later", starts_at=timezone.now() + timedelta(days=3))
    # The stored page expires when "Zo meteen" starts (here: within a second): not stored
    # for the default five minutes.
    import time

    time.sleep(1.1)
    assert "Later" in client.get(url).text


def test_a_query_string_the_page_does_not_read_is_never_stored(client):
    """Random parameters (?x=1, ?x=2, …) cannot fill the cache and push real pages out."""
    InitiativeFactory(title="Eerste", running=True)
    url = reverse("initiatives:gallery")
    client.get(url + "?x=1")
    InitiativeFactory(title="Tweede", running=True)  # without a service: only a new render sees it
    assert "Tweede" in client.get(url + "?x=1").text
    # The filters and the page number it does read are stored as before.
    client.get(url + "?pagina=1")
    InitiativeFactory(title="Derde", running=True)
    assert "Derde" not in client.get(url + "?pagina=1").text


def test_the_desk_form_is_kept_with_a_key_and_a_token_for_each_visitor(mails):
    from django.test import Client

    from voorop.loket.models import DeskItem
    from voorop.loket.views import ONCE_PLACEHOLDER

    first = Client().get("/loket/")
    with CaptureQueriesContext(connection) as queries:
        second = Client().get("/loket/")
    # Served from the cache: no area, theme or session read.
    assert not [q for q in queries.captured_queries if "areas_" in q["sql"]]
    keys = [once_key(page) for page in (first, second)]
    assert keys[0] != keys[1] and len(keys[1]) >= 20
    for page in (first, second):
        assert ONCE_PLACEHOLDER not in page.text
        assert page_cache.CSRF_PLACEHOLDER not in page.text
    assert first.cookies[settings.CSRF_COOKIE_NAME].value != (
        second.cookies[settings.CSRF_COOKIE_NAME].value
    )
    # The key of the kept page works as a form's own: sent twice, one item.
    form = public_form(keys[1])
    assert Client(REMOTE_ADDR="198.51.100.1").post("/loket/", form).status_code == 302
    assert Client(REMOTE_ADDR="198.51.100.2").post("/loket/", form).status_code == 302
    assert DeskItem.objects.count() == 1


def test_the_desk_form_offers_an_area_or_theme_changed_in_the_back_office_at_once(client):
    from tests.accounts.factories import user_with_role
    from tests.core.areas.factories import ThemeFactory
    from voorop.core.areas.models import Area

    assert "Nieuwbouwwijk" not in client.get("/loket/").text
    theme = ThemeFactory(name="water")  # made without the back office: the kept page stays
    assert ">water</option>" not in client.get("/loket/").text
    staff = client.__class__()
    staff.force_login(user_with_role("beheerder"))
    added = staff.post(
        "/beheer/areas/area/add/",
        {"name": "Nieuwbouwwijk", "slug": "nieuwbouwwijk", "kind": "wijk"},
    )
    assert added.status_code == 302 and Area.objects.filter(name="Nieuwbouwwijk").exists()
    page = client.get("/loket/").text
    assert "Nieuwbouwwijk" in page and ">water</option>" in page
    staff.post(f"/beheer/areas/theme/{theme.pk}/delete/", {"post": "yes"})
    assert ">water</option>" not in client.get("/loket/").text


def test_the_desk_form_with_an_unknown_parameter_or_a_session_is_the_view_itself(client):
    from tests.core.areas.factories import ThemeFactory

    client.get("/loket/?soort=idee")
    ThemeFactory(name="water")
    assert ">water</option>" not in client.get("/loket/?soort=idee").text  # a known kind: kept
    assert ">water</option>" in client.get("/loket/?x=1").text
    client.force_login(UserFactory())
    page = client.get("/loket/").text
    assert ">water</option>" in page and 'name="contact_email"' not in page


@pytest.mark.parametrize(
    "query",
    ["?soort=zzz", "?soort=idee&soort=idee", "?pagina=2", "?x=1"],
)
def test_the_desk_form_keeps_no_page_for_a_value_it_does_not_show(client, query):
    """Only a known kind makes a stored desk form: made-up values cannot fill the cache."""
    from tests.core.areas.factories import ThemeFactory

    client.get(f"/loket/{query}")
    ThemeFactory(name="water")  # without the back office: only a new render shows it
    assert ">water</option>" in client.get(f"/loket/{query}").text


@pytest.mark.parametrize("page", ["abc", "01", "²", "1&pagina=2"])
def test_a_page_number_that_is_not_a_number_is_never_stored(client, page):
    url = reverse("initiatives:gallery")
    InitiativeFactory(title="Eerste", running=True)
    client.get(f"{url}?pagina={page}")
    client.get(url + "?pagina=1")
    InitiativeFactory(title="Tweede", running=True)  # without a service
    assert "Tweede" in client.get(f"{url}?pagina={page}").text
    assert "Tweede" not in client.get(url + "?pagina=1").text  # a real page number is kept


def test_a_page_that_reads_no_page_number_keeps_none(client):
    from tests.core.areas.factories import ThemeFactory

    client.get("/?pagina=2")
    client.get("/loket/?pagina=2")
    ThemeFactory(name="water")
    assert ">water</option>" in client.get("/loket/?pagina=2").text
    initiative = InitiativeFactory(title="Speeltuin", running=True)
    detail = reverse("initiatives:detail", args=[initiative.pk])
    # The initiative's own page numbers: digits only.
    assert client.get(detail + "?pagina_berichten=2&pagina_tijdlijn=1").status_code == 200
    client.get(detail + "?pagina_berichten=x")
    initiative.title = "Speeltuin aan de vijver"
    initiative.save()  # without a service: only a new render shows it
    assert "Speeltuin aan de vijver" in client.get(detail + "?pagina_berichten=x").text
    assert (
        "Speeltuin aan de vijver"
        not in client.get(detail + "?pagina_berichten=2&pagina_tijdlijn=1").text
    )


def test_the_challenges_register_is_kept_per_filter(client):
    """Its filters are free parameters (any value the form reads): a filtered register is
    answered and kept like the plain one."""
    ChallengeFactory(title="Maaien door het dorp")
    url = reverse("challenge:register")
    first = client.get(url + "?stage=&outcome=")
    assert first.status_code == 200 and "Maaien door het dorp" in first.text
    ChallengeFactory(title="Zonder dienst gemaakt")
    assert "Zonder dienst gemaakt" not in client.get(url + "?stage=&outcome=").text


def test_choices_must_be_collections_of_values():
    with pytest.raises(TypeError):
        page_cache.for_visitors("test.page", choices={"soort": object()})
    with pytest.raises(TypeError):
        page_cache.for_visitors("test.page", choices={"soort": "idee"})


def test_a_page_served_again_comes_from_this_process_and_a_new_version_from_the_view(
    client, monkeypatch
):
    """Each process keeps a copy of the pages it read from the shared cache: the next visit
    reads only the data's version there, not the whole page; a renewed version (from any
    app server) shows at once."""
    from django.core.cache import caches

    InitiativeFactory(title="Speeltuin", running=True)
    url = reverse("initiatives:gallery")
    assert "Speeltuin" in client.get(url).text  # rendered, stored in the shared cache
    assert not caches[page_cache.LOCAL_ALIAS]._cache
    assert "Speeltuin" in client.get(url).text  # read from the shared cache, copied
    assert len(caches[page_cache.LOCAL_ALIAS]._cache) == 1
    read: list[str] = []
    shared_get = cache.default_cache.get
    monkeypatch.setattr(
        cache.default_cache,
        "get",
        lambda key, *a, **k: read.append(key) or shared_get(key, *a, **k),
    )
    assert "Speeltuin" in client.get(url).text
    assert read and all(".version:" in key for key in read)  # not the page itself
    InitiativeFactory(title="Zonder dienst gemaakt", running=True)
    assert "Zonder dienst gemaakt" not in client.get(url).text  # the copy
    cache.renew(initiatives_selectors.PUBLIC_PAGES)  # as a service on any app server does
    assert "Zonder dienst gemaakt" in client.get(url).text


def test_nothing_is_copied_while_the_shared_cache_is_down(client, monkeypatch):
    """Then every version is a new random one: a copy would never be read again."""
    from django.core.cache import caches

    def down(*args, **kwargs):
        raise ConnectionError("redis is restarting")

    monkeypatch.setattr(cache.default_cache, "get", down)
    monkeypatch.setattr(cache.default_cache, "get_many", down)
    InitiativeFactory(title="Speeltuin", running=True)
    url = reverse("initiatives:gallery")
    for _ in range(3):
        assert "Speeltuin" in client.get(url).text
    assert not caches[page_cache.LOCAL_ALIAS]._cache


def test_a_copy_expires_with_the_shared_entry_not_a_lifetime_later(client, monkeypatch):
    """A page that changes by time alone (``until``) is served from no copy after it
    changed: a copy made from an entry another process stored 20 s ago expires with it."""
    import time
    from datetime import timedelta

    from django.core.cache import caches
    from django.utils import timezone

    EventFactory(title="Zo meteen", starts_at=timezone.now() + timedelta(seconds=30))
    url = reverse("council:event_list")
    client.get(url)  # stored in the shared cache until the event starts
    later = timezone.now() + timedelta(seconds=20)
    monkeypatch.setattr(page_cache.timezone, "now", lambda: later)
    client.get(url)  # read from the shared cache, 20 s later by this process's clock
    (copy_expires,) = caches[page_cache.LOCAL_ALIAS]._expire_info.values()
    assert copy_expires <= time.time() + 10.5  # the 10 s left, not another 30
