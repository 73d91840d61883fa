"""One pagination for every list (voorop.core.pagination and {% pagination page %})."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from tests.core.areas.factories import AreaFactory
from voorop.core.areas.models import Area
from voorop.core.pagination import page_of, query_without_page


def test_a_page_is_chosen_from_the_request_and_a_bad_number_gives_a_page():
    items = list(range(60))
    request = RequestFactory().get("/", {"pagina": "2"})
    assert list(page_of(request, items, per_page=25)) == list(range(25, 50))
    assert page_of(RequestFactory().get("/", {"pagina": "x"}), items).number == 1
    assert page_of(RequestFactory().get("/", {"pagina": "99"}), items).number == 3


def test_the_links_keep_the_filters_and_replace_the_page_number():
    request = RequestFactory().get("/", {"status": "open", "pagina": "2", "q": "bank & stoel"})
    assert query_without_page(request) == "status=open&q=bank+%26+stoel"
    page = page_of(request, list(range(80)))
    with translation.override("nl"):
        html = Template("{% load pages %}{% pagination page %}").render(
            Context({"page": page, "request": request})
        )
    assert 'href="?status=open&amp;q=bank+%26+stoel&amp;pagina=1"' in html
    assert 'href="?status=open&amp;q=bank+%26+stoel&amp;pagina=3"' in html
    assert "Pagina 2 van 4" in html and 'aria-current="page"' in html


@pytest.mark.parametrize("count", [0, 25])
def test_one_page_shows_no_links(count):
    page = page_of(RequestFactory().get("/"), list(range(count)))
    html = Template("{% load pages %}{% pagination page %}").render(Context({"page": page}))
    assert "<nav" not in html


def test_two_lists_on_one_page_each_page_on_their_own_parameter():
    request = RequestFactory().get("/", {"status": "open", "pagina_a": "2", "pagina_b": "3"})
    first = page_of(request, list(range(60)), parameter="pagina_a")
    second = page_of(request, list(range(100)), parameter="pagina_b")
    assert (first.number, second.number) == (2, 3)
    with translation.override("nl"):
        html = Template(
            '{% load pages %}{% pagination page label="Bladeren door A" anchor="lijst-a" %}'
        ).render(Context({"page": first, "request": request}))
    # The other list keeps its page, the filters stay, the link opens at the list.
    assert 'href="?status=open&amp;pagina_b=3&amp;pagina_a=3#lijst-a"' in html
    assert 'href="?status=open&amp;pagina_b=3&amp;pagina_a=1#lijst-a"' in html
    assert '<nav aria-label="Bladeren door A">' in html
    assert 'aria-current="page"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("asked", [None, "", "1", "x"])
def test_a_first_page_that_holds_the_whole_list_reads_it_in_one_statement(
    asked, django_assert_num_queries
):
    areas = AreaFactory.create_batch(3)
    request = RequestFactory().get("/", {} if asked is None else {"pagina": asked})
    # "x" is not a number: the first page too, through Django's own get_page.
    with django_assert_num_queries(1 if asked != "x" else 2):
        page = page_of(request, Area.objects.order_by("pk"), per_page=3)
        assert list(page) == areas
        assert page.paginator.count == 3
        assert (page.number, page.paginator.num_pages, page.has_next()) == (1, 1, False)


@pytest.mark.django_db
def test_a_first_page_of_a_longer_list_counts_it_and_later_pages_are_django_s_own(
    django_assert_num_queries,
):
    areas = AreaFactory.create_batch(7)
    ordered = Area.objects.order_by("pk")
    with django_assert_num_queries(2):  # the page and one row more, then the count
        first = page_of(RequestFactory().get("/"), ordered, per_page=3)
        assert list(first) == areas[:3]
        assert (first.paginator.count, first.paginator.num_pages, first.has_next()) == (7, 3, True)
    last = page_of(RequestFactory().get("/", {"pagina": "3"}), ordered, per_page=3)
    assert list(last) == areas[6:] and not last.has_next()
    empty = page_of(RequestFactory().get("/"), Area.objects.none(), per_page=3)
    assert (list(empty), empty.paginator.count, empty.number) == ([], 0, 1)
