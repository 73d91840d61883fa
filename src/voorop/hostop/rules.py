"""Ho-stop permissions. Raising depends on the process (its adapter's `may_raise`, see
hostop/protocol.py); proposing adjustments and consenting are for the parties recorded on
the card."""

from __future__ import annotations

import rules

from voorop.accounts.roles import is_griffie
from voorop.hostop.protocol import adapter_for


@rules.predicate
def may_raise_on(user, target) -> bool:
    if target is None or not getattr(user, "is_authenticated", False):
        return False
    adapter = adapter_for(target)
    return adapter is not None and adapter.is_running(target) and adapter.may_raise(user, target)


@rules.predicate
def is_party(user, card) -> bool:
    if card is None or not getattr(user, "is_authenticated", False):
        return False
    return card.parties.filter(user=user).exists()


@rules.predicate
def has_not_consented(user, card) -> bool:
    return card.parties.filter(user=user, consented_at__isnull=True).exists()


@rules.predicate
def card_is_open(user, card) -> bool:
    return card is not None and card.is_open


@rules.predicate
def awaits_griffie(user, card) -> bool:
    return card is not None and card.awaits_griffie


rules.add_perm("hostop.raise_card", may_raise_on)
rules.add_perm("hostop.view_card", rules.always_allow)
rules.add_perm("hostop.propose_adjustment", card_is_open & is_party)
rules.add_perm("hostop.consent", card_is_open & is_party & has_not_consented)
# Issue 14.2: after the response period, the griffie decides (and says why, in public).
rules.add_perm("hostop.decide", awaits_griffie & is_griffie)
