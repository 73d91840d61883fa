"""Demo: four society agreements (wonen, zorg, duurzaamheid, groen) with residents,
organisations, companies and the municipality as parties, and progress on commitments."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from voorop.community import services
from voorop.community.models import AgreementStatus, CommitmentStatus, PartyKind

AGREEMENTS = [
    {
        "slug": "betaalbaar-wonen",
        "title": "Samen voor betaalbaar wonen",
        "theme": "wonen",
        "summary": (
            "Starters en ouderen vinden een passende woning in hun eigen kern. "
            "Woningcorporatie, bouwers, inwoners en gemeente doen er ieder iets voor."
        ),
        "status": AgreementStatus.RUNNING,
        "parties": [
            (
                "municipality",
                "Gemeente Lindewaard",
                "Wij maken bouwgrond vrij in Heikant en Oud-Veen.",
                "underway",
                "De eerste kavel in Heikant is aangekocht.",
            ),
            (
                "organisation",
                "Woonstichting De Linde",
                "Wij bouwen 40 starterswoningen.",
                "planned",
                "",
            ),
            (
                "company",
                "Bouwbedrijf Van Gerwen",
                "Wij bouwen twee proefwoningen van hout.",
                "done",
                "Beide proefwoningen zijn bewoond.",
            ),
            (
                "resident",
                "",
                "Ik deel mijn ervaring als starter in een klankbordgroep.",
                "underway",
                "Twee keer meegedacht over de plattegronden.",
            ),
        ],
    },
    {
        "slug": "zorg-dichtbij",
        "title": "Zorg dichtbij",
        "theme": "zorg",
        "summary": (
            "Ouderen wonen langer thuis, met hulp van buren, de zorgcoöperatie en de gemeente."
        ),
        "status": AgreementStatus.OPEN,
        "parties": [
            (
                "organisation",
                "Zorgcoöperatie Oud-Veen",
                "Wij starten een dagbesteding in het dorpshuis.",
                "underway",
                "Vanaf maart elke dinsdag open.",
            ),
            (
                "resident",
                "",
                "Ik ga eens per week mee naar de markt met een buurvrouw.",
                "underway",
                "",
            ),
            (
                "municipality",
                "Gemeente Lindewaard",
                "Wij betalen de huur van de ruimte voor twee jaar.",
                "done",
                "De huur is betaald.",
            ),
        ],
    },
    {
        "slug": "energieneutraal",
        "title": "Lindewaard energieneutraal",
        "theme": "duurzaamheid",
        "summary": "In 2040 wekken we samen net zoveel energie op als we gebruiken.",
        "status": AgreementStatus.OPEN,
        "parties": [
            (
                "organisation",
                "Energiecoöperatie Lindewaard",
                "Wij leggen zonnepanelen op het dak van de sporthal.",
                "planned",
                "",
            ),
            (
                "company",
                "Installatiebedrijf Hermans",
                "Wij geven gratis energieadvies aan 100 huishoudens.",
                "underway",
                "45 adviezen gegeven.",
            ),
            (
                "resident",
                "",
                "Ik isoleer mijn huis en vertel de buren hoe het ging.",
                "dropped",
                "Uitgesteld: eerst de verbouwing.",
            ),
        ],
    },
    {
        "slug": "groene-kernen",
        "title": "Groene kernen",
        "theme": "groen",
        "summary": "Meer bomen, bloeiende bermen en buurtmoestuinen in elke kern.",
        "status": AgreementStatus.CLOSED,
        "parties": [
            (
                "organisation",
                "IVN Lindewaard",
                "Wij planten met schoolkinderen 200 bomen.",
                "done",
                "Alle 200 bomen staan.",
            ),
            (
                "municipality",
                "Gemeente Lindewaard",
                "Wij maaien de bermen pas na de bloei.",
                "done",
                "Het maaibeleid is aangepast.",
            ),
        ],
    },
]


def load(context: dict, people: list) -> None:
    users, themes = context["users"], context.get("themes", {})
    staff = users["procesbegeleider"]
    residents = [users["inwoner"], *people]
    signers = iter([users["initiatiefnemer"], users["raadslid"], *people, users["inwoner"]] * 3)
    for spec in AGREEMENTS:
        agreement = services.agreement_save(
            actor=staff,
            agreement=None,
            data={
                "title": spec["title"],
                "slug": spec["slug"],
                "theme": themes.get(spec["theme"]),
                "summary": spec["summary"],
                "status": AgreementStatus.OPEN,
            },
        )
        for index, (kind, name, commitment, status, update) in enumerate(spec["parties"]):
            if kind == "municipality":
                actor = staff
            elif kind == "resident":
                actor = residents[index % len(residents)]
            else:
                actor = next(signers)
            party = services.agreement_sign(
                actor=actor,
                agreement=agreement,
                kind=PartyKind(kind),
                name=name,
                commitment=commitment,
                due_on=timezone.localdate() + timedelta(days=365),
            )
            if update:
                services.progress_report(
                    actor=actor,
                    commitment=party.commitments.get(),
                    status=CommitmentStatus(status),
                    text=update,
                )
        if spec["status"] != AgreementStatus.OPEN:
            services.agreement_save(
                actor=staff, agreement=agreement, data={"status": spec["status"]}
            )
