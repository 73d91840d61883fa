"""The questionnaire builder, sending, answering and the feedback."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from voorop.core.forms import forms_in, limit_texts
from voorop.panel.forms.common import DateInput, end_of_day, weighting_field
from voorop.panel.models import Panel, Question, QuestionKind


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    intro = forms.CharField(
        label=_("Introduction"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What it is about, what the council or college will do with the answers."),
    )
    closing_text = forms.CharField(
        label=_("Text after the last question"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    closes_on = forms.DateField(
        label=_("Closes at the end of"), widget=DateInput(), help_text=_("Answers until 23:59.")
    )
    feedback_due = forms.DateField(
        label=_("Feedback due"),
        widget=DateInput(),
        help_text=_("By when the panel hears what was done with its answers."),
    )

    def __init__(self, *args, panel: Panel | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if panel is not None and panel.features:
            self.fields["weighting"] = weighting_field(panel)

    def closes_at(self) -> datetime:
        return end_of_day(self.cleaned_data["closes_on"])


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of question"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Question"), max_length=500)
    help_text = forms.CharField(label=_("Explanation"), max_length=500, required=False)
    options_text = forms.CharField(
        label=_("Options"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One option per line. For one or several choices, ranking and points."),
    )
    scale_size = forms.IntegerField(
        label=_("Points on the scale"), min_value=2, max_value=11, initial=5, required=False
    )
    points = forms.IntegerField(
        label=_("Points to divide"), min_value=1, max_value=1000, initial=100, required=False
    )
    required = forms.BooleanField(label=_("An answer is needed"), required=False)

    def options(self) -> list[str]:
        return list(self.cleaned_data.get("options_text", "").splitlines())


class SendForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Who gets the questions"),
        choices=[
            ("all", _("All members")),
            ("sample", _("A sample that looks like the panel (drawn by lot)")),
        ],
        widget=forms.RadioSelect,
        initial="all",
    )
    sample_size = forms.IntegerField(label=_("Size of the sample"), min_value=1, required=False)
    seed = forms.CharField(label=_("Seed"), max_length=100, required=False)

    def clean(self):
        data = super().clean()
        if data.get("audience") == "sample" and not data.get("sample_size"):
            self.add_error("sample_size", _("Give the size of the sample."))
        return data


def question_field(question: Question) -> str:
    return f"q{question.pk}"


class AnswerForm(forms.Form):
    """One field per question; a ranking is one select per option (the place, 1 = first) and
    points one number per option, so the form works without JavaScript."""

    def __init__(self, *args, questions: list[Question], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            name = question_field(question)
            label = question.text
            common: dict[str, Any] = {"label": label, "required": False}
            if question.help_text:
                common["help_text"] = question.help_text
            kind = question.kind
            if kind == QuestionKind.SINGLE:
                field: forms.Field = forms.ChoiceField(
                    choices=[(o, o) for o in question.options], widget=forms.RadioSelect, **common
                )
            elif kind == QuestionKind.SCALE:
                common.setdefault(
                    "help_text",
                    _("1 is “not at all”, %(top)s is “very much”.") % {"top": question.scale_size},
                )
                field = forms.ChoiceField(
                    choices=[(o, o) for o in question.scale_options],
                    widget=forms.RadioSelect,
                    **common,
                )
            elif kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=[(o, o) for o in question.options],
                    widget=forms.CheckboxSelectMultiple,
                    **common,
                )
            elif kind == QuestionKind.OPEN:
                field = forms.CharField(
                    max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), **common
                )
            else:
                for index, option in enumerate(question.options):
                    sub = f"{name}_{index}"
                    if kind == QuestionKind.RANKING:
                        self.fields[sub] = forms.TypedChoiceField(
                            label=option,
                            choices=[("", "—")]
                            + [(str(i), str(i)) for i in range(1, len(question.options) + 1)],
                            coerce=int,
                            empty_value=None,
                            required=False,
                        )
                    else:
                        self.fields[sub] = forms.IntegerField(
                            label=option, min_value=0, max_value=question.points, required=False
                        )
                continue
            self.fields[name] = field

    def groups(self) -> list[tuple[Question, list[forms.BoundField], bool]]:
        """Per question its fields, and whether they form a group (ranking, points)."""
        out = []
        for question in self.questions:
            name = question_field(question)
            if name in self.fields:
                out.append((question, [self[name]], False))
            else:
                subs = [self[f"{name}_{i}"] for i in range(len(question.options))]
                out.append((question, subs, True))
        return out

    def answers(self) -> dict[int, Any]:
        data = self.cleaned_data
        out: dict[int, Any] = {}
        for question in self.questions:
            name = question_field(question)
            if question.kind == QuestionKind.RANKING:
                places = {
                    option: data.get(f"{name}_{i}") for i, option in enumerate(question.options)
                }
                ranked = sorted((p, o) for o, p in places.items() if p)
                if len({p for p, _o in ranked}) != len(ranked):
                    self.add_error(
                        None, _("Give each place only once: %(q)s") % {"q": question.text}
                    )
                out[question.pk] = [o for _p, o in ranked]
            elif question.kind == QuestionKind.POINTS:
                out[question.pk] = {
                    option: data.get(f"{name}_{i}") or 0
                    for i, option in enumerate(question.options)
                }
            else:
                out[question.pk] = data.get(name)
        return out

    def add_question_errors(self, errors: dict[str, list[str]]) -> None:
        by_pk = {str(q.pk): q for q in self.questions}
        for key, messages in errors.items():
            question = by_pk.get(key)
            if question is None:
                self.add_error(None, messages)
            elif question_field(question) in self.fields:
                self.add_error(question_field(question), messages)
            else:
                self.add_error(None, [f"{question.text}: {m}" for m in messages])


class FeedbackForm(forms.Form):
    feedback = forms.CharField(
        label=_("What we did with your answers"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "The reaction and decisions of the council or college. It is published and "
            "e-mailed to everyone who took part."
        ),
    )


limit_texts(*forms_in(__name__))
