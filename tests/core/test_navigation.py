"""The menus: the entries a user may see, in order of their translated labels, each with
its address and the current page marked. Issue 13 works the order and the addresses out
once (per language, URL configuration and script prefix) instead of on every page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse, set_script_prefix
from django.utils import translation

from tests.accounts.factories import user_with_role
from voorop.core import navigation

pytestmark = pytest.mark.django_db


def _menu(path="/", user=None, menu="main"):
    request = RequestFactory().get(path)
    request.user = user or AnonymousUser()
    return navigation.items_for(request, menu)


def _expected(language, user, menu):
    with translation.override(language):
        ordered = sorted(navigation._registry, key=lambda i: (i.order, str(i.label)))
        return [
            (str(item.label), reverse(item.url_name))
            for item in ordered
            if item.menu == menu and item.visible(user)
        ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_entries_in_order_of_their_translated_labels(language):
    officer = user_with_role("beheerder")
    for menu in ("main", "staff"):
        with translation.override(language):
            got = [(str(e["label"]), e["url"]) for e in _menu(user=officer, menu=menu)]
        assert got == _expected(language, officer, menu)
        assert got  # both menus have entries for a beheerder
    # Each language its own order, worked out for each (not the first one's kept).
    with translation.override("nl"):
        dutch = [str(e["label"]) for e in _menu(user=officer)]
    with translation.override("en"):
        english = [str(e["label"]) for e in _menu(user=officer)]
    assert dutch != english


def test_only_what_the_user_may_see_and_the_current_page():
    assert _menu(menu="staff") == []
    officer = user_with_role("loketmedewerker")
    queue = reverse("loket:queue")
    entries = _menu(queue + "?pagina=2", user=officer, menu="staff")
    assert [e["url"] for e in entries if e["current"]] == [queue]
    assert len(entries) < len(_menu(user=user_with_role("beheerder"), menu="staff"))


def test_addresses_follow_the_script_prefix():
    plain = {e["url"] for e in _menu()}
    set_script_prefix("/participatie/")
    try:
        prefixed = {e["url"] for e in _menu()}
    finally:
        set_script_prefix("/")
    assert prefixed == {"/participatie" + url for url in plain}
    assert {e["url"] for e in _menu()} == plain


def test_an_entry_registered_later_shows():
    _menu()  # the order is worked out
    item = navigation.NavItem(label="Zzz test", url_name="core:privacy", order=10_000)
    navigation.register(item)
    try:
        assert _menu()[-1]["label"] == "Zzz test"
    finally:
        navigation._registry.remove(item)
        navigation._in_order.cache_clear()
