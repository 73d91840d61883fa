"""The manifest: versions kept and compared, comments on passages, additions accepted with
their author or declined with a reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.accounts.factories import UserFactory, user_with_role
from tests.community.factories import VersionFactory
from voorop.community import selectors, services
from voorop.community.models import AdditionStatus

pytestmark = pytest.mark.django_db

TEXT = "Wij zetten de samenleving voorop.\n\nWij luisteren eerst.\n\nWij laten los."


def test_the_griffie_publishes_versions_and_every_one_is_kept():
    griffie = user_with_role("griffie")
    manifest = services.manifest_create(
        actor=griffie, title="Samenleving Voorop", slug="sv", text=TEXT
    )
    services.version_publish(actor=griffie, manifest=manifest, text=TEXT + "\n\nWij leren.")
    assert [v.number for v in manifest.versions.all()] == [2, 1]
    assert selectors.latest_version(manifest).passages[-1] == "Wij leren."


def test_only_the_griffie_publishes():
    version = VersionFactory()
    with pytest.raises(PermissionDenied):
        services.version_publish(
            actor=user_with_role("raadslid"), manifest=version.manifest, text="x"
        )


def test_the_comparison_shows_added_removed_and_changed_passages_word_by_word():
    before = VersionFactory(text=TEXT)
    after = VersionFactory(
        manifest=before.manifest,
        number=2,
        text="Wij zetten de samenleving altijd voorop.\n\nWij laten los.\n\nWij leren samen.",
    )
    rows = selectors.version_diff(before, after)
    kinds = [row.kind for row in rows]
    assert kinds == ["changed", "removed", "same", "added"]
    assert ("ins", "altijd") in rows[0].parts
    assert rows[1].parts == (("del", "Wij luisteren eerst."),)
    assert rows[3].parts == (("ins", "Wij leren samen."),)


def test_the_comparison_page_marks_changes_in_words_too(client):
    before = VersionFactory(text=TEXT)
    VersionFactory(manifest=before.manifest, number=2, text=TEXT.replace("eerst", "altijd eerst"))
    page = client.get(reverse("community:version_compare", args=[before.manifest.slug, 2]))
    html = page.content.decode()
    assert "<ins>altijd</ins>" in html or "<ins>altijd eerst.</ins>" in html


def test_a_resident_comments_on_a_passage_of_the_version():
    version = VersionFactory()
    resident = UserFactory()
    comment = services.comment_add(actor=resident, version=version, passage=2, text="Mooi!")
    rows = selectors.passage_rows(version)
    assert rows[1].comments == [comment]
    with pytest.raises(ValidationError):
        services.comment_add(actor=resident, version=version, passage=9, text="Nergens")


def test_an_accepted_addition_goes_into_the_next_version_with_its_author(mails):
    griffie = user_with_role("griffie")
    version = VersionFactory()
    author = UserFactory(display_name="Fatima Bakkali")
    addition = services.addition_propose(
        actor=author, version=version, text="Wij vieren wat lukt.", on_behalf_of="Buurtvereniging"
    )
    services.addition_decide(actor=griffie, addition=addition, accept=True, reply="Graag!")
    assert [m.to for m in mails] == [[author.email]]
    with pytest.raises(ValidationError):  # not in the text as a passage of its own
        services.version_publish(
            actor=griffie, manifest=version.manifest, text=version.text, include=[addition]
        )
    new = services.version_publish(
        actor=griffie,
        manifest=version.manifest,
        text=version.text + "\n\nWij vieren wat lukt.",
        include=[addition],
    )
    row = selectors.passage_rows(new)[-1]
    assert row.additions == [addition]
    assert row.additions[0].author_label == "Fatima Bakkali (Buurtvereniging)"


def test_declining_needs_a_reason_and_deciding_twice_is_refused():
    griffie = user_with_role("griffie")
    addition = services.addition_propose(actor=UserFactory(), version=VersionFactory(), text="X")
    with pytest.raises(ValidationError):
        services.addition_decide(actor=griffie, addition=addition, accept=False, reply="")
    addition.refresh_from_db()
    services.addition_decide(actor=griffie, addition=addition, accept=False, reply="Past niet.")
    assert addition.status == AdditionStatus.DECLINED
    with pytest.raises(ValidationError):
        services.addition_decide(actor=griffie, addition=addition, accept=True, reply="")


def test_a_visitor_cannot_propose():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.addition_propose(actor=AnonymousUser(), version=VersionFactory(), text="X")


def test_the_manifest_page_shows_the_latest_version_and_earlier_ones(client):
    version = VersionFactory()
    VersionFactory(manifest=version.manifest, number=2, text="Alleen nieuw.")
    latest = client.get(version.manifest.get_absolute_url()).content.decode()
    assert "Alleen nieuw." in latest
    first = client.get(version.get_absolute_url()).content.decode()
    assert "Wij luisteren eerst." in first
