"""Results of a consultation: per question the unweighted figures beside the figures weighted
to the population (raking over the panel's features, weights trimmed; engines.weighting),
with the effective sample size and the margin of error. No figure for fewer than 5 people."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from voorop.core.spreadsheets import csv_text, ods_bytes
from voorop.engines import weighting
from voorop.panel.models import MIN_CELL, Answer, Consultation, Question, QuestionKind


@dataclass
class Weighting:
    n: int
    weights: list[float] | None
    effective_n: float
    design_effect: float
    converged: bool = True
    features: list[str] = field(default_factory=list)
    problem: str = ""
    """Why the results are not weighted, in plain words (empty when they are)."""


@dataclass
class Row:
    label: str
    count: int
    unweighted: float | None
    weighted: float | None
    margin: float | None
    suppressed: bool = False
    """Shares (0–100) or mean scores; None where suppressed (fewer than 5 people)."""


@dataclass
class QuestionResult:
    question: Question
    answered: int
    rows: list[Row]
    measure: str  # "share" (percentages) or "mean" (mean score)
    effective_n: float | None
    too_few: bool
    scale_max: float = 100.0


def _margins(consultation: Consultation) -> list[weighting.Margin]:
    figures: dict[str, dict[str, float]] = {}
    for p in consultation.panel.population.all():
        if p.feature in consultation.weighting:
            figures.setdefault(p.feature, {})[p.value] = p.population
    return [weighting.Margin(name, shares) for name, shares in figures.items() if shares]


def weights_for(consultation: Consultation, responses: list[dict[str, str]]) -> Weighting:
    n = len(responses)
    if n < MIN_CELL:
        return Weighting(n, None, float(n), 1.0, problem=_("Too few answers to weigh."))
    margins = _margins(consultation)
    if not margins:
        return Weighting(
            n, None, float(n), 1.0, problem=_("There are no population figures to weigh with.")
        )
    try:
        result = weighting.rake(responses, margins)
    except weighting.EmptyCellError as error:
        return Weighting(
            n,
            None,
            float(n),
            1.0,
            problem=_(
                "Not weighted: nobody with %(feature)s “%(value)s” answered. Recruit for it, or "
                "merge it with a neighbouring value."
            )
            % {"feature": error.feature, "value": error.value},
        )
    except weighting.WeightingError:
        return Weighting(
            n, None, float(n), 1.0, problem=_("Not weighted: not every answer has all features.")
        )
    return Weighting(
        n,
        list(result.weights),
        result.effective_sample_size,
        result.design_effect,
        converged=result.converged,
        features=[m.feature for m in margins],
    )


def _pct(value: float | None) -> float | None:
    return None if value is None else 100 * value


def _choice_rows(unweighted: Any, weighted: Any) -> list[Row]:
    rows = []
    for plain, heavy in zip(unweighted.options, weighted.options, strict=True):
        rows.append(
            Row(
                label=plain.option,
                count=plain.count,
                unweighted=None if plain.suppressed else _pct(plain.share.unweighted),
                weighted=None if heavy.suppressed else _pct(heavy.share.weighted),
                margin=None if heavy.suppressed else _pct(heavy.share.margin_of_error),
                suppressed=plain.suppressed,
            )
        )
    return rows


def _score_rows(result: Any, counts: dict[str, int]) -> list[Row]:
    return [
        Row(
            label=option,
            count=counts.get(option, 0),
            unweighted=estimate.unweighted,
            weighted=estimate.weighted,
            margin=estimate.margin_of_error,
        )
        for option, estimate in result.scores.items()
    ]


def question_results(consultation: Consultation) -> tuple[Weighting, list[QuestionResult]]:
    responses = list(consultation.responses.order_by("pk").values_list("pk", "features"))
    index = {pk: i for i, (pk, _features) in enumerate(responses)}
    weights = weights_for(consultation, [features for _pk, features in responses])
    w = weights.weights
    answers: dict[int, list[Any]] = {}
    for question_id, response_id, value in Answer.objects.filter(
        question__consultation=consultation
    ).values_list("question_id", "response_id", "value"):
        answers.setdefault(question_id, [None] * len(responses))[index[response_id]] = value
    results = []
    for question in consultation.questions.all():
        values = answers.get(question.pk, [None] * len(responses))
        answered = sum(v is not None for v in values)
        if question.kind == QuestionKind.OPEN:
            results.append(
                QuestionResult(question, answered, [], "open", None, answered < MIN_CELL)
            )
            continue
        if answered < MIN_CELL:
            results.append(QuestionResult(question, answered, [], "share", None, True))
            continue
        kind = question.kind
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SCALE):
            if kind == QuestionKind.SCALE:
                options = question.scale_options
                function = weighting.single_choice
            elif kind == QuestionKind.SINGLE:
                options, function = question.options, weighting.single_choice
            else:
                options, function = question.options, weighting.multiple_choice
            plain = function(values, options, None, min_cell=MIN_CELL)
            heavy = function(values, options, w, min_cell=MIN_CELL)
            results.append(
                QuestionResult(
                    question,
                    answered,
                    _choice_rows(plain, heavy),
                    "share",
                    heavy.effective_sample_size,
                    False,
                )
            )
            continue
        counts: dict[str, int] = {}
        for value in values:
            for option in value or []:
                counts[option] = counts.get(option, 0) + 1
        if kind == QuestionKind.RANKING:
            result = weighting.ranking(values, question.options, w)
            top = float(len(question.options))
        else:
            result = weighting.points_allocation(
                values, question.options, w, budget=question.points
            )
            top = float(question.points)
        results.append(
            QuestionResult(
                question,
                answered,
                _score_rows(result, counts),
                "mean",
                result.effective_sample_size,
                False,
                scale_max=top,
            )
        )
    return weights, results


def open_answers(question: Question, search: str = "") -> QuerySet[Answer]:
    answers = Answer.objects.filter(question=question).exclude(text="").order_by("pk")
    if search.strip():
        answers = answers.filter(text__icontains=search.strip())
    return answers


def _table(consultation: Consultation) -> list[list[Any]]:
    weights, results = question_results(consultation)
    rows: list[list[Any]] = [
        [
            _("question"),
            _("option"),
            _("people"),
            _("unweighted"),
            _("weighted"),
            _("margin of error"),
            _("effective number of people"),
        ]
    ]

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 2)

    for result in results:
        if result.measure == "open" or result.too_few:
            rows.append([result.question.text, "", result.answered, None, None, None, None])
            continue
        for row in result.rows:
            rows.append(
                [
                    result.question.text,
                    row.label,
                    row.count if not row.suppressed else None,
                    rounded(row.unweighted),
                    rounded(row.weighted) if weights.weights else None,
                    rounded(row.margin),
                    rounded(result.effective_n),
                ]
            )
    return rows


def results_csv(consultation: Consultation) -> str:
    return csv_text(_table(consultation))


def results_ods(consultation: Consultation) -> bytes:
    return ods_bytes(_table(consultation), sheet=consultation.title[:30] or "Resultaten")
