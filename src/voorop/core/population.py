"""Features and population figures, one format for every instrument that asks residents who
they are (citizens' assemblies, the citizens' panel, later area councils).

- Features as the organiser types them: one per line, “Name | question: value, value”.
- The population file: a CSV file with the columns ``kenmerk``, ``waarde`` and ``aantal``
  (the number of residents per value, as the CBS or the municipality's own figures give
  them). Every line with a problem is reported; a file with any problem is not used.
- :func:`makeup`: a group's make-up against the population per feature value, with the
  gaps (under- or over-represented values) that an organiser should act on. Plain numbers
  in, plain numbers out: the wording is for the app.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from voorop.core.addresses import decode

# A feature's name and values are stored in rows of 100 characters each.
MAX_FEATURE_TEXT = 100
MAX_QUESTION = 200
# An error code (not a message): the app says where quotas are uploaded instead.
LOOKS_LIKE_QUOTAS = "looks-like-quotas"
# A value is a gap when its share in the group differs this much (in percentage points)
# from its share of the population, and by a fifth of that share.
GAP_POINTS = 5.0
GAP_RELATIVE = 0.2


@dataclass
class PopulationFile:
    rows: list[dict] = field(default_factory=list)
    """{"feature", "value", "population"} per line, with the names as the features have them."""
    errors: list[str] = field(default_factory=list)


def _reader(text: str) -> csv.DictReader:
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return csv.DictReader(io.StringIO(text), delimiter=delimiter)


def _find(header: Sequence[str], names: tuple[str, ...]) -> str | None:
    lowered = {h.strip().casefold(): h for h in header if h}
    for name in names:
        if name in lowered:
            return lowered[name]
    return None


def read_population(data: bytes | str, features: list[dict]) -> PopulationFile:
    """Rows of feature, value, population (a number of residents) for known feature values."""
    result = PopulationFile()
    reader = _reader(decode(data))
    header = reader.fieldnames or []
    feature_col = _find(header, ("kenmerk", "feature", "category"))
    value_col = _find(header, ("waarde", "value", "name"))
    count_col = _find(header, ("aantal", "inwoners", "population", "count"))
    if not (feature_col and value_col and count_col):
        if _find(header, ("min", "minimum")) and _find(header, ("max", "maximum")):
            result.errors.append(LOOKS_LIKE_QUOTAS)
            return result
        result.errors.append(
            _("The file needs the columns “kenmerk”, “waarde” and “aantal” on the first line.")
        )
        return result
    known = {
        (f["name"].casefold(), v.casefold()): (f["name"], v) for f in features for v in f["values"]
    }
    for line, raw in enumerate(reader, start=2):
        feature = (raw.get(feature_col) or "").strip()
        value = (raw.get(value_col) or "").strip()
        count = (raw.get(count_col) or "").strip().replace(".", "").replace(" ", "")
        if not (feature or value or count):
            continue
        key = (feature.casefold(), value.casefold())
        if key not in known:
            result.errors.append(
                _("Line %(line)s: “%(feature)s: %(value)s” is not one of the features.")
                % {"line": line, "feature": feature, "value": value}
            )
            continue
        if not count.isdigit():
            result.errors.append(
                _("Line %(line)s: “%(value)s” is not a whole number.")
                % {"line": line, "value": raw.get(count_col)}
            )
            continue
        name, canonical = known[key]
        result.rows.append({"feature": name, "value": canonical, "population": int(count)})
    if not result.rows and not result.errors:
        result.errors.append(_("The file has no figures."))
    return result


def parse_features(text: str) -> tuple[list[dict], list[str]]:
    """“Name: value, value, value” per line, as typed by the organiser. The question residents
    are asked may follow the name after a bar: “Opleiding | Wat is uw hoogst voltooide
    opleiding?: …”; without one, the form asks with the name."""
    features: list[dict] = []
    errors: list[str] = []
    names: set[str] = set()
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        head, colon, rest = line.partition(":")
        name, _bar, question = head.partition("|")
        name, question = " ".join(name.split()), " ".join(question.split())
        values = [" ".join(v.split()) for v in rest.split(",") if v.strip()]
        if not colon or not name:
            errors.append(
                _(
                    "Line %(line)s: write the feature, a colon and its values, for example "
                    "“Leeftijd: 16-24, 25-44, 45-64, 65+”."
                )
                % {"line": number}
            )
            continue
        if len(values) < 2:
            errors.append(
                _("Line %(line)s: “%(name)s” needs at least two values, separated by commas.")
                % {"line": number, "name": name}
            )
            continue
        too_long = [text for text in (name, *values) if len(text) > MAX_FEATURE_TEXT]
        if too_long or len(question) > MAX_QUESTION:
            errors.append(
                _(
                    "Line %(line)s: a name or value may have at most %(max)s characters, a "
                    "question at most %(question)s. Make “%(text)s” shorter."
                )
                % {
                    "line": number,
                    "max": MAX_FEATURE_TEXT,
                    "question": MAX_QUESTION,
                    "text": (too_long[0] if too_long else question)[:40] + "…",
                }
            )
            continue
        if len({v.casefold() for v in values}) != len(values):
            errors.append(
                _("Line %(line)s: “%(name)s” has the same value twice.")
                % {"line": number, "name": name}
            )
            continue
        if name.casefold() in names:
            errors.append(
                _("Line %(line)s: the feature “%(name)s” is already on an earlier line.")
                % {"line": number, "name": name}
            )
            continue
        names.add(name.casefold())
        feature: dict = {"name": name, "values": values}
        if question:
            feature["question"] = question
        features.append(feature)
    if not features and not errors:
        errors.append(_("Name at least one feature."))
    return features, errors


def features_as_text(features: list[dict]) -> str:
    lines = []
    for f in features:
        head = f"{f['name']} | {f['question']}" if f.get("question") else f["name"]
        lines.append(f"{head}: {', '.join(f['values'])}")
    return "\n".join(lines)


@dataclass(frozen=True)
class ValueMakeup:
    feature: str
    value: str
    count: int
    """People in the group with this value."""
    share: float | None
    """Their share of the group, 0–100 (None for an empty group)."""
    population: int | None
    population_share: float | None
    """The value's share of the population, 0–100 (None without figures)."""
    group_size: int = 0
    """Everyone in the group with a value for this feature."""

    @property
    def difference(self) -> float | None:
        """Percentage points the group is above (+) or below (−) the population."""
        if self.share is None or self.population_share is None:
            return None
        return self.share - self.population_share

    @property
    def gap(self) -> str:
        """ "under", "over" or "" (close enough, or not known)."""
        diff = self.difference
        if diff is None or self.population_share is None:
            return ""
        if abs(diff) < GAP_POINTS or abs(diff) < GAP_RELATIVE * self.population_share:
            return ""
        return "under" if diff < 0 else "over"

    @property
    def shortfall(self) -> int:
        """How many more people with this value the group needs to match the population
        share, the group's size kept (0 when it is not under-represented)."""
        if self.gap != "under" or self.population_share is None or self.share is None:
            return 0
        total = self.group_size
        if not total:
            return 0
        # x more with the value, the others kept: (count + x) / (total + x) = p.
        p = self.population_share / 100
        return max(0, round((p * total - self.count) / (1 - p))) if p < 1 else 0


def makeup(
    features: Sequence[Mapping],
    counts: Mapping[tuple[str, str], int],
    population: Mapping[tuple[str, str], int | None],
) -> list[list[ValueMakeup]]:
    """Per feature (in order), per value: the group's count and share beside the population's.

    ``counts`` and ``population`` are keyed by (feature name, value); a missing count is 0, a
    missing population figure means the shares of that feature are not known."""
    table: list[list[ValueMakeup]] = []
    for feature in features:
        name, values = feature["name"], list(feature["values"])
        group_total = sum(counts.get((name, v), 0) for v in values)
        figures = [population.get((name, v)) for v in values]
        known = all(f is not None for f in figures)
        population_total = sum(f or 0 for f in figures) if known else 0
        rows = []
        for value, figure in zip(values, figures, strict=True):
            count = counts.get((name, value), 0)
            rows.append(
                ValueMakeup(
                    feature=name,
                    value=value,
                    count=count,
                    share=100 * count / group_total if group_total else None,
                    population=figure,
                    population_share=(
                        100 * (figure or 0) / population_total if population_total else None
                    ),
                    group_size=group_total,
                )
            )
        table.append(rows)
    return table
