"""CSV files: reading the organiser's address register extract (in the one address format of
`voorop.core.addresses`), population figures and quotas, and writing the published pool and
quota files in the engine's formats.

Every row read is checked; problems are reported per line in plain words, and a file with
any problem is not imported at all.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from voorop.core import population
from voorop.core.addresses import FOR_A_DRAW, read_addresses


@dataclass
class Parsed:
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    """Columns that were recognised but are not used (min_flex, max_flex)."""
    repeated: list[int] = field(default_factory=list)
    """Lines of an address file that repeat an earlier address: left out (one letter each)."""
    shown_errors: list[str] = field(default_factory=list)
    """The first problems and how many more there are, for a page."""


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _reader(text: str) -> csv.DictReader:
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return csv.DictReader(io.StringIO(text), delimiter=delimiter)


def _find(header: list[str], names: tuple[str, ...]) -> str | None:
    lowered = {h.strip().casefold(): h for h in header if h}
    for name in names:
        if name in lowered:
            return lowered[name]
    return None


def parse_addresses(data: bytes | str, *, filename: str = "adressen.csv") -> Parsed:
    """Rows of address_id, street, house_number, postcode, place, area and household_size,
    read in the one address format of every instrument (`voorop.core.addresses`, the same
    file as for a budget round's letters). Problems are reported as ``FILE:LINE: …``; a
    repeated address (same postcode and number under another id) gets one letter."""
    result = read_addresses(data, filename=filename, require=FOR_A_DRAW)
    return Parsed(
        rows=[
            {
                "address_id": row.address_id,
                "street": row.street,
                "house_number": row.house_number,
                "postcode": row.postcode,
                "place": row.place,
                "area": row.area,
                "household_size": row.household_size,
            }
            for row in result.rows
        ],
        errors=result.errors,
        ignored=result.ignored_columns,
        repeated=result.repeated,
        shown_errors=result.shown_errors(),
    )


def parse_population(data: bytes | str, features: list[dict]) -> Parsed:
    """Rows of feature, value, population: the one population file of every instrument
    (voorop.core.population), with the assembly's wording where a quota file is given."""
    result = population.read_population(data, features)
    errors = [
        _(
            "This looks like a file with quotas (minimum and maximum), not with numbers of "
            "residents. Upload it under “Upload quotas”."
        )
        if error == population.LOOKS_LIKE_QUOTAS
        else error
        for error in result.errors
    ]
    return Parsed(rows=result.rows, errors=errors)


FLEX_COLUMNS = ("min_flex", "max_flex")


def parse_quotas(data: bytes | str, features: list[dict]) -> Parsed:
    """Rows of feature, value, min, max: the engine's categories CSV
    (``feature,value,min,max[,min_flex,max_flex]``), the quota file of a published report, or
    the Sortition Foundation's ``category,name,...,min,max``. Other columns, such as min_flex
    and max_flex (the engine's relaxation bounds), are allowed and not used."""
    result = Parsed()
    reader = _reader(_decode(data))
    header = reader.fieldnames or []
    feature_col = _find(header, ("kenmerk", "feature", "category"))
    value_col = _find(header, ("waarde", "value", "name"))
    low_col = _find(header, ("min", "minimum"))
    high_col = _find(header, ("max", "maximum"))
    if not (feature_col and value_col and low_col and high_col):
        result.errors.append(
            _(
                "The file needs the columns “feature”, “value”, “min” and “max” (or “kenmerk”, "
                "“waarde”, “min” and “max”) on the first line."
            )
        )
        return result
    result.ignored = [name for name in FLEX_COLUMNS if _find(header, (name,))]
    known = {
        (f["name"].casefold(), v.casefold()): (f["name"], v) for f in features for v in f["values"]
    }
    seen: dict[tuple[str, str], int] = {}
    for line, raw in enumerate(reader, start=2):
        feature = (raw.get(feature_col) or "").strip()
        value = (raw.get(value_col) or "").strip()
        low = (raw.get(low_col) or "").strip()
        high = (raw.get(high_col) or "").strip()
        if not (feature or value or low or high):
            continue
        key = (" ".join(feature.split()).casefold(), " ".join(value.split()).casefold())
        if key not in known:
            result.errors.append(
                _(
                    "Line %(line)s: “%(feature)s: %(value)s” is not one of the features of this "
                    "assembly."
                )
                % {"line": line, "feature": feature, "value": value}
            )
            continue
        if key in seen:
            result.errors.append(
                _("Line %(line)s: “%(feature)s: %(value)s” is also on line %(other)s.")
                % {"line": line, "feature": feature, "value": value, "other": seen[key]}
            )
            continue
        seen[key] = line
        bad = [text for text in (low, high) if not text.isdigit()]
        if bad:
            result.errors.append(
                _("Line %(line)s: “%(value)s” is not a whole number.")
                % {"line": line, "value": bad[0]}
            )
            continue
        name, canonical = known[key]
        result.rows.append({"feature": name, "value": canonical, "min": int(low), "max": int(high)})
    if not result.rows and not result.errors:
        result.errors.append(_("The file has no quotas."))
    return result


# Features are read and written by voorop.core.population (one format for every instrument).
MAX_FEATURE_TEXT = population.MAX_FEATURE_TEXT
MAX_QUESTION = population.MAX_QUESTION
parse_features = population.parse_features
features_as_text = population.features_as_text


# --- files written for recomputation -------------------------------------------------------

POOL_ID_COLUMN = "pseudoniem"
POOL_HOUSEHOLD_COLUMN = "huishouden"


def pool_file_columns(feature_names: list[str]) -> tuple[str, str]:
    """The id and household columns of the pool file: names no feature has."""
    taken = {name.casefold() for name in feature_names}
    columns = []
    for name in (POOL_ID_COLUMN, POOL_HOUSEHOLD_COLUMN):
        while name.casefold() in taken:
            name += "_"
        taken.add(name.casefold())
        columns.append(name)
    return columns[0], columns[1]


def people_csv(
    people, feature_names: list[str], *, id_column: str, household_column: str | None
) -> str:
    """The engine's people CSV: an id column, one column per feature and, with the household
    rule, a household column. `people` are the engine's Person objects, in pool order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([id_column, *feature_names, *([household_column] if household_column else [])])
    for person in people:
        row = [person.id, *(person.features.get(name, "") for name in feature_names)]
        if household_column:
            row.append(person.household or "")
        writer.writerow(row)
    return out.getvalue()


def categories_csv(quotas: list[list]) -> str:
    """The engine's categories CSV (feature,value,min,max) from [feature, value, min, max]."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["feature", "value", "min", "max"])
    writer.writerows(quotas)
    return out.getvalue()


# --- the organiser's export ------------------------------------------------------------------

_PLAIN_NUMBER = re.compile(r"^[+-][0-9 ()./-]*$")


def spreadsheet_safe(value: str) -> str:
    """Text typed by residents, made harmless for spreadsheets: a cell starting with =, +, -,
    @ or a control character would be run as a formula (CSV injection); such a cell gets a
    leading apostrophe. Phone numbers like +31 6 1234 5678 stay as they are."""
    text = str(value)
    if text[:1] in ("=", "@", "\t", "\r") or (
        text[:1] in ("+", "-") and not _PLAIN_NUMBER.match(text)
    ):
        return "'" + text
    return text


def panel_export_csv(assembly, rows) -> str:
    """The group, reserves and drop-outs for the organiser: semicolon separated with a byte
    order mark, so that a Dutch spreadsheet opens it with the right columns and accents."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Status"),
            _("Reserve order"),
            _("Name"),
            _("E-mail address"),
            _("Phone number"),
            *assembly.feature_names,
            _("Number in the draw"),
        ]
    )
    for respondent in rows:
        writer.writerow(
            [
                respondent.get_status_display(),
                respondent.reserve_rank or "",
                spreadsheet_safe(respondent.name),
                spreadsheet_safe(respondent.email),
                spreadsheet_safe(respondent.phone),
                *(respondent.features.get(name, "") for name in assembly.feature_names),
                respondent.pseudonym,
            ]
        )
    return "\ufeff" + out.getvalue()
