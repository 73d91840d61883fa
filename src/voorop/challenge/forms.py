"""Forms of the right to challenge: the group's plan, members and signature lists, the staff
steps (talk, assessment, decision, agreement), the task catalogue, the procedure's
deadlines and the register's filters."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voorop.challenge.models import (
    ANSWER_LENGTH,
    CRITERION_QUESTIONS,
    Challenge,
    Criterion,
    Outcome,
    ProcedureSettings,
    Stage,
    Task,
)
from voorop.core.areas.models import Area
from voorop.core.forms import forms_in, limit_texts
from voorop.core.money import EuroFormField
from voorop.core.uploads import PDF_KIND, PHOTO_KINDS, UploadField
from voorop.council import selectors as council
from voorop.initiatives import selectors as initiatives

REQUIRED = _("Fill in this field.")


class ChallengeForm(forms.ModelForm):
    member_emails = forms.CharField(
        label=_("Other members of your group"),
        required=False,
        max_length=ANSWER_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The e-mail addresses of their accounts on Voorop, one per line. "
            "They can then follow and change the challenge with you."
        ),
    )

    class Meta:
        model = Challenge
        fields = [
            "title",
            "group_name",
            "plan",
            "cost",
            "cost_explanation",
            "quality",
            "continuity",
            "support_evidence",
            "risks",
            "dossier",
            "initiative",
        ]
        widgets = {
            "plan": forms.Textarea(attrs={"rows": 6}),
            "cost_explanation": forms.Textarea(attrs={"rows": 3}),
            "quality": forms.Textarea(attrs={"rows": 3}),
            "continuity": forms.Textarea(attrs={"rows": 3}),
            "support_evidence": forms.Textarea(attrs={"rows": 3}),
            "risks": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, with_members: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not with_members:
            del self.fields["member_emails"]
        initiative = self.fields["initiative"]
        initiative.queryset = initiatives.initiatives_of(user)
        if not with_members or not initiative.queryset.exists():
            # Only when submitting; the group of a submitted challenge stays as it is.
            del self.fields["initiative"]
        else:
            initiative.empty_label = _("Not on behalf of an initiative")
            initiative.help_text = _(
                "The members of the initiative then belong to your group as well."
            )
        for field in self.fields.values():
            field.error_messages["required"] = REQUIRED
        self.fields["dossier"].help_text = _(
            "Does your plan belong to a subject the council has set anchor points for?"
        )
        self.fields["dossier"].empty_label = _("No dossier")
        self.fields["dossier"].queryset = council.dossiers_open_to_contributions(
            keep=self.instance.dossier_id
        )

    def clean_member_emails(self) -> list[str]:
        raw = self.cleaned_data.get("member_emails", "")
        emails = [line.strip() for line in raw.replace(",", "\n").splitlines() if line.strip()]
        unknown = []
        for email in emails:
            try:
                validate_email(email)
            except forms.ValidationError:
                unknown.append(email)
                continue
            if not get_user_model().objects.filter(email__iexact=email, is_active=True).exists():
                unknown.append(email)
        if unknown:
            raise forms.ValidationError(
                _("No account found for: %(emails)s. Ask them to create an account first.")
                % {"emails": ", ".join(unknown)}
            )
        return emails


class AddMemberForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the new member"),
        max_length=254,
        help_text=_("The person needs an account on Voorop with this address."),
        error_messages={
            "required": REQUIRED,
            "invalid": _("Enter a valid e-mail address."),
        },
    )


class SignatureListForm(forms.Form):
    file = UploadField(
        label=_("Signature list (scan or photo)"),
        kinds=(PDF_KIND, *PHOTO_KINDS),
        error_messages={"required": _("Choose a file.")},
    )
    signatures = forms.IntegerField(
        label=_("Number of signatures on this list"),
        min_value=1,
        error_messages={
            "required": REQUIRED,
            "invalid": _("Enter a whole number."),
            "min_value": _("Enter a number of 1 or more."),
        },
    )


class ReasonForm(forms.Form):
    text = forms.CharField(
        label=_("Message"),
        max_length=ANSWER_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": REQUIRED},
    )

    def __init__(self, *args, label=None, required: bool = True, help_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["text"].label = label
        self.fields["text"].required = required
        self.fields["text"].help_text = help_text


class TalkForm(forms.Form):
    held_on = forms.DateField(
        label=_("Date of the talk"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": REQUIRED, "invalid": _("Enter a date, e.g. 14-03-2026.")},
    )
    summary = forms.CharField(
        label=_("What was agreed"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("This is shown on the public timeline."),
        error_messages={"required": REQUIRED},
    )

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("The talk cannot be in the future."))
        return held_on


SCORE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class AssessmentForm(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for criterion in Criterion:
            self.fields[f"{criterion.value}_score"] = forms.TypedChoiceField(
                label=_("%(criterion)s: score") % {"criterion": criterion.label},
                help_text=CRITERION_QUESTIONS[criterion]
                + " "
                + str(_("1 is very weak, 5 is very strong.")),
                choices=[("", "—"), *SCORE_CHOICES],
                coerce=int,
                error_messages={"required": _("Choose a score.")},
            )
            self.fields[f"{criterion.value}_reasons"] = forms.CharField(
                label=_("%(criterion)s: reasons") % {"criterion": criterion.label},
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": _("Give the reasons for this score.")},
            )
        limit_texts(self)  # the fields added here

    def scores(self) -> dict[str, tuple[int, str]]:
        return {
            c.value: (
                self.cleaned_data[f"{c.value}_score"],
                self.cleaned_data[f"{c.value}_reasons"],
            )
            for c in Criterion
        }


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision.")},
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Always give reasons, also when you grant the challenge."),
        error_messages={"required": _("Give the reasons for the decision.")},
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only when you grant with conditions."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("outcome") == Outcome.GRANTED_WITH_CONDITIONS
            and not data.get("conditions", "").strip()
        ):
            self.add_error("conditions", _("Write down the conditions."))
        return data


class AgreementForm(forms.Form):
    budget = EuroFormField(
        label=_("Budget transferred per year (euro)"), error_messages={"required": REQUIRED}
    )
    starts_on = forms.DateField(
        label=_("Start date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": REQUIRED, "invalid": _("Enter a date, e.g. 14-03-2026.")},
    )
    ends_on = forms.DateField(
        label=_("End date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": REQUIRED, "invalid": _("Enter a date, e.g. 14-03-2026.")},
    )
    reporting = forms.CharField(
        label=_("How the group reports"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: twice a year, in a form the group chooses."),
        error_messages={"required": REQUIRED},
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] <= data["starts_on"]:
            self.add_error("ends_on", _("The end date must be after the start date."))
        return data


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = [
            "title",
            "description",
            "area",
            "theme",
            "budget",
            "quality_standard",
            "department",
            "is_open",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "quality_standard": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = REQUIRED


class ProcedureSettingsForm(forms.ModelForm):
    class Meta:
        model = ProcedureSettings
        fields = [
            "acknowledge_weeks",
            "talk_weeks",
            "assessment_weeks",
            "decision_weeks",
            "agreement_weeks",
            "criteria_intro",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages["required"] = REQUIRED
            if name.endswith("_weeks"):
                field.error_messages["invalid"] = _("Enter a whole number of weeks.")
                field.min_value = 1
                field.widget.attrs["min"] = 1

    def clean(self):
        data = super().clean()
        for name in self.fields:
            if name.endswith("_weeks") and data.get(name) is not None and data[name] < 1:
                self.add_error(name, _("Enter at least 1 week."))
        return data


class RegisterFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All stages")), *Stage.choices]
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", _("All outcomes")), *Outcome.choices]
    )
    area = forms.ModelChoiceField(
        label=_("Area"), required=False, queryset=Area.objects.all(), empty_label=_("All areas")
    )
    task = forms.ModelChoiceField(
        label=_("Task"), required=False, queryset=Task.objects.all(), empty_label=_("All tasks")
    )


limit_texts(*forms_in(__name__))
