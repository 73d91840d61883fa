"""Demo initiatives that residents carry out or have finished: running or completed, with
their updates and what they learned. Format: see voorop/initiatives/demo/__init__.py."""

from __future__ import annotations

from decimal import Decimal

from voorop.initiatives.models import Status

INITIATIVES = [
    {
        "key": "dorpshuis-heikant",
        "title": "Dorpshuis De Linde: van en voor Heikant",
        "summary": "De bewoners van Heikant nemen het dorpshuis over en runnen het zelf, met "
        "vrijwilligers en een eigen stichting.",
        "description": "Het dorpshuis De Linde dreigde te sluiten. Wij, de bewoners, willen het "
        "openhouden. Een stichting van bewoners neemt het beheer over. Vrijwilligers doen de "
        "bar, de schoonmaak en de verhuur. Zo blijft er een plek voor de fanfare, de "
        "kaartclub, de peuterspeelzaal en de koffieochtend voor ouderen.",
        "areas": ["Heikant"],
        "themes": ["cultuur", "zorg"],
        "owners": ["initiatiefnemer"],
        "members": ["Henk van den Broek", "Ingrid Peeters"],
        "ownership_type": "met_bijdrage",
        "contribution": "De gemeente blijft eigenaar van het gebouw en betaalt het groot "
        "onderhoud. De stichting betaalt energie en klein onderhoud uit de verhuur.",
        "ladder_step": "meebeslissen",
        "strength_in_society": "Ruim 60 vrijwilligers hebben zich gemeld. De fanfare en de "
        "kaartclub doen mee.",
        "how_organised": "Stichting Dorpshuis Heikant, met een bestuur van vijf bewoners.",
        "conflicting_interests": "Omwonenden willen geen overlast na 23.00 uur. Daar zijn "
        "huisregels voor gemaakt.",
        "support_base": "Op de dorpsavond stemden 180 van de 200 aanwezigen voor.",
        "self_reliance": "Ja, voor het dagelijkse beheer. Voor het groot onderhoud niet.",
        "impulses": ["deregulering", "procesbegeleiding"],
        "requested_budget": Decimal("12500"),
        "feasibility_note": "De begroting sluit met de verhuur en een bijdrage van € 25 per "
        "huishouden per jaar. De gemeente houdt het groot onderhoud.",
        "expectations": "De stichting doet het dagelijks beheer. De gemeente reageert binnen "
        "tien werkdagen op vragen over het gebouw. Eens per half jaar praten we bij.",
        "is_experiment": True,
        "experiment_mode": "loslaten",
        "lessons_learned": "Begin klein: eerst de koffieochtend, daarna de rest. En maak de "
        "afspraken over het onderhoud meteen op papier.",
        "history": [
            (200, Status.CONCEPT, "initiatiefnemer", ""),
            (
                190,
                Status.SUBMITTED,
                "initiatiefnemer",
                "Het plan is klaar en de stichting is opgericht.",
            ),
            (
                170,
                Status.IN_CONVERSATION,
                "procesbegeleider",
                "We gaan in gesprek over het gebouw en het onderhoud.",
            ),
            (
                120,
                Status.RUNNING,
                "procesbegeleider",
                "De afspraken zijn getekend. De stichting begint op 1 mei.",
            ),
        ],
        "facilitators": ["procesbegeleider"],
        "supporters": 14,
        "updates": [
            (
                90,
                "De eerste maand",
                "De bar draait, de koffieochtend zit vol. We zoeken nog "
                "mensen voor de schoonmaak op vrijdag.",
                [("Vrijwilligers", "64"), ("Activiteiten per week", "11")],
                "Een vaste planning per maand werkt beter dan een appgroep.",
            ),
            (
                20,
                "Halfjaarcijfers",
                "Het dorpshuis is vaker open dan ooit. De verhuur loopt beter dan gedacht.",
                [
                    ("Bezoekers per maand", "1.150"),
                    ("Omzet verhuur", "€ 9.800"),
                    ("Kosten gemeente", "€ 0 extra"),
                ],
                "",
            ),
        ],
        "scenarios": [
            (
                "Stichting neemt alles over",
                "De stichting wordt ook eigenaar van het gebouw.",
                "Volledige zeggenschap, geen huur.",
                "Het groot onderhoud is te duur voor de stichting.",
            ),
            (
                "Stichting beheert, gemeente blijft eigenaar",
                "Gekozen scenario.",
                "Risico's eerlijk verdeeld.",
                "Afspraken over onderhoud moeten scherp zijn.",
            ),
        ],
        "days": 200,
    },
    {
        "key": "zorgcooperatie-oud-veen",
        "title": "Zorgcoöperatie Oud-Veen",
        "summary": "Ouderen in Oud-Veen blijven langer thuis wonen, met hulp van elkaar.",
        "description": "Een coöperatie van dorpsbewoners regelt boodschappen, vervoer naar "
        "de huisarts, een maaltijd op dinsdag en een vast aanspreekpunt voor ouderen. "
        "Een dorpsondersteuner in dienst van de coöperatie houdt het overzicht.",
        "areas": ["Oud-Veen"],
        "themes": ["zorg"],
        "owners": ["Els Hendriks"],
        "members": ["Wim van Lieshout", "initiatiefnemer"],
        "ownership_type": "met_bijdrage",
        "contribution": "De gemeente betaalt de helft van de dorpsondersteuner. De "
        "zorgverzekeraar draagt bij aan de maaltijden.",
        "ladder_step": "coproduceren",
        "strength_in_society": "230 leden, 45 vrijwilligers.",
        "how_organised": "Coöperatie met een ledenvergadering en een bestuur.",
        "conflicting_interests": "De thuiszorgorganisatie was eerst bang voor concurrentie.",
        "support_base": "Een op de drie huishoudens is lid.",
        "self_reliance": "Grotendeels. De dorpsondersteuner is nodig voor de continuïteit.",
        "impulses": ["budget", "procesbegeleiding"],
        "requested_budget": Decimal("28000"),
        "feasibility_note": "Contributie € 15 per jaar, plus de bijdragen van gemeente en "
        "zorgverzekeraar.",
        "expectations": "De coöperatie meldt eens per kwartaal hoe het gaat, op haar eigen "
        "manier. De gemeente kijkt mee maar bemoeit zich niet met de uitvoering.",
        "is_experiment": True,
        "experiment_mode": "monitoren",
        "lessons_learned": "",
        "history": [
            (400, Status.CONCEPT, "Els Hendriks", ""),
            (
                380,
                Status.SUBMITTED,
                "Els Hendriks",
                "De ledenvergadering heeft het plan aangenomen.",
            ),
            (
                360,
                Status.IN_CONVERSATION,
                "loketmedewerker",
                "We verbinden de coöperatie met de procesbegeleider van Oud-Veen.",
            ),
            (
                300,
                Status.RUNNING,
                "procesbegeleider",
                "De subsidie is toegekend. De dorpsondersteuner begint.",
            ),
        ],
        "facilitators": ["procesbegeleider"],
        "supporters": 11,
        "updates": [
            (
                30,
                "Een jaar zorgcoöperatie",
                "We vertellen het liefst met verhalen. Mevrouw "
                "Van Dijk (91) woont nog thuis dankzij de boodschappenronde. Dat is waar we het "
                "voor doen.",
                [("Leden", "231"), ("Ritten naar de huisarts", "412"), ("Maaltijden", "1.870")],
                "Vrijwilligers blijven als ze zelf kiezen wat ze doen. Een rooster van bovenaf "
                "werkt niet.",
            ),
        ],
        "scenarios": [],
        "days": 400,
    },
    {
        "key": "wensbus",
        "title": "Wensbus Kruisven–Hoogeind–Vlierden",
        "summary": "Vrijwillige chauffeurs rijden inwoners zonder vervoer naar de stad.",
        "description": "Sinds de buslijn is opgeheven, kunnen veel ouderen niet meer naar de "
        "markt of het ziekenhuis. Met een elektrisch busje rijden vrijwilligers op afroep.",
        "areas": ["Kruisven", "Hoogeind", "Vlierden"],
        "themes": ["mobiliteit", "zorg"],
        "owners": ["Yvonne Cornelissen", "Bart Swinkels"],
        "members": ["Gerrit Maas"],
        "ownership_type": "met_bijdrage",
        "contribution": "De gemeente betaalt de lease van het busje, de provincie de "
        "opleiding van de chauffeurs.",
        "ladder_step": "coproduceren",
        "strength_in_society": "28 chauffeurs in drie dorpen.",
        "how_organised": "Stichting Wensbus.",
        "conflicting_interests": "Geen.",
        "support_base": "Gemiddeld 60 ritten per week.",
        "self_reliance": "Ja.",
        "impulses": ["budget"],
        "requested_budget": Decimal("18000"),
        "feasibility_note": "Ritprijs € 2, plus de bijdragen van gemeente en provincie.",
        "expectations": "",
        "is_experiment": False,
        "experiment_mode": "",
        "lessons_learned": "Maak het bellen voor een rit heel makkelijk: één nummer, een "
        "mens aan de lijn.",
        "history": [
            (700, Status.CONCEPT, "Yvonne Cornelissen", ""),
            (690, Status.SUBMITTED, "Yvonne Cornelissen", "Plan klaar."),
            (
                670,
                Status.IN_CONVERSATION,
                "loketmedewerker",
                "Doorverwezen naar de procesbegeleider mobiliteit.",
            ),
            (600, Status.RUNNING, "procesbegeleider", "Busje geleverd, chauffeurs opgeleid."),
            (
                40,
                Status.COMPLETED,
                "Yvonne Cornelissen",
                "De proef is voorbij. De wensbus "
                "gaat als vaste voorziening verder onder de stichting.",
            ),
        ],
        "facilitators": ["procesbegeleider"],
        "supporters": 13,
        "updates": [
            (
                45,
                "Twee jaar wensbus",
                "Wat begon als proef is nu niet meer weg te denken.",
                [("Ritten", "6.240"), ("Chauffeurs", "28"), ("Gemiddelde waardering", "9,1")],
                "Een proef van twee jaar is lang genoeg om te leren en kort genoeg om te durven.",
            ),
        ],
        "scenarios": [],
        "days": 700,
    },
    {
        "key": "buurtpreventie",
        "title": "Buurtpreventie-app De Beemden",
        "summary": "Bewoners letten samen op hun wijk, met een appgroep en vaste afspraken.",
        "description": "Een appgroep per straat, met spelregels: eerst 112 bellen, dan "
        "appen. Twee keer per jaar lopen we met de wijkagent een ronde.",
        "areas": ["De Beemden"],
        "themes": ["veiligheid"],
        "owners": ["Mohamed Ouali"],
        "members": ["inwoner"],
        "ownership_type": "gemeenschap",
        "contribution": "",
        "ladder_step": "meebeslissen",
        "strength_in_society": "Zestien straatcoördinatoren.",
        "how_organised": "Een werkgroep in de bewonersvereniging.",
        "conflicting_interests": "Zorgen over privacy en over wantrouwen naar "
        "onbekenden. Daarom zijn er spelregels.",
        "support_base": "510 deelnemers.",
        "self_reliance": "Ja.",
        "impulses": [],
        "requested_budget": None,
        "feasibility_note": "Kost niets, behalve borden bij de ingang van de wijk.",
        "expectations": "",
        "is_experiment": False,
        "experiment_mode": "",
        "lessons_learned": "",
        "history": [
            (300, Status.CONCEPT, "Mohamed Ouali", ""),
            (295, Status.SUBMITTED, "Mohamed Ouali", "Graag borden bij de ingang van de wijk."),
            (280, Status.IN_CONVERSATION, "loketmedewerker", "Samen met de wijkagent."),
            (260, Status.RUNNING, "loketmedewerker", "De borden staan er."),
        ],
        "facilitators": [],
        "supporters": 10,
        "updates": [
            (
                50,
                "Wat de app opleverde",
                "Twee inbraken voorkomen en een vermiste man gevonden.",
                [("Deelnemers", "510"), ("Meldingen bij 112", "7")],
                "",
            ),
        ],
        "scenarios": [],
        "days": 300,
    },
    {
        "key": "repaircafe-centrum",
        "title": "Repair Café Centrum",
        "summary": "Elke eerste zaterdag repareren vrijwilligers spullen, samen met de eigenaar.",
        "description": "Kapotte broodrooster, fiets of broek? Kom langs in de bibliotheek. "
        "Vrijwilligers helpen u het zelf te repareren.",
        "areas": ["Centrum"],
        "themes": ["duurzaamheid"],
        "owners": ["Joost de Haan"],
        "members": [],
        "ownership_type": "gemeenschap",
        "contribution": "",
        "ladder_step": "meebeslissen",
        "strength_in_society": "Tien handige vrijwilligers.",
        "how_organised": "Informele groep.",
        "conflicting_interests": "Geen.",
        "support_base": "",
        "self_reliance": "Ja.",
        "impulses": [],
        "requested_budget": None,
        "feasibility_note": "",
        "expectations": "",
        "is_experiment": False,
        "experiment_mode": "",
        "lessons_learned": "",
        "history": [
            (150, Status.CONCEPT, "Joost de Haan", ""),
            (148, Status.SUBMITTED, "Joost de Haan", "We willen het melden, hulp is niet nodig."),
            (140, Status.IN_CONVERSATION, "loketmedewerker", "Kennismaking."),
            (130, Status.RUNNING, "loketmedewerker", "De bibliotheek stelt de ruimte beschikbaar."),
        ],
        "facilitators": [],
        "supporters": 5,
        "updates": [
            (
                15,
                "Honderd reparaties",
                "De honderdste reparatie was een naaimachine uit 1962.",
                [("Reparaties", "100"), ("Gelukt", "78 %")],
                "",
            ),
        ],
        "scenarios": [],
        "days": 150,
    },
]
