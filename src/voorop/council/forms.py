"""Forms of the council's instruments: dossiers and anchor points (set, answered, judged),
decisions with documents and reflections, events with sign-up, topics, harvest and follow-up."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from voorop.accounts.roles import STAFF_ROLES
from voorop.core.forms import forms_in, limit_texts
from voorop.core.uploads import PDF_KIND, UploadField
from voorop.council.models import (
    TEXT_LENGTH,
    CouncilDecision,
    Dossier,
    Event,
    EventTopic,
    FollowUpStatus,
    Reflection,
    Verdict,
)

REQUIRED = _("Fill in this field.")
DATE_INVALID = _("Enter a date, e.g. 14-03-2026.")
DATETIME_INVALID = _("Enter a date and time, e.g. 14-03-2026 19:30.")


def _plain_messages(form: forms.Form) -> None:
    for field in form.fields.values():
        field.error_messages["required"] = REQUIRED
        if isinstance(field, forms.DateTimeField):
            field.error_messages["invalid"] = DATETIME_INVALID
        elif isinstance(field, forms.DateField):
            field.error_messages["invalid"] = DATE_INVALID
        elif isinstance(field, forms.IntegerField):
            field.error_messages["invalid"] = _("Enter a whole number.")


class DossierForm(forms.ModelForm):
    class Meta:
        model = Dossier
        fields = ["title", "description", "status", "area", "theme", "max_anchor_points"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain_messages(self)
        self.fields["max_anchor_points"].min_value = 1
        self.fields["max_anchor_points"].widget.attrs["min"] = 1

    def clean_max_anchor_points(self):
        value = self.cleaned_data["max_anchor_points"]
        if value < 1:
            raise forms.ValidationError(_("Allow at least 1 anchor point."))
        if self.instance.pk and value < self.instance.anchor_points.count():
            raise forms.ValidationError(
                _("This dossier already has more anchor points. Remove some first.")
            )
        return value


class AnchorPointForm(forms.Form):
    title = forms.CharField(label=_("Anchor point"), max_length=200)
    explanation = forms.CharField(
        label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain_messages(self)


class AnchorResponseForm(forms.Form):
    """One text field per anchor point of the dossier."""

    def __init__(self, *args, points: list, initial_texts: dict[int, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.points = points
        for point in points:
            self.fields[f"point_{point.pk}"] = forms.CharField(
                label=str(point),
                help_text=point.explanation,
                required=False,
                max_length=TEXT_LENGTH,
                initial=initial_texts.get(point.pk, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        _plain_messages(self)
        limit_texts(self)  # the fields added here

    def clean(self):
        data = super().clean()
        if not any(data.get(f"point_{p.pk}", "").strip() for p in self.points):
            raise forms.ValidationError(_("Write something for at least one anchor point."))
        return data

    def texts(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data.get(f"point_{p.pk}", "") for p in self.points}


class AnchorJudgementForm(forms.Form):
    def __init__(self, *args, points: list, initial_values: dict[int, tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.points = points
        for point in points:
            verdict, reasons = initial_values.get(point.pk, ("", ""))
            self.fields[f"verdict_{point.pk}"] = forms.ChoiceField(
                label=_("%(point)s: judgement") % {"point": point},
                choices=Verdict.choices,
                required=False,
                initial=verdict,
                widget=forms.RadioSelect,
            )
            self.fields[f"reasons_{point.pk}"] = forms.CharField(
                label=_("%(point)s: reasons") % {"point": point},
                required=False,
                initial=reasons,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        limit_texts(self)  # the fields added here

    def clean(self):
        data = super().clean()
        judged = 0
        for point in self.points:
            verdict = data.get(f"verdict_{point.pk}")
            reasons = data.get(f"reasons_{point.pk}", "").strip()
            if verdict and not reasons:
                self.add_error(f"reasons_{point.pk}", _("Give the reasons for this judgement."))
            if reasons and not verdict:
                self.add_error(f"verdict_{point.pk}", _("Choose a judgement."))
            judged += bool(verdict)
        if not judged and not self.errors:
            raise forms.ValidationError(_("Judge at least one anchor point."))
        return data

    def judgements(self) -> dict[int, tuple[str, str]]:
        return {
            p.pk: (
                self.cleaned_data.get(f"verdict_{p.pk}", ""),
                self.cleaned_data.get(f"reasons_{p.pk}", ""),
            )
            for p in self.points
        }


class DecisionForm(forms.ModelForm):
    class Meta:
        model = CouncilDecision
        fields = ["title", "decided_on", "dossier", "summary"]
        widgets = {
            "decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain_messages(self)
        self.fields["dossier"].empty_label = _("No dossier")


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title of the document"), max_length=200)
    file = UploadField(label=_("PDF file"), kinds=(PDF_KIND,))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain_messages(self)
        self.fields["file"].error_messages["required"] = _("Choose a PDF file.")


class ReflectionForm(forms.ModelForm):
    class Meta:
        model = Reflection
        fields = [
            "society_involved",
            "ladder_step",
            "anchor_points",
            "left_to_society",
            "how_residents_hear",
            "free_text",
        ]
        widgets = {
            "society_involved": forms.RadioSelect,
            "ladder_step": forms.RadioSelect,
            "anchor_points": forms.CheckboxSelectMultiple,
            "left_to_society": forms.Textarea(attrs={"rows": 3}),
            "how_residents_hear": forms.Textarea(attrs={"rows": 3}),
            "free_text": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, decision: CouncilDecision, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain_messages(self)
        self.fields["society_involved"].error_messages["required"] = _("Choose an answer.")
        self.fields["ladder_step"].choices = [c for c in self.fields["ladder_step"].choices if c[0]]
        self.fields["ladder_step"].help_text = _(
            "Informing, consulting, advising, co-producing or deciding together."
        )
        if decision.dossier_id:
            self.fields["anchor_points"].queryset = decision.dossier.anchor_points.all()
        else:
            del self.fields["anchor_points"]

    def clean(self):
        data = super().clean()
        if data.get("society_involved") in {"yes", "partly"} and not data.get("ladder_step"):
            self.add_error("ladder_step", _("Choose the step on the participation ladder."))
        return data


class EventForm(forms.ModelForm):
    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity < 1:
            raise forms.ValidationError(_("Enter 1 place or more, or leave it empty."))
        return capacity

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "description",
            "place",
            "starts_at",
            "ends_at",
            "capacity",
            "guests_may_sign_up",
            "area",
            "dossier",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain_messages(self)

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The end must be after the start."))
        return data


class GuestSignUpForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We only use it for this event, and delete it after the event."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain_messages(self)
        self.fields["email"].error_messages["invalid"] = _("Enter a valid e-mail address.")


class TopicForm(forms.ModelForm):
    class Meta:
        model = EventTopic
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        labels = {"title": _("Your topic")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain_messages(self)


class HarvestForm(forms.Form):
    harvest = forms.CharField(
        label=_("Harvest"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "What came out of the meeting? "
            "Write it so that people who were not there understand it."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain_messages(self)


class FollowUpForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=get_user_model().objects.none())
    topic = forms.ModelChoiceField(
        label=_("Topic raised by a resident"),
        queryset=EventTopic.objects.none(),
        required=False,
        help_text=_("The resident gets an e-mail when you write what was done."),
    )

    def __init__(self, *args, event: Event, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain_messages(self)
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=[r.value for r in STAFF_ROLES])
            .distinct()
            .order_by("display_name")
        )
        self.fields["owner"].error_messages["required"] = _("Choose an owner.")
        self.fields["topic"].queryset = event.topics.all()
        self.fields["topic"].empty_label = _("No topic")


class FollowUpUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=FollowUpStatus.choices, widget=forms.RadioSelect
    )
    message_to_resident = forms.CharField(
        label=_("What was done with the input"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent by e-mail to the resident who raised the topic."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _plain_messages(self)
        self.fields["status"].error_messages["required"] = _("Choose a status.")


limit_texts(*forms_in(__name__))
