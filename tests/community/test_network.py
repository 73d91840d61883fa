"""The neighbourhood network: posting (with pre-moderation per area), private replies,
expiry, marking done, reports, hiding without deleting, bulk moderation, the log and the
limits per account."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.accounts.factories import UserFactory, user_with_role
from tests.community.factories import NetworkFactory, PostFactory
from tests.initiatives.factories import InitiativeFactory
from voorop.community import selectors, services
from voorop.community.models import ModerationEntry, Post, PostStatus

pytestmark = pytest.mark.django_db


def post(network, author, **kw):
    data = {"kind": "ask", "category": "help", "title": "Hulp gezocht", "text": "Wie helpt?"}
    return services.post_create(actor=author, network=network, **(data | kw))


def test_a_post_is_online_at_once_or_waits_for_a_moderator_where_the_area_wants_that():
    open_area, careful_area = NetworkFactory(), NetworkFactory(premoderation=True)
    resident = UserFactory()
    assert post(open_area, resident).status == PostStatus.PUBLISHED
    waiting = post(careful_area, resident)
    assert waiting.status == PostStatus.PENDING
    assert list(selectors.posts_open(careful_area)) == []
    services.post_moderate(actor=user_with_role("procesbegeleider"), post=waiting, action="approve")
    assert list(selectors.posts_open(careful_area)) == [waiting]


def test_a_post_expires_and_leaves_the_list():
    network = NetworkFactory()
    old = PostFactory(network=network, expires_at=timezone.now() - timedelta(minutes=1))
    fresh = PostFactory(network=network)
    assert list(selectors.posts_open(network)) == [fresh]
    assert not old.is_open


def test_a_vacancy_names_its_initiative():
    with pytest.raises(ValidationError):
        post(NetworkFactory(), UserFactory(), kind="vacancy", category="volunteering")
    initiative = InitiativeFactory()
    vacancy = post(
        NetworkFactory(),
        UserFactory(),
        kind="vacancy",
        category="volunteering",
        initiative=initiative,
    )
    assert vacancy.initiative == initiative


def test_a_reply_reaches_only_the_poster_by_mail_without_anyones_address(mails, client):
    item = PostFactory()
    helper = UserFactory()
    services.post_reply(actor=helper, post=item, text="Ik help graag, bel 06-12345678")
    assert [m.to for m in mails] == [[item.author.email]]
    assert "06-12345678" not in mails[0].body  # the text is read behind log-in
    assert helper.email not in mails[0].body
    assert [r.author for r in selectors.replies_visible_to(item, item.author)] == [helper]
    assert list(selectors.replies_visible_to(item, UserFactory())) == []
    page = client.get(item.get_absolute_url()).content.decode()
    assert "06-12345678" not in page
    assert item.author.email not in page
    client.force_login(item.author)
    assert "06-12345678" in client.get(item.get_absolute_url()).content.decode()


def test_the_poster_cannot_reply_to_themselves_and_nobody_replies_to_a_closed_post():
    item = PostFactory()
    with pytest.raises(PermissionDenied):
        services.post_reply(actor=item.author, post=item, text="Ik")
    services.post_close(actor=item.author, post=item)
    assert item.status == PostStatus.DONE
    with pytest.raises(PermissionDenied):
        services.post_reply(actor=UserFactory(), post=item, text="Te laat")


def test_only_the_poster_or_a_moderator_marks_done():
    item = PostFactory()
    with pytest.raises(PermissionDenied):
        services.post_close(actor=UserFactory(), post=item)


def test_a_reported_post_is_hidden_but_kept_and_logged_and_can_be_shown_again():
    item = PostFactory()
    services.post_report(actor=UserFactory(), post=item, reason="Reclame")
    assert list(selectors.moderation_queue()) == [item]
    moderator = user_with_role("beheerder")
    with pytest.raises(ValidationError):
        services.post_moderate(actor=moderator, post=item, action="hide", reason="")
    services.post_moderate(actor=moderator, post=item, action="hide", reason="Reclame")
    item.refresh_from_db()
    assert item.status == PostStatus.HIDDEN
    assert list(selectors.moderation_queue()) == []  # reports are handled
    assert list(selectors.posts_open(item.network)) == []
    assert Post.objects.filter(pk=item.pk).exists()
    services.post_moderate(actor=moderator, post=item, action="restore", reason="Toch goed")
    assert [e.action for e in ModerationEntry.objects.filter(post=item)] == ["restore", "hide"]
    with pytest.raises(ProtectedError):
        item.delete()  # the log keeps the post (PROTECT)


def test_bulk_moderation_logs_each_post():
    network = NetworkFactory(premoderation=True)
    resident = UserFactory()
    posts = [post(network, resident, title=f"Bericht {n}") for n in range(3)]
    entries = services.posts_moderate(
        actor=user_with_role("procesbegeleider"), posts=posts, action="approve"
    )
    assert len(entries) == 3
    assert set(network.posts.values_list("status", flat=True)) == {PostStatus.PUBLISHED}


def test_residents_and_council_members_do_not_moderate():
    with pytest.raises(PermissionDenied):
        services.post_moderate(actor=UserFactory(), post=PostFactory(), action="hide", reason="x")


def test_a_hidden_post_is_gone_for_others_but_not_for_its_poster(client):
    item = PostFactory(status=PostStatus.HIDDEN)
    assert client.get(item.get_absolute_url()).status_code == 404
    client.force_login(item.author)
    assert client.get(item.get_absolute_url()).status_code == 200


def test_posting_is_limited_per_account():
    network = NetworkFactory()
    resident = UserFactory()
    for n in range(services.network.POSTS.limit):
        post(network, resident, title=f"Bericht {n}")
    with pytest.raises(ValidationError) as error:
        post(network, resident, title="Een te veel")
    assert error.value.code == "throttled"
    assert network.posts.count() == services.network.POSTS.limit


def test_the_moderator_hides_in_bulk_on_the_page(client):
    item = PostFactory()
    services.post_report(actor=UserFactory(), post=item, reason="Scheldwoorden")
    client.force_login(user_with_role("procesbegeleider"))
    url = reverse("community:moderation")
    response = client.post(url, {"posts": [item.pk], "action": "hide", "reason": ""})
    assert response.status_code == 200  # a reason is needed to hide
    response = client.post(url, {"posts": [item.pk], "action": "hide", "reason": "Scheldwoorden"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == PostStatus.HIDDEN
    log = client.get(reverse("community:moderation_log")).content.decode()
    assert "Scheldwoorden" in log


ANSWER = "Fijn! Bel me op 06-99887766"


def test_the_poster_answers_one_replier_and_only_that_replier_reads_it(mails):
    item = PostFactory()
    first, second, stranger = UserFactory(), UserFactory(), UserFactory()
    reply = services.post_reply(actor=first, post=item, text="Ik help graag")
    other = services.post_reply(actor=second, post=item, text="Ik ook")
    mails.clear()
    answer = services.post_answer(actor=item.author, reply=reply, text=ANSWER)
    assert answer.to == first
    assert [m.to for m in mails] == [[first.email]]  # the other person, nobody else
    assert ANSWER not in mails[0].body and "06-99887766" not in mails[0].body
    assert item.author.email not in mails[0].body
    assert list(selectors.replies_visible_to(item, first)) == [reply, answer]
    assert list(selectors.replies_visible_to(item, second)) == [other]
    assert list(selectors.replies_visible_to(item, stranger)) == []
    # The poster sees every thread, one per person, in the order they began.
    threads = selectors.reply_threads(item, item.author)
    assert [(t.person, t.messages) for t in threads] == [
        (first, [reply, answer]),
        (second, [other]),
    ]
    assert [t.person for t in selectors.reply_threads(item, first)] == [first]
    assert selectors.reply_threads(item, stranger) == []


def test_the_replier_answers_back_and_the_poster_gets_the_mail(mails):
    item = PostFactory()
    helper = UserFactory()
    reply = services.post_reply(actor=helper, post=item, text="Ik help graag")
    services.post_answer(actor=item.author, reply=reply, text=ANSWER)
    mails.clear()
    again = services.post_reply(actor=helper, post=item, text="Ik bel morgen")
    assert again.to is None  # to the poster
    assert [m.to for m in mails] == [[item.author.email]]
    (thread,) = selectors.reply_threads(item, item.author)
    assert thread.answerable == again  # the poster answers the latest message


def test_only_the_poster_answers_and_only_on_an_open_post():
    item = PostFactory()
    helper = UserFactory()
    reply = services.post_reply(actor=helper, post=item, text="Ik help graag")
    for someone in (helper, UserFactory()):
        with pytest.raises(PermissionDenied):
            services.post_answer(actor=someone, reply=reply, text="Nee")
    answer = services.post_answer(actor=item.author, reply=reply, text=ANSWER)
    with pytest.raises(PermissionDenied):  # the poster does not answer their own message
        services.post_answer(actor=item.author, reply=answer, text="Nog iets")
    services.post_close(actor=item.author, post=item)
    with pytest.raises(PermissionDenied):
        services.post_answer(actor=item.author, reply=reply, text="Te laat")


def test_the_answer_leaves_no_text_or_address_in_a_task_row(queued_mail):
    from django.core import mail as outbox

    from voorop.core import dbscan

    item = PostFactory()
    helper = UserFactory()
    reply = services.post_reply(actor=helper, post=item, text="Ik help graag")
    services.post_answer(actor=item.author, reply=reply, text=ANSWER)
    hits = dbscan.find([ANSWER, helper.email, item.author.email])
    assert [hit for hit in hits if hit.table.startswith("django_tasks")] == []
    queued_mail()
    assert sorted(m.to[0] for m in outbox.outbox) == sorted([item.author.email, helper.email])


def test_the_pages_show_each_person_only_their_own_thread(client, mails):
    item = PostFactory()
    first, second, stranger = UserFactory(), UserFactory(), UserFactory()
    reply = services.post_reply(actor=first, post=item, text="Eerste reactie")
    services.post_reply(actor=second, post=item, text="Tweede reactie")
    answer_url = reverse("community:post_answer", args=[item.network.area.slug, item.pk, reply.pk])
    client.force_login(item.author)
    page = client.get(item.get_absolute_url()).content.decode()
    assert answer_url in page  # a form under each thread, without JavaScript
    # Names as the page writes them (a generated name may hold an apostrophe: "van 't Wel").
    assert escape(first.public_name) in page and escape(second.public_name) in page
    response = client.post(answer_url, {f"antwoord-{reply.pk}-text": ANSWER})
    assert response.status_code == 302
    assert [m.to for m in mails[-1:]] == [[first.email]]

    client.force_login(first)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Eerste reactie" in page and ANSWER in page
    assert "Tweede reactie" not in page
    assert client.post(answer_url, {f"antwoord-{reply.pk}-text": "Ik"}).status_code == 403

    for outsider in (second, stranger):
        client.force_login(outsider)
        page = client.get(item.get_absolute_url()).content.decode()
        assert "Eerste reactie" not in page and ANSWER not in page
    client.force_login(stranger)
    assert "Tweede reactie" not in client.get(item.get_absolute_url()).content.decode()
