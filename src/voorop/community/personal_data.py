"""What the community app stores about a person: council seats, agenda items put forward,
comments and additions on the manifest, agreements signed and progress reported, posts,
replies, answers received and reports in the neighbourhood network.

On deletion: a council seat stays on the record as "former member" without the account;
open posts are closed; the replies the person wrote lose their text (they were private
messages; the poster's answers to the person are the poster's words and stay for the
poster); everything public stays, without a name (the account's name is gone)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from voorop.community.models import (
    Addition,
    AgendaItem,
    CommitmentUpdate,
    CouncilMember,
    Party,
    PassageComment,
    Post,
    PostReply,
    PostReport,
    PostStatus,
)

# Fields this module covers (tests/security/test_personal_data_walk.py).
COVERS = frozenset(
    {
        "community.CouncilMember.user",
        "community.CouncilMember.public_name",
        "community.AgendaItem.proposer",
        "community.PassageComment.author",
        "community.Addition.author",
        "community.Party.user",
        "community.Party.name",
        "community.CommitmentUpdate.author",
        "community.Post.author",
        "community.PostReply.author",
        "community.PostReply.to",
        "community.PostReport.reporter",
    }
)


def export(user: Any) -> dict[str, list[dict[str, Any]]]:
    return {
        "council_seats": [
            {
                "council": m.council.name,
                "name_shown": m.public_name,
                "role": m.role,
                "chosen_by": m.chosen_by,
                "term_start": m.term_start.isoformat(),
                "term_end": m.term_end.isoformat() if m.term_end else None,
            }
            for m in CouncilMember.objects.filter(user=user).select_related("council")
        ],
        "agenda_items": [
            {"council": i.council.name, "title": i.title, "text": i.text, "answer": i.answer}
            for i in AgendaItem.objects.filter(proposer=user).select_related("council")
        ],
        "manifest_comments": [
            {"passage": c.passage, "text": c.text, "on_behalf_of": c.on_behalf_of}
            for c in PassageComment.objects.filter(author=user)
        ],
        "manifest_additions": [
            {"text": a.text, "status": a.status, "on_behalf_of": a.on_behalf_of}
            for a in Addition.objects.filter(author=user)
        ],
        "agreements_signed": [
            {
                "agreement": p.agreement.title,
                "as": p.kind,
                "name": p.name,
                "commitments": [c.text for c in p.commitments.all()],
            }
            for p in Party.objects.filter(user=user).select_related("agreement")
        ],
        "progress_reported": [
            {"text": u.text, "status": u.status, "at": u.created_at.isoformat()}
            for u in CommitmentUpdate.objects.filter(author=user)
        ],
        "posts": [
            {"title": p.title, "text": p.text, "status": p.status, "at": p.created_at.isoformat()}
            for p in Post.objects.filter(author=user)
        ],
        "replies_written": [
            {"post": r.post.title, "text": r.text, "at": r.created_at.isoformat()}
            for r in PostReply.objects.filter(author=user).select_related("post")
        ],
        "answers_received": [
            {"post": r.post.title, "text": r.text, "at": r.created_at.isoformat()}
            for r in PostReply.objects.filter(to=user).select_related("post")
        ],
        "reports": [
            {"post": r.post.title, "reason": r.reason}
            for r in PostReport.objects.filter(reporter=user).select_related("post")
        ],
    }


def anonymise(user: Any) -> None:
    CouncilMember.objects.filter(user=user).update(user=None, public_name=_("former member"))
    Post.objects.filter(author=user, status__in=[PostStatus.PUBLISHED, PostStatus.PENDING]).update(
        status=PostStatus.DONE
    )
    PostReply.objects.filter(author=user).update(text="")
