"""One address file for every instrument that writes to residents (voting letters of budget
rounds, invitations of citizens' assemblies, later the citizens' panel).

The format — a CSV file with the column names on the first line — is the one a municipality
exports from its address register (BAG/BRP): one address per line::

    adres_id;naam;straat;huisnummer;huisletter;toevoeging;postcode;plaats;gebied;huishoudgrootte
    0344200000123456;;Dorpsstraat;12;A;;3981 AB;Heikant;Heikant-Noord;2

=============== ======================================================== ==================
column          what                                                     needed
=============== ======================================================== ==================
adres_id        the address's id in the register (nummeraanduiding)      for a draw by lot
naam            name on the envelope ("Aan de bewoners van" when empty)  no
straat          street name                                              yes (or adres)
huisnummer      house number, with letter or addition if there are no    yes (or adres)
                separate columns for those ("12 A", "12-2")
huisletter      house letter                                             no
toevoeging      house number addition                                    no
adres           street and number in one column, instead of straat and   —
                huisnummer ("Dorpsstraat 12 A")
postcode        1234 AB (the space and capitals do not matter)           yes
plaats          place of residence                                       for a draw by lot
gebied          the area (kern, wijk) as the municipality names it       for a draw by lot
huishoudgrootte number of people in the household                        no
=============== ======================================================== ==================

Reading is lenient: the separator may be a semicolon (what a Dutch spreadsheet saves), a
comma or a tab; the file may start with a byte order mark or be saved as Windows text
(cp1252); column names may be in any case, with spaces, hyphens or underscores, and in
English (``address_id``, ``street``, ``house_number``, ``postal_code``, ``city``, ``area``).
Every problem is reported, per line, as ``FILE:LINE: message`` in plain language, so that the
whole file can be put right at once; a file with any problem is not imported.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from voorop.core import codes

# Column → the names it may have in a file, normalised (see _normal).
COLUMNS: dict[str, tuple[str, ...]] = {
    "address_id": ("adresid", "id", "addressid", "nummeraanduiding", "nummeraanduidingid"),
    "name": ("naam", "name", "aanhef", "tenaamstelling"),
    "street": ("straat", "straatnaam", "street", "openbareruimte"),
    "house_number": ("huisnummer", "huisnr", "nummer", "housenumber"),
    "house_letter": ("huisletter", "letter", "houseletter"),
    "addition": ("toevoeging", "huisnummertoevoeging", "addition"),
    "address": ("adres", "address", "straatenhuisnummer"),
    "postcode": ("postcode", "postalcode", "zip"),
    "place": ("plaats", "woonplaats", "place", "city", "town"),
    "area": ("gebied", "wijk", "kern", "buurt", "area"),
    "household_size": ("huishoudgrootte", "householdsize", "personen"),
}
# The Dutch name of each column, as the documentation and the messages call it.
DUTCH = {
    "address_id": "adres_id",
    "name": "naam",
    "street": "straat",
    "house_number": "huisnummer",
    "house_letter": "huisletter",
    "addition": "toevoeging",
    "address": "adres",
    "postcode": "postcode",
    "place": "plaats",
    "area": "gebied",
    "household_size": "huishoudgrootte",
}
HEADER = [
    "adres_id",
    "naam",
    "straat",
    "huisnummer",
    "huisletter",
    "toevoeging",
    "postcode",
    "plaats",
    "gebied",
    "huishoudgrootte",
]
# What a letter needs at least (the post delivers on postcode and house number; the place is
# printed when it is there). A draw by lot also needs the place, the id and the area.
FOR_LETTERS = ("street", "house_number", "postcode")
FOR_A_DRAW = (*FOR_LETTERS, "place", "address_id", "area")

POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Z]{2})$")
MAX_ROWS = 200_000
MAX_SHOWN = 20


@dataclass(frozen=True)
class AddressRow:
    line: int
    street: str
    house_number: str
    postcode: str
    place: str = ""
    address_id: str = ""
    name: str = ""
    area: str = ""
    household_size: int | None = None

    @property
    def street_line(self) -> str:
        """ "Dorpsstraat 12 A": the first line of the address on an envelope."""
        return f"{self.street} {self.house_number}".strip()

    @property
    def key(self) -> str:
        """The same address, however it was typed: postcode, street and the parts of the
        house number ("12-2" and "122" stay apart, "12A" and "12 a" are one)."""
        parts = "-".join(re.findall(r"[0-9]+|[A-Z]+", self.house_number.upper()))
        return f"{self.postcode.replace(' ', '')}|{codes.normalise(self.street)}|{parts}"

    def as_letter(self) -> dict[str, str]:
        """The address as ``core/letters.html`` prints it."""
        return {
            "name": self.name,
            "street": self.street_line,
            "postcode": self.postcode,
            "city": self.place,
        }


@dataclass
class AddressFile:
    filename: str
    rows: list[AddressRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    repeated: list[int] = field(default_factory=list)
    """Lines that repeat an earlier address: left out (one letter per address)."""
    ignored_columns: list[str] = field(default_factory=list)
    """Columns on the first line that are not part of the format (not used)."""

    @property
    def ok(self) -> bool:
        return not self.errors

    def shown_errors(self) -> list[str]:
        """The first problems, and how many more there are: a page stays readable."""
        shown = self.errors[:MAX_SHOWN]
        if len(self.errors) > MAX_SHOWN:
            shown.append(
                gettext("And %(count)s more problems.") % {"count": len(self.errors) - MAX_SHOWN}
            )
        return shown

    def raise_for_errors(self, intro: str | None = None) -> None:
        """A ``ValidationError`` for a form: what did not happen (``intro``; by default
        "nothing was imported"), then every problem."""
        if self.errors:
            first = intro or gettext(
                "Nothing was imported. Correct these lines and upload the file again."
            )
            raise ValidationError([first, *self.shown_errors()], code="address_file")


def _normal(name: str) -> str:
    """A column name without case, accents, spaces, hyphens and underscores."""
    text = unicodedata.normalize("NFKD", name.strip().casefold())
    return "".join(ch for ch in text if ch.isalnum())


def decode(data: bytes | str) -> str:
    """UTF-8 (with or without byte order mark), else Windows text (what Excel saves)."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def split_address(text: str) -> tuple[str, str]:
    """ "Dorpsstraat 12 A" → ("Dorpsstraat", "12 A"); "Plein 1944 3" → ("Plein 1944", "3").
    The house number is the last word that starts with a digit, with what follows it."""
    words = text.split()
    for index in range(len(words) - 1, 0, -1):
        if words[index][:1].isdigit():
            return " ".join(words[:index]), " ".join(words[index:])
    return text.strip(), ""


def read_addresses(
    data: bytes | str,
    *,
    filename: str = "adressen.csv",
    require: Iterable[str] = FOR_LETTERS,
    one_per_address: bool = True,
    max_rows: int = MAX_ROWS,
) -> AddressFile:
    """Read an address file in the one format (see the module docstring).

    ``require``: the columns that must be there and filled in on every line (``FOR_LETTERS``
    or ``FOR_A_DRAW``). ``one_per_address``: a line that repeats an earlier address is left
    out and listed in ``repeated``; a repeated ``adres_id`` is always an error."""
    result = AddressFile(filename=filename)
    required = tuple(require)
    if unknown := set(required) - set(COLUMNS):
        raise ValueError(f"unknown address columns {sorted(unknown)}")

    def problem(line: int, message: str) -> None:
        result.errors.append(f"{filename}:{line}: {message}")

    text = decode(data)
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        problem(1, gettext("the file is empty, or its first line is empty."))
        return result
    delimiter = max(";,\t", key=first_line.count) if any(c in first_line for c in ";,\t") else ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error:
        problem(1, gettext("this line cannot be read. Often a double quote is not closed."))
        return result
    columns = _columns(header, result)
    missing = _missing_columns(columns, required)
    if missing:
        problem(
            1,
            gettext(
                "the first line must name the columns. Missing: %(missing)s. See the example "
                "file for the names."
            )
            % {"missing": ", ".join(f"“{DUTCH[key]}”" for key in missing)},
        )
        return result

    seen_ids: dict[str, int] = {}
    seen_addresses: set[str] = set()
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            problem(
                reader.line_num,
                gettext("this line cannot be read. Often a double quote is not closed."),
            )
            break
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(result.rows) >= max_rows:
            limit = number_format(max_rows, force_grouping=True)
            problem(line, gettext("the file has more than %(max)s addresses.") % {"max": limit})
            break
        row, problems, address_id = _row(line, cells, columns, required)
        if address_id in seen_ids:
            problems.append(
                gettext("address id “%(id)s” is also on line %(line)s")
                % {"id": address_id, "line": seen_ids[address_id]}
            )
        elif address_id:
            seen_ids[address_id] = line
        if row is None or problems:
            problem(line, "; ".join(problems) + ".")
            continue
        if one_per_address and row.key in seen_addresses:
            result.repeated.append(line)
            continue
        seen_addresses.add(row.key)
        result.rows.append(row)
    if not result.rows and not result.errors:
        problem(line, gettext("the file has no addresses."))
    return result


def _columns(header: list[str], result: AddressFile) -> dict[str, int]:
    """Column → its position in the file; unknown column names go to ``ignored_columns``."""
    names = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}
    columns: dict[str, int] = {}
    for position, cell in enumerate(header):
        key = names.get(_normal(cell))
        if key is None:
            if cell.strip():
                result.ignored_columns.append(cell.strip())
        elif key not in columns:
            columns[key] = position
    return columns


def _missing_columns(columns: dict[str, int], required: tuple[str, ...]) -> list[str]:
    missing = []
    for key in required:
        if key in columns:
            continue
        if key in ("street", "house_number") and "address" in columns:
            continue  # "adres" holds both
        missing.append(key)
    return missing


def _row(
    line: int, cells: list[str], columns: dict[str, int], required: tuple[str, ...]
) -> tuple[AddressRow | None, list[str], str]:
    """The row (None when it has problems), its problems, and its address id."""

    def cell(key: str) -> str:
        position = columns.get(key)
        if position is None or position >= len(cells):
            return ""
        return " ".join(cells[position].split())

    street, number = cell("street"), cell("house_number")
    # Street and number in one "adres" column (when the file has no separate ones filled in).
    in_one = "address" in columns and not (street and number)
    if in_one:
        street, number = split_address(cell("address"))
    number = " ".join(part for part in (number, cell("house_letter"), cell("addition")) if part)
    values = {
        "address_id": cell("address_id"),
        "street": street,
        "house_number": number,
        "postcode": cell("postcode"),
        "place": cell("place"),
        "area": cell("area"),
    }
    problems = []
    for key in required:
        if key not in values or values[key]:
            continue
        if in_one and key in ("street", "house_number"):
            if not cell("address"):
                message = gettext("“%(column)s” is empty") % {"column": DUTCH["address"]}
            else:
                message = gettext("“%(value)s” has no house number") % {"value": cell("address")}
            if message not in problems:
                problems.append(message)
            continue
        problems.append(gettext("“%(column)s” is empty") % {"column": DUTCH[key]})
    postcode = values["postcode"].upper()
    match = POSTCODE.match(postcode)
    if postcode and match is None:
        problems.append(
            gettext("“%(value)s” is not a postcode (write it as 1234 AB)")
            % {"value": values["postcode"]}
        )
    size_text = cell("household_size")
    size = None
    if size_text:
        if size_text.isdigit() and int(size_text) >= 1:
            size = int(size_text)
        else:
            problems.append(
                gettext("household size “%(value)s” is not a whole number of 1 or more")
                % {"value": size_text}
            )
    if problems:
        return None, problems, values["address_id"]
    row = AddressRow(
        line=line,
        address_id=values["address_id"],
        name=cell("name"),
        street=values["street"],
        house_number=values["house_number"],
        postcode=f"{match[1]} {match[2]}" if match else "",
        place=values["place"],
        area=values["area"],
        household_size=size,
    )
    return row, [], values["address_id"]


def example_csv(*, for_a_draw: bool = True) -> str:
    """A small example file in the format, to offer for download next to an upload field
    (with a byte order mark and semicolons, so a Dutch spreadsheet opens it as columns)."""
    first = ["0344200000000001", "", "Dorpsstraat", "12", "A", "", "3981 AB", "Heikant"]
    second = ["0344200000000002", "Fam. de Vries", "Kerkplein", "3", "", "2", "3981 AC", "Heikant"]
    rows = [[*first, "Heikant-Noord", "2"], [*second, "Heikant-Zuid", ""]]
    if not for_a_draw:
        rows = [["", *row[1:8], "", ""] for row in rows]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()


ADDRESS_FILE_HELP = _(
    "A CSV file with the column names on the first line: straat, huisnummer, postcode and "
    "plaats (and adres_id and gebied for a draw by lot). Semicolons, commas or tabs."
)


def describe_ignored(columns: list[str]) -> str:
    """A notice for the columns that were not used ("" when there are none)."""
    if not columns:
        return ""
    return gettext("These columns were not used: %(columns)s.") % {
        "columns": ", ".join(f"“{name}”" for name in columns)
    }


__all__ = [
    "FOR_A_DRAW",
    "FOR_LETTERS",
    "HEADER",
    "AddressFile",
    "AddressRow",
    "decode",
    "describe_ignored",
    "example_csv",
    "read_addresses",
    "split_address",
]
