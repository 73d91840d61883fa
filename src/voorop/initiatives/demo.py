"""Demo initiatives in Lindewaard, in every status, with members, supports, updates,
scenarios and a timeline. Written directly (not through the services) so that loading the
demo sends no e-mail and the dates can lie in the past."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from voorop.accounts.models import User
from voorop.initiatives.models import (
    Initiative,
    InitiativeEvent,
    Membership,
    Scenario,
    Status,
    Support,
    Update,
)

# Residents who take part in or support the demo initiatives (they cannot log in).
NEIGHBOURS = [
    ("Henk van den Broek", "Heikant"),
    ("Ingrid Peeters", "Heikant"),
    ("Mohamed Ouali", "De Beemden"),
    ("Els Hendriks", "Oud-Veen"),
    ("Wim van Lieshout", "Oud-Veen"),
    ("Sabine Kuijpers", "Meerdijk"),
    ("Tom Aerts", "Elst aan de Aa"),
    ("Yvonne Cornelissen", "Kruisven"),
    ("Bart Swinkels", "Hoogeind"),
    ("Lotte Verbeek", "Lindewaard-Noord"),
    ("Gerrit Maas", "Vlierden"),
    ("Nadia Boukhari", "Oosterpark"),
    ("Joost de Haan", "Centrum"),
    ("Marloes van Rooij", "Bosschenhoek"),
    ("Peter Schellekens", "Hedel-Buiten"),
]

# Each initiative: its content, people and history. Days are "days ago".
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
        "status": Status.RUNNING,
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
        "status": Status.RUNNING,
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
        "key": "energiecooperatie",
        "title": "Energiecoöperatie Zon op Meerdijk",
        "summary": "Zonnepanelen op het dak van de sporthal, van en voor de inwoners.",
        "description": "Inwoners van Meerdijk leggen samen zonnepanelen op de sporthal. Wie "
        "lid wordt, koopt een of meer panelen en krijgt korting op de energierekening. De "
        "winst gaat naar een dorpsfonds.",
        "areas": ["Meerdijk"],
        "themes": ["duurzaamheid"],
        "owners": ["Sabine Kuijpers"],
        "members": [],
        "ownership_type": "gemeenschap",
        "contribution": "",
        "ladder_step": "meebeslissen",
        "strength_in_society": "Een groep van twaalf inwoners met kennis van techniek en "
        "financiën.",
        "how_organised": "Coöperatie in oprichting.",
        "conflicting_interests": "De sportvereniging wil zeker weten dat het dak niet lekt.",
        "support_base": "140 inwoners hebben interesse getoond.",
        "self_reliance": "Ja. Wel is toestemming van de gemeente nodig voor het dak.",
        "impulses": ["deregulering"],
        "requested_budget": None,
        "feasibility_note": "Financiering via de leden en de landelijke postcoderoosregeling.",
        "expectations": "",
        "is_experiment": False,
        "experiment_mode": "",
        "lessons_learned": "",
        "status": Status.IN_CONVERSATION,
        "history": [
            (60, Status.CONCEPT, "Sabine Kuijpers", ""),
            (
                45,
                Status.SUBMITTED,
                "Sabine Kuijpers",
                "We hebben toestemming nodig voor het dak van de sporthal.",
            ),
            (
                30,
                Status.IN_CONVERSATION,
                "procesbegeleider",
                "Gesprek met vastgoed en de sportvereniging gepland.",
            ),
        ],
        "facilitators": ["procesbegeleider"],
        "supporters": 9,
        "updates": [],
        "scenarios": [
            (
                "Panelen op de sporthal",
                "Het grote platte dak ligt op het zuiden.",
                "Veel ruimte, dichtbij het dorp.",
                "Het dak moet eerst worden gekeurd.",
            ),
            (
                "Panelen op de schuur van een boer",
                "Een boer biedt zijn schuurdak aan.",
                "Snel te regelen.",
                "Buiten het dorp, minder zichtbaar voor de leden.",
            ),
        ],
        "days": 60,
    },
    {
        "key": "groenonderhoud-elst",
        "title": "Bewoners onderhouden het groen in Elst aan de Aa",
        "summary": "Wij maaien en snoeien het dorpsgroen zelf, met het budget dat de gemeente "
        "daarvoor heeft.",
        "description": "Het groen in Elst aan de Aa wordt twee keer per jaar gemaaid. Dat is "
        "te weinig voor ons. Een groep bewoners wil het onderhoud zelf doen: vaker maaien, "
        "bloemrijke bermen en een pluktuin bij de school.",
        "areas": ["Elst aan de Aa"],
        "themes": ["groen"],
        "owners": ["Tom Aerts"],
        "members": ["initiatiefnemer"],
        "ownership_type": "met_bijdrage",
        "contribution": "De gemeente geeft het onderhoudsbudget van dit groen en leent "
        "machines uit.",
        "ladder_step": "coproduceren",
        "strength_in_society": "Twintig bewoners, onder wie twee hoveniers.",
        "how_organised": "Vereniging Groen Elst.",
        "conflicting_interests": "Sommige bewoners willen juist kort gras, anderen bloemen.",
        "support_base": "Handtekeningen van 95 huishoudens.",
        "self_reliance": "Ja, met machines van de gemeente.",
        "impulses": ["budget", "deregulering"],
        "requested_budget": Decimal("6800"),
        "feasibility_note": "Dit is het bedrag dat de gemeente nu uitgeeft aan dit groen.",
        "expectations": "",
        "is_experiment": True,
        "experiment_mode": "volgen",
        "lessons_learned": "",
        "status": Status.SUBMITTED,
        "history": [
            (20, Status.CONCEPT, "Tom Aerts", ""),
            (12, Status.SUBMITTED, "Tom Aerts", "Het plan en de handtekeningen zijn klaar."),
        ],
        "facilitators": [],
        "supporters": 7,
        "updates": [],
        "scenarios": [],
        "days": 20,
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
        "status": Status.COMPLETED,
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
        "status": Status.RUNNING,
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
        "key": "speeltuin-oosterpark",
        "title": "Natuurspeeltuin Oosterpark",
        "summary": "Ouders bouwen samen een natuurspeeltuin op het braakliggende veld.",
        "description": "Het grasveld achter de school ligt er al jaren leeg bij. Ouders "
        "willen er een natuurspeeltuin maken met wilgenhutten, een waterpomp en boomstammen.",
        "areas": ["Oosterpark"],
        "themes": ["groen", "sport"],
        "owners": ["Nadia Boukhari"],
        "members": [],
        "ownership_type": "met_bijdrage",
        "contribution": "De gemeente keurt de speeltoestellen en maait het gras.",
        "ladder_step": "coproduceren",
        "strength_in_society": "Veertig ouders en de school.",
        "how_organised": "Werkgroep van de ouderraad.",
        "conflicting_interests": "Buren willen geen hangplek voor jongeren 's avonds.",
        "support_base": "",
        "self_reliance": "Voor de bouw wel, voor de keuring niet.",
        "impulses": ["budget", "procesbegeleiding"],
        "requested_budget": Decimal("15000"),
        "feasibility_note": "",
        "expectations": "",
        "is_experiment": False,
        "experiment_mode": "",
        "lessons_learned": "",
        "status": Status.PAUSED,
        "paused_from": Status.IN_CONVERSATION,
        "history": [
            (80, Status.CONCEPT, "Nadia Boukhari", ""),
            (70, Status.SUBMITTED, "Nadia Boukhari", "Plan en tekening zijn klaar."),
            (55, Status.IN_CONVERSATION, "procesbegeleider", "Gesprek over de plek."),
            (
                10,
                Status.PAUSED,
                "raadslid",
                "Buren weten nog van niets. Eerst met de buurt praten voordat de plek vastligt.",
            ),
        ],
        "facilitators": ["procesbegeleider"],
        "supporters": 6,
        "updates": [],
        "scenarios": [
            (
                "Op het veld achter de school",
                "Dichtbij de school.",
                "Kinderen zijn er al.",
                "Dichtbij huizen.",
            ),
            (
                "In het park",
                "Aan de rand van het Oosterpark.",
                "Meer ruimte, minder overlast.",
                "Verder lopen voor de kleinsten.",
            ),
        ],
        "days": 80,
    },
    {
        "key": "moestuin-noord",
        "title": "Buurtmoestuin Lindewaard-Noord",
        "summary": "Een moestuin voor iedereen in de wijk, met bakken op hoogte.",
        "description": "Wij willen een moestuin met verhoogde bakken, zodat ook mensen in "
        "een rolstoel kunnen tuinieren. De oogst delen we.",
        "areas": ["Lindewaard-Noord"],
        "themes": ["groen", "zorg"],
        "owners": ["initiatiefnemer"],
        "members": ["Lotte Verbeek"],
        "ownership_type": "gemeenschap",
        "contribution": "",
        "ladder_step": "",
        "strength_in_society": "",
        "how_organised": "",
        "conflicting_interests": "",
        "support_base": "",
        "self_reliance": "",
        "impulses": [],
        "requested_budget": None,
        "feasibility_note": "",
        "expectations": "",
        "is_experiment": False,
        "experiment_mode": "",
        "lessons_learned": "",
        "status": Status.CONCEPT,
        "history": [(3, Status.CONCEPT, "initiatiefnemer", "")],
        "facilitators": [],
        "supporters": 0,
        "updates": [],
        "scenarios": [],
        "days": 3,
    },
    {
        "key": "kerkpad-bosschenhoek",
        "title": "Ommetje Bosschenhoek",
        "summary": "Een wandelroute langs het oude kerkpad, met bankjes en informatiebordjes.",
        "description": "Het oude kerkpad is dichtgegroeid. Met vrijwilligers maken we het "
        "weer begaanbaar en zetten we bankjes neer.",
        "areas": ["Bosschenhoek"],
        "themes": ["groen", "cultuur"],
        "owners": ["Marloes van Rooij"],
        "members": [],
        "ownership_type": "gemeenschap",
        "contribution": "",
        "ladder_step": "meebeslissen",
        "strength_in_society": "Heemkundekring en wandelclub.",
        "how_organised": "Heemkundekring Bosschenhoek.",
        "conflicting_interests": "Eén grondeigenaar wilde geen pad over zijn land.",
        "support_base": "",
        "self_reliance": "Ja.",
        "impulses": ["deregulering"],
        "requested_budget": None,
        "feasibility_note": "",
        "expectations": "",
        "is_experiment": False,
        "experiment_mode": "",
        "lessons_learned": "Praat eerst met alle grondeigenaren, voordat je een kaart tekent.",
        "status": Status.STOPPED,
        "history": [
            (250, Status.CONCEPT, "Marloes van Rooij", ""),
            (240, Status.SUBMITTED, "Marloes van Rooij", "Route klaar."),
            (200, Status.IN_CONVERSATION, "procesbegeleider", "Gesprek met grondeigenaren."),
            (
                150,
                Status.STOPPED,
                "Marloes van Rooij",
                "Een grondeigenaar geeft geen toestemming. We zoeken later een andere route.",
            ),
        ],
        "facilitators": [],
        "supporters": 4,
        "updates": [],
        "scenarios": [],
        "days": 250,
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
        "status": Status.RUNNING,
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
    {
        "key": "jeu-de-boules-hedel",
        "title": "Jeu-de-boulesbaan Hedel-Buiten",
        "summary": "Een baan bij het dorpsplein, om elkaar te ontmoeten.",
        "description": "Ouderen en jongeren in Hedel-Buiten willen een jeu-de-boulesbaan bij "
        "het dorpsplein. De baan leggen we zelf aan.",
        "areas": ["Hedel-Buiten"],
        "themes": ["sport"],
        "owners": ["Peter Schellekens"],
        "members": [],
        "ownership_type": "met_bijdrage",
        "contribution": "De gemeente levert het grind.",
        "ladder_step": "",
        "strength_in_society": "Vijftien bewoners.",
        "how_organised": "",
        "conflicting_interests": "",
        "support_base": "",
        "self_reliance": "Ja.",
        "impulses": ["budget"],
        "requested_budget": Decimal("1200"),
        "feasibility_note": "",
        "expectations": "",
        "is_experiment": False,
        "experiment_mode": "",
        "lessons_learned": "",
        "status": Status.SUBMITTED,
        "history": [
            (9, Status.CONCEPT, "Peter Schellekens", ""),
            (5, Status.SUBMITTED, "Peter Schellekens", "Klaar om te bespreken."),
        ],
        "facilitators": [],
        "supporters": 3,
        "updates": [],
        "scenarios": [],
        "days": 9,
    },
    {
        "key": "ontmoetingsbank-vlierden",
        "title": "Praatbankjes in Vlierden",
        "summary": "Bankjes met een bordje: wie hier zit, vindt een praatje fijn.",
        "description": "Tegen eenzaamheid: vijf bankjes in het dorp met een bordje "
        "'Hier zit ik graag met u'.",
        "areas": ["Vlierden"],
        "themes": ["zorg"],
        "owners": ["initiatiefnemer"],
        "members": ["Gerrit Maas"],
        "ownership_type": "gemeenschap",
        "contribution": "",
        "ladder_step": "adviseren",
        "strength_in_society": "De zonnebloemvereniging.",
        "how_organised": "",
        "conflicting_interests": "",
        "support_base": "",
        "self_reliance": "Ja.",
        "impulses": ["deregulering"],
        "requested_budget": None,
        "feasibility_note": "",
        "expectations": "",
        "is_experiment": False,
        "experiment_mode": "",
        "lessons_learned": "",
        "status": Status.SUBMITTED,
        "history": [
            (15, Status.CONCEPT, "initiatiefnemer", ""),
            (6, Status.SUBMITTED, "initiatiefnemer", "Mogen de bankjes op de stoep staan?"),
        ],
        "facilitators": ["procesbegeleider"],
        "supporters": 8,
        "updates": [],
        "scenarios": [],
        "days": 15,
    },
]


def _neighbours(context: dict) -> dict[str, User]:
    areas = context.get("areas", {})
    people: dict[str, User] = {}
    for number, (name, area) in enumerate(NEIGHBOURS, start=1):
        first, _, last = name.partition(" ")
        email = f"bewoner{number}@lindewaard.example"
        user = User.objects.create_user(
            email=email,
            username=email,
            display_name=name,
            first_name=first,
            last_name=last,
            home_area=areas.get(area),
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        people[name] = user
    return people


def load(context: dict) -> None:
    users: dict[str, User] = dict(context.get("users", {}))
    people = {**_neighbours(context), **users}
    supporters_pool = [*_neighbours_list(people), users.get("inwoner"), users.get("raadslid")]
    supporters_pool = [person for person in supporters_pool if person is not None]
    areas, themes = context.get("areas", {}), context.get("themes", {})
    now = timezone.now()
    created: dict[str, Initiative] = {}
    for spec in INITIATIVES:
        started = now - timedelta(days=spec["days"])
        initiative = Initiative.objects.create(
            title=spec["title"],
            summary=spec["summary"],
            description=spec["description"],
            ownership_type=spec["ownership_type"],
            contribution=spec["contribution"],
            ladder_step=spec["ladder_step"],
            strength_in_society=spec["strength_in_society"],
            how_organised=spec["how_organised"],
            conflicting_interests=spec["conflicting_interests"],
            support_base=spec["support_base"],
            self_reliance=spec["self_reliance"],
            impulses=spec["impulses"],
            requested_budget=spec["requested_budget"],
            feasibility_note=spec["feasibility_note"],
            expectations=spec["expectations"],
            is_experiment=spec["is_experiment"],
            experiment_mode=spec["experiment_mode"],
            lessons_learned=spec["lessons_learned"],
            status=spec["status"],
            paused_from=spec.get("paused_from", ""),
        )
        initiative.areas.set([areas[name] for name in spec["areas"] if name in areas])
        initiative.themes.set([themes[slug] for slug in spec["themes"] if slug in themes])
        for role, names in ((Membership.Role.OWNER, spec["owners"]), ("member", spec["members"])):
            for name in names:
                if name in people:
                    Membership.objects.create(initiative=initiative, user=people[name], role=role)
        initiative.facilitators.set([people[n] for n in spec["facilitators"] if n in people])
        previous = ""
        for days, status, actor, reason in spec["history"]:
            kind = InitiativeEvent.Kind.STATUS
            if not previous:
                kind = InitiativeEvent.Kind.CREATED
            elif status == Status.PAUSED:
                kind = InitiativeEvent.Kind.PAUSED
            event = InitiativeEvent.objects.create(
                initiative=initiative,
                kind=kind,
                actor=people.get(actor),
                from_status=previous,
                to_status=status,
                reason=reason,
            )
            InitiativeEvent.objects.filter(pk=event.pk).update(
                created_at=now - timedelta(days=days)
            )
            previous = status
        for offset, person in enumerate(supporters_pool[: spec["supporters"]]):
            Support.objects.create(initiative=initiative, user=person, show_name=offset % 3 != 2)
        for days, title, text, figures, lessons in spec["updates"]:
            author = people.get(spec["owners"][0])
            update = Update.objects.create(
                initiative=initiative,
                author=author,
                title=title,
                text=text,
                figures=[{"label": label, "value": value} for label, value in figures],
                lessons_learned=lessons,
            )
            Update.objects.filter(pk=update.pk).update(created_at=now - timedelta(days=days))
        for title, description, pro, con in spec["scenarios"]:
            Scenario.objects.create(
                initiative=initiative,
                title=title,
                description=description,
                arguments_for=pro,
                arguments_against=con,
                created_by=people.get(spec["owners"][0]),
            )
        Initiative.objects.filter(pk=initiative.pk).update(
            created_at=started,
            support_count=initiative.supports.count(),
        )
        created[spec["key"]] = initiative
    _hostop_card(created["speeltuin-oosterpark"], users, now)
    context["initiatives"] = created


def _hostop_card(initiative: Initiative, users: dict[str, User], now) -> None:
    """The paused demo initiative has the open Ho-stop card that paused it. The hostop app's
    own demo runs before this one, so the card is made here."""
    from voorop.hostop.models import HoStopAdjustment, HoStopCard, HoStopParty
    from voorop.initiatives.hostop import InitiativeHoStop

    councillor = users.get("raadslid")
    if councillor is None:
        return
    pause = initiative.events.get(kind=InitiativeEvent.Kind.PAUSED)
    card = HoStopCard.objects.create(target=initiative, raised_by=councillor, reason=pause.reason)
    HoStopCard.objects.filter(pk=card.pk).update(raised_at=pause.created_at)
    parties = {**InitiativeHoStop().parties(initiative), councillor: "raadslid"}
    for person, label in parties.items():
        HoStopParty.objects.create(
            card=card,
            user=person,
            role_label=label,
            consented_at=now - timedelta(days=2) if label == "procesbegeleider" else None,
        )
    owner = next(person for person, label in parties.items() if label == "initiatiefnemer")
    HoStopAdjustment.objects.create(
        card=card,
        proposed_by=owner,
        text="We houden eerst een buurtavond in het wijkgebouw. Daarna kiezen we samen met "
        "de buren de plek: achter de school of in het park.",
    )


def _neighbours_list(people: dict[str, User]) -> list[User]:
    return [people[name] for name, _area in NEIGHBOURS if name in people]
