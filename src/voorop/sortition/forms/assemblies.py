"""Setting up an assembly: its details, features and organisers."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from voorop.accounts.roles import Role
from voorop.core.forms import forms_in, limit_texts
from voorop.sortition import csvfiles
from voorop.sortition.models import MAX_PEOPLE_PER_LETTER, Assembly

# What a new assembly asks, as CBS asks it: the question residents see, and the levels of
# education in CBS's three groups (laag, middelbaar, hoog), named by what people finished.
DEFAULT_FEATURES = [
    {"name": "Geslacht", "question": "Wat is uw geslacht?", "values": ["vrouw", "man", "anders"]},
    {
        "name": "Leeftijd",
        "question": "Hoe oud bent u?",
        "values": ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"],
    },
    {
        "name": "Opleiding",
        "question": "Wat is uw hoogst voltooide opleiding?",
        "values": ["basisonderwijs / vmbo / mbo 1", "havo / vwo / mbo 2-4", "hbo / wo"],
    },
]


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        if hasattr(value, "strftime"):
            return value.strftime("%Y-%m-%d")
        return value


DATE_FIELD = {"widget": DateInput, "input_formats": ["%Y-%m-%d", "%d-%m-%Y"]}


def organiser_choices():
    roles = [Role.GRIFFIE, Role.PROCESBEGELEIDER, Role.BEHEERDER]
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=roles) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("display_name", "email")
    )


class OrganiserField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name or obj.email


class AssemblyForm(forms.ModelForm):
    starts_on = forms.DateField(label=_("First meeting"), **DATE_FIELD)
    ends_on = forms.DateField(label=_("End date"), **DATE_FIELD)
    deletion_date = forms.DateField(
        label=_("Delete the personal data on"),
        required=False,
        help_text=_(
            "Names, contact details and features of everyone who registered are deleted on "
            "this date. Leave empty for 3 months after the end date."
        ),
        **DATE_FIELD,
    )
    registration_deadline = forms.DateField(
        label=_("Residents register by"),
        required=False,
        help_text=_(
            "The invitation letters state this date; it must be before the first meeting. "
            "You can also set it when you make the letters."
        ),
        **DATE_FIELD,
    )
    features_text = forms.CharField(
        label=_("Features for the selection"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One feature per line: the name, a colon and the values separated by commas. "
            "For example: “Leeftijd: 16-24, 25-44, 45-64, 65+”. Residents choose one value "
            "per feature when they register. To ask it as a question, put the question after "
            "the name and a bar: “Leeftijd | Hoe oud bent u?: 16-24, 25-44, 45-64, 65+”."
        ),
    )
    organisers = OrganiserField(
        label=_("Organisers"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only organisers see the names and contact details of the respondents. You are "
            "always one of them."
        ),
    )

    class Meta:
        model = Assembly
        fields = [
            "title",
            "topic",
            "panel_size",
            "reserve_count",
            "starts_on",
            "ends_on",
            "meetings",
            "deletion_date",
            "registration_deadline",
            "people_per_letter",
            "one_per_household",
        ]
        labels = {
            "title": _("Title"),
            "topic": _("Topic"),
            "panel_size": _("Number of people in the group"),
            "reserve_count": _("Number of reserves"),
            "meetings": _("Meetings"),
            "people_per_letter": _("People per letter who may register"),
            "one_per_household": _("At most one person per address in the group"),
        }
        help_texts = {
            "people_per_letter": _(
                "1: one resident per address can register. More: other residents of the "
                "address can register with the same letter too, each on their own."
            ),
            "one_per_household": _(
                "Then two people who registered with the same letter are never both drawn."
            ),
        }
        widgets = {
            "topic": forms.Textarea(attrs={"rows": 4}),
            "meetings": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisers"].queryset = organiser_choices()
        self.fields["panel_size"].min_value = 5
        self.fields["panel_size"].help_text = _("For example 30 to 150 people.")
        self.fields["people_per_letter"].required = False
        if self.instance.pk:
            self.fields["features_text"].initial = csvfiles.features_as_text(self.instance.features)
            self.fields["organisers"].initial = list(
                self.instance.organisers.values_list("pk", flat=True)
            )
        else:
            self.fields["features_text"].initial = csvfiles.features_as_text(DEFAULT_FEATURES)

    def clean_panel_size(self):
        size = self.cleaned_data["panel_size"]
        if size < 5 or size > 500:
            raise forms.ValidationError(_("Choose a size between 5 and 500."))
        return size

    def clean_people_per_letter(self):
        count = self.cleaned_data["people_per_letter"]
        if count is None:
            return 1
        if not 1 <= count <= MAX_PEOPLE_PER_LETTER:
            raise forms.ValidationError(
                _("Choose a number from 1 to %(max)s.") % {"max": MAX_PEOPLE_PER_LETTER}
            )
        return count

    def clean_features_text(self):
        features, errors = csvfiles.parse_features(self.cleaned_data["features_text"])
        if errors:
            raise forms.ValidationError(errors)
        self.cleaned_data["features"] = features
        return self.cleaned_data["features_text"]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date must be on or after the first meeting."))
        deadline = data.get("registration_deadline")
        if deadline and starts and deadline >= starts:
            self.add_error(
                "registration_deadline",
                _(
                    "Residents must be able to register before the first meeting: choose an "
                    "earlier date."
                ),
            )
        deletion = data.get("deletion_date")
        if deletion and ends and deletion < ends:
            self.add_error(
                "deletion_date",
                _("The personal data can only be deleted after the assembly has ended."),
            )
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields}
        fields["features"] = data["features"]
        return fields


limit_texts(*forms_in(__name__))
