"""Demo: the council's manifest "Samenleving Voorop" in three versions, with comments,
two additions taken in (shown with their authors), one declined and one waiting."""

from __future__ import annotations

from voorop.community import services

V1 = "\n\n".join(
    [
        (
            "Samenleving Voorop. Wij, de gemeenteraad van Lindewaard, zetten de samenleving "
            "voorop. Inwoners, ondernemers en organisaties nemen het initiatief; de gemeente doet "
            "mee."
        ),
        (
            "Wij gaan uit van vertrouwen. Wie een goed idee heeft, hoeft niet eerst toestemming te "
            "vragen, maar krijgt hulp om het waar te maken."
        ),
        (
            "Wij luisteren eerst en besluiten daarna. Bij elk groot besluit vragen wij eerst wat "
            "er in de samenleving al gebeurt."
        ),
        (
            "Wij zijn gelijkwaardig. Inwoners zijn partners, geen klanten. Wij schrijven in gewone "
            "taal."
        ),
    ]
)

V2_EXTRA = "Wij durven te experimenteren. Wat niet lukt, mag mislukken, als we er samen van leren."
ADDITION_1 = (
    "Wij zoeken ook de mensen die we niet vanzelf horen: jongeren, nieuwe inwoners en wie "
    "weinig tijd heeft."
)
ADDITION_2 = (
    "Wij maken samen afspraken per thema: wonen, zorg en duurzaamheid. Wie meedoet, staat in "
    "een openbaar register."
)


def load(context: dict, people: list) -> None:
    users = context["users"]
    griffie = users["griffie"]
    manifest = services.manifest_create(
        actor=griffie, title="Samenleving Voorop", slug="samenleving-voorop", text=V1
    )
    first = manifest.versions.get()
    services.comment_add(
        actor=users["inwoner"],
        version=first,
        passage=2,
        text="Mooi gezegd. Maar hoe merk ik dat als ik bij de gemeente aanklop?",
    )
    services.comment_add(
        actor=people[2],
        version=first,
        passage=3,
        on_behalf_of="Zorgcoöperatie Oud-Veen",
        text="Vraag het ons vroeg, dan denken we graag mee.",
    )
    youth = services.addition_propose(
        actor=people[4], version=first, text=ADDITION_1, on_behalf_of="Jongerenraad Lindewaard"
    )
    services.addition_decide(
        actor=griffie, addition=youth, accept=True, reply="Dank u wel, we nemen het over."
    )
    late = services.addition_propose(
        actor=people[3], version=first, text="De gemeente regelt alles voor ons."
    )
    services.addition_decide(
        actor=griffie,
        addition=late,
        accept=False,
        reply="Het manifest gaat juist over wat de samenleving zelf doet; dit past er niet in.",
    )
    second = services.version_publish(
        actor=griffie,
        manifest=manifest,
        text=f"{V1}\n\n{ADDITION_1}\n\n{V2_EXTRA}",
        note="Aanvulling van de Jongerenraad en een passage over experimenteren.",
        include=[youth],
    )
    agreements = services.addition_propose(
        actor=users["initiatiefnemer"], version=second, text=ADDITION_2
    )
    services.addition_decide(actor=griffie, addition=agreements, accept=True, reply="Graag.")
    third_text = f"{V1}\n\n{ADDITION_1}\n\n{V2_EXTRA}\n\n{ADDITION_2}".replace(
        "Wij luisteren eerst en besluiten daarna.", "Wij luisteren eerst en besluiten pas daarna."
    )
    third = services.version_publish(
        actor=griffie,
        manifest=manifest,
        text=third_text,
        note="Samenlevingsakkoorden toegevoegd; een zin verduidelijkt.",
        include=[agreements],
    )
    services.addition_propose(
        actor=people[1],
        version=third,
        text="Wij vieren wat lukt: elk jaar een dag van de samenleving.",
    )
    context["manifest"] = manifest
