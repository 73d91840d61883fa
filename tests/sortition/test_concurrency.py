"""Registrations at the moment registration closes: each one is either in before the close
(and so in the pool the chances are computed on) or refused with the closed message; none
is recorded after the close. The assembly row is the lock both take."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from tests.concurrency import THREADS, postgres_only, race
from tests.sortition.factories import add_invitation, assembly_in, organiser
from voorop.sortition import services
from voorop.sortition.models import Assembly

pytestmark = postgres_only


def test_registrations_racing_the_close_are_in_before_it_or_refused():
    assembly = assembly_in("seeded")
    user = organiser(assembly)
    codes = [add_invitation(assembly)[1] for _ in range(THREADS - 1)]

    def work(index: int):
        if index == 0:
            return services.registration_close(actor=user, assembly=assembly)
        return services.respondent_register(
            actor=AnonymousUser(),
            assembly=assembly,
            code=codes[index - 1],
            name=f"Racer {index}",
            email=f"racer{index}@example.org",
            features={"Geslacht": "vrouw", "Leeftijd": "jong"},
            consent=True,
        )

    outcomes = race(work)

    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert all(isinstance(e, ValidationError) and e.code == "closed" for e in errors), errors
    closed_at = Assembly.objects.get(pk=assembly.pk).registration_closed_at
    racers = assembly.respondents.filter(name__startswith="Racer")
    assert racers.count() == THREADS - 1 - len(errors)
    assert all(r.created_at <= closed_at for r in racers)
