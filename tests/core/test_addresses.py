"""The one address file: the documented format, leniency about separators, byte order marks,
encodings and column names, and every problem as FILE:LINE: message in plain Dutch."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from voorop.core.addresses import (
    FOR_A_DRAW,
    FOR_LETTERS,
    HEADER,
    AddressRow,
    describe_ignored,
    example_csv,
    read_addresses,
    split_address,
)

REGISTER = (
    "adres_id;naam;straat;huisnummer;huisletter;toevoeging;postcode;plaats;gebied;huishoudgrootte\n"
    "0344200000000001;;Dorpsstraat;12;A;;3981 ab;Heikant;Heikant-Noord;2\n"
    "0344200000000002;Fam. de Vries;Kerkplein;3;;2;3981AC;Heikant;Heikant-Zuid;\n"
)


def test_an_extract_of_the_address_register_is_read():
    result = read_addresses(REGISTER, require=FOR_A_DRAW)
    assert result.ok, result.errors
    first, second = result.rows
    assert first == AddressRow(
        line=2,
        address_id="0344200000000001",
        street="Dorpsstraat",
        house_number="12 A",
        postcode="3981 AB",
        place="Heikant",
        area="Heikant-Noord",
        household_size=2,
    )
    assert second.house_number == "3 2" and second.name == "Fam. de Vries"
    assert second.postcode == "3981 AC" and second.household_size is None
    assert first.street_line == "Dorpsstraat 12 A"
    assert first.as_letter() == {
        "name": "",
        "street": "Dorpsstraat 12 A",
        "postcode": "3981 AB",
        "city": "Heikant",
    }


def test_the_budget_round_list_of_old_still_reads_street_and_number_in_one_column():
    text = (
        "naam,adres,postcode,plaats\n"
        "J. Jansen,Dorpsstraat 12A,3981 AB,Heikant\n"
        ",Plein 1944 3,3981 AC,\n"
    )
    result = read_addresses(text)
    assert result.ok, result.errors
    assert [(r.street, r.house_number, r.place) for r in result.rows] == [
        ("Dorpsstraat", "12A", "Heikant"),
        ("Plein 1944", "3", ""),
    ]
    assert result.rows[0].street_line == "Dorpsstraat 12A"


def test_problems_of_the_one_address_column_name_that_column():
    text = (
        "naam;adres;postcode;plaats\n"
        "Fam. Jansen;Dorpsstraat 1;1234 AB;Heikant\n"
        ";;1234 AC;Heikant\n"
        ";Kerkplein;1234 AD;Heikant\n"
        ";Kerkweg 4;12345;Heikant\n"
        "\n"
        ";;;Heikant\n"
    )
    assert read_addresses(text).errors == [
        "adressen.csv:3: “adres” is leeg.",
        "adressen.csv:4: “Kerkplein” heeft geen huisnummer.",
        "adressen.csv:5: “12345” is geen postcode (schrijf hem als 1234 AB).",
        "adressen.csv:7: “adres” is leeg; “postcode” is leeg.",
    ]


@pytest.mark.parametrize(
    "header",
    [
        "Straat;Huisnummer;Postcode;Plaats",
        "STRAAT;HUISNUMMER;POSTCODE;WOONPLAATS",
        "street;house_number;postal_code;city",
        " Straat ; Huis-nummer ; Post code ; Plaats ",
    ],
)
def test_column_names_in_any_case_spacing_or_english(header):
    result = read_addresses(f"{header}\nDorpsstraat;12;3981 AB;Heikant\n")
    assert result.ok, result.errors
    assert result.rows[0].street_line == "Dorpsstraat 12"


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_any_separator_byte_order_mark_or_windows_text(delimiter, encoding):
    text = delimiter.join(["straat", "huisnummer", "postcode", "plaats"]) + "\r\n"
    text += delimiter.join(["Škoda-laan", "1", "3981 AB", "Ëlst"]) + "\r\n"
    if encoding == "cp1252":
        text = text.replace("Š", "S")  # cp1252 has Š but keep the test about Ë
    result = read_addresses(text.encode(encoding))
    assert result.ok, result.errors
    assert result.rows[0].place == "Ëlst"


def test_every_problem_is_reported_per_line_in_plain_dutch():
    text = (
        "adres_id;straat;huisnummer;postcode;plaats;gebied;huishoudgrootte\n"
        "1;Dorpsstraat;12;3981 AB;Heikant;Noord;2\n"
        "\n"
        "2;;12;1234;Heikant;Noord;nul\n"
        "1;Kerkplein;3;3981 AC;Heikant;;\n"
    )
    result = read_addresses(text, filename="register.csv", require=FOR_A_DRAW)
    assert not result.ok
    assert result.errors == [
        "register.csv:4: “straat” is leeg; “1234” is geen postcode (schrijf hem als 1234 AB); "
        "huishoudgrootte “nul” is geen heel getal van 1 of meer.",
        "register.csv:5: “gebied” is leeg; adres-id “1” staat ook op regel 2.",
    ]
    with pytest.raises(ValidationError) as raised:
        result.raise_for_errors()
    assert raised.value.messages[0] == (
        "Er is niets ingelezen. Verbeter deze regels en lees het bestand opnieuw in."
    )
    assert raised.value.messages[1:] == result.errors
    with pytest.raises(ValidationError) as raised:
        result.raise_for_errors("Er zijn geen codes gemaakt.")
    assert raised.value.messages[0] == "Er zijn geen codes gemaakt."


def test_missing_columns_are_named_on_line_one():
    result = read_addresses("naam;postcode\nJansen;3981 AB\n", filename="lijst.csv")
    assert result.errors == [
        "lijst.csv:1: de eerste regel moet de kolommen noemen. Er ontbreekt: “straat”, "
        "“huisnummer”. Zie het voorbeeldbestand voor de namen."
    ]
    drawn = read_addresses("straat;huisnummer;postcode\nA;1;3981 AB\n", require=FOR_A_DRAW)
    assert "“plaats”, “adres_id”, “gebied”" in drawn.errors[0]


def test_an_empty_file_or_a_file_without_addresses():
    assert read_addresses("", filename="x.csv").errors == [
        "x.csv:1: het bestand is leeg, of de eerste regel is leeg."
    ]
    assert read_addresses("straat;huisnummer;postcode\n;;\n", filename="x.csv").errors == [
        "x.csv:2: het bestand heeft geen adressen."
    ]


def test_a_broken_quote_is_named():
    text = 'straat;huisnummer;postcode\nKerkplein;1;3981 AB\n"Dorpsstraat;12;3981 AB\n'
    result = read_addresses(text, filename="x.csv")
    assert result.errors == [
        "x.csv:3: deze regel is niet te lezen. Vaak is een dubbel aanhalingsteken niet gesloten."
    ]
    assert not read_addresses('"straat;huisnummer\n', filename="x.csv").ok


def test_one_letter_per_address_and_repeats_listed():
    text = (
        "straat;huisnummer;postcode\n"
        "Dorpsstraat;12 a;3981 AB\n"
        "dorpsstraat;12A;3981ab\n"
        "Dorpsstraat;12-2;3981 AB\n"
        "Dorpsstraat;122;3981 AB\n"
    )
    result = read_addresses(text)
    assert result.ok
    assert [row.house_number for row in result.rows] == ["12 a", "12-2", "122"]
    assert result.repeated == [3]
    everyone = read_addresses(text, one_per_address=False)
    assert len(everyone.rows) == 4 and everyone.repeated == []


def test_at_most_so_many_addresses_and_the_shown_list_stays_short():
    text = "straat;huisnummer;postcode\n" + "".join(f"Laan;{n};3981 AB\n" for n in range(1, 6))
    result = read_addresses(text, max_rows=3, filename="x.csv")
    assert result.errors == ["x.csv:5: het bestand heeft meer dan 3 adressen."]
    bad = "straat;huisnummer;postcode\n" + "Laan;1;fout\n" * 25
    result = read_addresses(bad, one_per_address=False)
    shown = result.shown_errors()
    assert len(result.errors) == 25 and len(shown) == 21
    assert shown[-1] == "En nog 5 problemen."


def test_unknown_columns_are_not_used_and_said_so():
    result = read_addresses("straat;huisnummer;postcode;telefoon\nLaan;1;3981 AB;06\n")
    assert result.ok and result.ignored_columns == ["telefoon"]
    assert (
        describe_ignored(result.ignored_columns) == "Deze kolommen zijn niet gebruikt: “telefoon”."
    )
    assert describe_ignored([]) == ""


def test_the_example_file_is_in_the_format_it_documents():
    for for_a_draw, require in ((True, FOR_A_DRAW), (False, FOR_LETTERS)):
        text = example_csv(for_a_draw=for_a_draw)
        assert text.startswith("\ufeff" + ";".join(HEADER))
        result = read_addresses(text.encode("utf-8"), require=require)
        assert result.ok and len(result.rows) == 2, result.errors
    assert read_addresses(example_csv(for_a_draw=False), require=FOR_A_DRAW).errors


def test_split_address():
    assert split_address("Dorpsstraat 12 A") == ("Dorpsstraat", "12 A")
    assert split_address("2e Hugo de Grootstraat 5-III") == ("2e Hugo de Grootstraat", "5-III")
    assert split_address("Kerkplein") == ("Kerkplein", "")


def test_a_misspelt_required_column_is_a_programming_error():
    with pytest.raises(ValueError):
        read_addresses("", require=("stret",))
