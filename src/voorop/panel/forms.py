"""Forms of the citizens' panel: setting up, population figures, joining, recruitment,
the questionnaire builder, answering and the feedback."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voorop.core import population
from voorop.core.addresses import FOR_A_DRAW, read_addresses
from voorop.core.forms import forms_in, limit_texts
from voorop.core.uploads import CSV_KIND, UploadField
from voorop.panel.models import DEFAULT_FEATURES, Moderation, Panel, Question, QuestionKind


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        if hasattr(value, "strftime"):
            return value.strftime("%Y-%m-%d")
        return value


class PanelForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What the panel is for"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    features_text = forms.CharField(
        label=_("Features"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One feature per line: the name, a bar and the question if you like, a colon and "
            "the values separated by commas. For example “Leeftijd | Hoe oud bent u?: 16-34, "
            "35-49, 50-64, 65 of ouder”."
        ),
        initial=population.features_as_text(DEFAULT_FEATURES),
    )
    area_feature = forms.CharField(
        label=_("Feature with the areas"),
        max_length=100,
        required=False,
        help_text=_("The name of the feature whose values are the areas of the address file."),
    )
    term_years = forms.IntegerField(label=_("Term in years"), min_value=1, max_value=10, initial=3)
    open_signup = forms.BooleanField(
        label=_("Anyone can sign up (not only with a letter)"), required=False, initial=True
    )

    def clean_features_text(self):
        features, errors = population.parse_features(self.cleaned_data["features_text"])
        if errors:
            raise forms.ValidationError(errors)
        self.features = features
        return self.cleaned_data["features_text"]


class PopulationForm(forms.Form):
    file = UploadField(
        label=_("Or upload the figures (CSV)"),
        kinds=(CSV_KIND,),
        required=False,
        help_text=_(
            "Columns kenmerk, waarde and aantal: the number of residents per value. The same "
            "file as for a citizens' assembly."
        ),
    )

    def __init__(self, *args, panel: Panel, figures: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.panel = panel
        self.keys: list[tuple[str, str, str]] = []
        for f_index, feature in enumerate(panel.features):
            for v_index, value in enumerate(feature["values"]):
                name = f"population_{f_index}_{v_index}"
                self.fields[name] = forms.IntegerField(
                    label=f"{feature['name']}: {value}",
                    min_value=0,
                    required=False,
                    initial=figures.get((feature["name"], value)),
                )
                self.keys.append((name, feature["name"], value))
        self.order_fields([k[0] for k in self.keys] + ["file"])

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        self.figures: dict[tuple[str, str], int | None] = {
            (feature, value): data.get(name) for name, feature, value in self.keys
        }
        if upload:
            upload.seek(0)
            parsed = population.read_population(upload.read(), self.panel.features)
            if parsed.errors:
                errors = [
                    _("This looks like a file with quotas, not with numbers of residents.")
                    if e == population.LOOKS_LIKE_QUOTAS
                    else e
                    for e in parsed.errors
                ]
                self.add_error("file", errors)
            else:
                self.figures = {(r["feature"], r["value"]): r["population"] for r in parsed.rows}
        return data


def feature_field(index: int) -> str:
    return f"feature_{index}"


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the letter"),
        max_length=20,
        required=False,
        help_text=_("Did you get a letter? Type its code, for example ABCD-EF23-GH45."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    name = forms.CharField(
        label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send the questions to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, panel: Panel, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.panel = panel
        if not panel.open_signup:
            self.fields["code"].required = True
            self.fields["code"].help_text = _("The letters and digits on your letter.")
        for index, feature in enumerate(panel.features):
            self.fields[feature_field(index)] = forms.ChoiceField(
                label=feature.get("question") or feature["name"],
                choices=[(v, v) for v in feature["values"]],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one of the options.")},
            )
        self.fields["consent"] = forms.BooleanField(
            label=_(
                "I agree that the municipality keeps my name, e-mail address and answers to "
                "these questions while I am a member of the panel."
            ),
            error_messages={"required": _("You can only join if you agree to the privacy terms.")},
        )

    def features(self) -> dict[str, str]:
        return {
            feature["name"]: self.cleaned_data[feature_field(index)]
            for index, feature in enumerate(self.panel.features)
        }


class AddressUploadForm(forms.Form):
    file = UploadField(
        label=_("Address list (CSV)"),
        kinds=(CSV_KIND,),
        help_text=_(
            "An extract of the address register with the columns adres_id, straat, huisnummer, "
            "postcode, plaats and gebied. The same format as for a citizens' assembly."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        upload.seek(0)
        result = read_addresses(upload.read(), filename=upload.name, require=FOR_A_DRAW)
        result.raise_for_errors()
        self.rows = result.rows
        return upload


class RecruitmentForm(forms.Form):
    count = forms.IntegerField(label=_("Number of letters"), min_value=1)
    seed = forms.CharField(
        label=_("Seed"),
        required=False,
        max_length=100,
        help_text=_(
            "Any text or number. With the same seed and address list, anyone gets the same "
            "addresses. Leave empty and Voorop picks one."
        ),
    )


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


def end_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


def weighting_field(panel: Panel) -> forms.MultipleChoiceField:
    """The features the results are weighted on (raked to the population figures)."""
    return forms.MultipleChoiceField(
        label=_("Weight the results on"),
        choices=[(name, name) for name in panel.feature_names],
        initial=panel.weighting_features,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The results are weighted so that these features match the population figures. "
            "Fewer features give steadier weights."
        ),
        error_messages={"required": _("Choose at least one feature to weight the results on.")},
    )


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


class OpinionMapForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    intro = forms.CharField(
        label=_("Introduction"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    moderation = forms.ChoiceField(
        label=_("New statements of participants"),
        choices=Moderation.choices,
        widget=forms.RadioSelect,
        initial=Moderation.BEFORE,
    )
    statements = forms.CharField(
        label=_("Statements to start with"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One statement per line, short and about one thing."),
    )
    closes_on = forms.DateField(
        label=_("Closes at the end of"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty to close the map yourself."),
    )

    def clean_closes_on(self):
        day = self.cleaned_data.get("closes_on")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("The closing date must be in the future."))
        return day

    def closes_at(self) -> datetime | None:
        day = self.cleaned_data.get("closes_on")
        return end_of_day(day) if day else None


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Your own statement"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Short and about one thing, so that others can agree or disagree."),
    )


class PolisImportForm(forms.Form):
    participants_votes = UploadField(label="participants-votes.csv", kinds=(CSV_KIND,))
    comments = UploadField(label="comments.csv", kinds=(CSV_KIND,))


limit_texts(*forms_in(__name__))
