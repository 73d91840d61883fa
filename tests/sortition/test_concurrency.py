"""Registrations at the moment registration closes: each one is either in before the close
(and so in the pool the chances are computed on) or refused with the closed message; none
is recorded after the close. The assembly row is the lock both take."""

import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection

from tests.sortition.factories import add_invitation, assembly_in, organiser
from voorop.sortition import services
from voorop.sortition.models import Assembly

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite locks the whole database per write, so requests cannot race there; "
        "run with DATABASE_URL=postgres://... to test the row-level race",
    ),
]

THREADS = 8


def test_registrations_racing_the_close_are_in_before_it_or_refused():
    assembly = assembly_in("seeded")
    user = organiser(assembly)
    codes = [add_invitation(assembly)[1] for _ in range(THREADS - 1)]
    barrier = threading.Barrier(THREADS)
    outcomes: list = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            if index == 0:
                outcomes.append(services.registration_close(actor=user, assembly=assembly))
            else:
                outcomes.append(
                    services.respondent_register(
                        actor=AnonymousUser(),
                        assembly=assembly,
                        code=codes[index - 1],
                        name=f"Racer {index}",
                        email=f"racer{index}@example.org",
                        features={"Geslacht": "vrouw", "Leeftijd": "jong"},
                        consent=True,
                    )
                )
        except Exception as error:  # collected and asserted on below
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert all(isinstance(e, ValidationError) and e.code == "closed" for e in errors), errors
    closed_at = Assembly.objects.get(pk=assembly.pk).registration_closed_at
    racers = assembly.respondents.filter(name__startswith="Racer")
    assert racers.count() == THREADS - 1 - len(errors)
    assert all(r.created_at <= closed_at for r in racers)
