from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from voorop.accounts.models import User
from voorop.accounts.roles import Role
from voorop.core.uploads import CSV_KIND, UploadField
from voorop.sortition import csvfiles
from voorop.sortition.models import MAX_PEOPLE_PER_LETTER, Algorithm, Assembly

DEFAULT_FEATURES = [
    {"name": "Geslacht", "values": ["vrouw", "man", "anders"]},
    {"name": "Leeftijd", "values": ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"]},
    {"name": "Opleiding", "values": ["laag", "middelbaar", "hoog"]},
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
        User.objects.filter(Q(groups__name__in=roles) | Q(is_superuser=True), is_active=True)
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
    features_text = forms.CharField(
        label=_("Features for the selection"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One feature per line: the name, a colon and the values separated by commas. "
            "For example: “Leeftijd: 16-24, 25-44, 45-64, 65+”. Residents choose one value "
            "per feature when they register."
        ),
    )
    organisers = OrganiserField(
        label=_("Organisers"),
        queryset=User.objects.none(),
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


class AddressUploadForm(forms.Form):
    file = UploadField(
        label=_("Address list (CSV)"),
        kinds=(CSV_KIND,),
        help_text=_(
            "An extract of the address register (BRP/BAG) with the columns adres_id, straat, "
            "huisnummer, postcode, plaats and gebied, and if you have it huishoudgrootte. "
            "Comma or semicolon separated."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        upload.seek(0)
        parsed = csvfiles.parse_addresses(upload.read())
        if parsed.errors:
            shown = parsed.errors[:20]
            if len(parsed.errors) > 20:
                shown.append(
                    _("And %(count)s more problems. Nothing was imported.")
                    % {"count": len(parsed.errors) - 20}
                )
            else:
                shown.append(_("Nothing was imported. Correct the file and upload it again."))
            raise forms.ValidationError(shown)
        self.rows = parsed.rows
        return upload


class InvitationDrawForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of addresses to invite"),
        min_value=1,
        help_text=_("Usually 10 to 20 times the size of the group: not everyone responds."),
    )
    seed = forms.CharField(
        label=_("Seed"),
        required=False,
        max_length=100,
        help_text=_(
            "Any text or number. With the same seed and address list, anyone gets the same "
            "addresses. Leave empty and Voorop picks one; it is published either way."
        ),
    )

    def __init__(self, *args, address_count: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.address_count = address_count

    def clean_count(self):
        count = self.cleaned_data["count"]
        if count > self.address_count:
            raise forms.ValidationError(
                _("There are %(total)s addresses; choose at most that many.")
                % {"total": self.address_count}
            )
        return count


def feature_field_name(index: int) -> str:
    return f"feature_{index}"


class RegistrationForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the letter"),
        max_length=20,
        help_text=_("The letters and digits on your letter, for example ABCD-EF23-GH45."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    name = forms.CharField(
        label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        help_text=_("Give an e-mail address or a phone number, or both."),
    )

    def __init__(self, *args, assembly: Assembly, on_paper: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.assembly = assembly
        for index, feature in enumerate(assembly.features):
            self.fields[feature_field_name(index)] = forms.ChoiceField(
                label=feature["name"],
                choices=[(v, v) for v in feature["values"]],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one of the options.")},
            )
        self.fields["consent"] = forms.BooleanField(
            label=(
                _("The resident agrees to the privacy terms.")
                if on_paper
                else _("I agree that the municipality uses my details for this selection.")
            ),
            error_messages={
                "required": _("You can only register if you agree to the privacy terms.")
            },
        )

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Give an e-mail address or a phone number, or both."))
        return data

    def features(self) -> dict[str, str]:
        return {
            feature["name"]: self.cleaned_data[feature_field_name(index)]
            for index, feature in enumerate(self.assembly.features)
        }


class PopulationForm(forms.Form):
    """Number of residents per feature value, typed in."""

    def __init__(self, *args, quotas, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.quotas = quotas
        for quota in quotas:
            self.fields[f"population_{quota.pk}"] = forms.IntegerField(
                label=f"{quota.feature}: {quota.value}",
                min_value=0,
                initial=quota.population,
                error_messages={
                    "required": _("Fill in a number."),
                    "invalid": _("Fill in a whole number."),
                    "min_value": _("Fill in 0 or more."),
                },
            )

    def rows(self):
        return [(quota, self[f"population_{quota.pk}"]) for quota in self.quotas]

    def figures(self) -> dict[tuple[str, str], int]:
        return {(q.feature, q.value): self.cleaned_data[f"population_{q.pk}"] for q in self.quotas}


class _FeatureFileForm(forms.Form):
    """An uploaded CSV with rows per feature value of the assembly: imported whole or not at
    all."""

    def __init__(self, *args, assembly: Assembly, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.assembly = assembly

    def _parsed(self, parse) -> csvfiles.Parsed:
        upload = self.cleaned_data["file"]
        upload.seek(0)
        parsed = parse(upload.read(), self.assembly.features)
        if parsed.errors:
            raise forms.ValidationError(
                [
                    *parsed.errors[:20],
                    _("Nothing was imported. Correct the file and upload it again."),
                ]
            )
        return parsed


class PopulationUploadForm(_FeatureFileForm):
    file = UploadField(
        label=_("Population figures (CSV)"),
        kinds=(CSV_KIND,),
        help_text=_("Columns kenmerk, waarde and aantal: the number of residents per value."),
    )

    def clean_file(self):
        parsed = self._parsed(csvfiles.parse_population)
        self.figures = {(r["feature"], r["value"]): r["population"] for r in parsed.rows}
        return self.cleaned_data["file"]


class QuotaUploadForm(_FeatureFileForm):
    file = UploadField(
        label=_("Quotas (CSV)"),
        kinds=(CSV_KIND,),
        help_text=_(
            "Columns feature, value, min and max (or kenmerk, waarde, min and max): for "
            "example the quota file of a published report, or a categories file of the "
            "sortition-algorithms library. Columns such as min_flex and max_flex may be in it; "
            "Voorop does not use them. Values that are not in the file keep their quotas."
        ),
    )

    def clean_file(self):
        parsed = self._parsed(csvfiles.parse_quotas)
        self.bounds = {(r["feature"], r["value"]): (r["min"], r["max"]) for r in parsed.rows}
        self.ignored = parsed.ignored
        return self.cleaned_data["file"]


class ProposeForm(forms.Form):
    tolerance = forms.IntegerField(
        label=_("Room either side, as a percentage of the seats"),
        min_value=0,
        max_value=25,
        initial=5,
        help_text=_("0 gives the proportional number of seats, rounded down and up."),
    )


class QuotaForm(forms.Form):
    def __init__(self, *args, quotas, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.quotas = quotas
        messages = {
            "required": _("Fill in a number."),
            "invalid": _("Fill in a whole number."),
            "min_value": _("Fill in 0 or more."),
        }
        for quota in quotas:
            label = f"{quota.feature}: {quota.value}"
            self.fields[f"min_{quota.pk}"] = forms.IntegerField(
                label=_("Minimum for %(label)s") % {"label": label},
                min_value=0,
                initial=quota.min,
                error_messages=messages,
            )
            self.fields[f"max_{quota.pk}"] = forms.IntegerField(
                label=_("Maximum for %(label)s") % {"label": label},
                min_value=0,
                initial=quota.max,
                error_messages=messages,
            )

    def rows(self):
        return [(q, self[f"min_{q.pk}"], self[f"max_{q.pk}"]) for q in self.quotas]

    def bounds(self) -> dict[tuple[str, str], tuple[int, int]]:
        return {
            (q.feature, q.value): (
                self.cleaned_data[f"min_{q.pk}"],
                self.cleaned_data[f"max_{q.pk}"],
            )
            for q in self.quotas
        }


class SeedForm(forms.Form):
    seed = forms.CharField(
        label=_("Seed"),
        max_length=200,
        help_text=_(
            "For example the numbers of a public draw, typed in at a public meeting, or the "
            "winning numbers of a lottery on a date still to come. Once fixed, it cannot change."
        ),
    )
    source = forms.CharField(
        label=_("Where the seed comes from"),
        max_length=300,
        required=False,
        help_text=_(
            "So that anyone can check it, for example “Dice thrown at the council meeting of "
            "3 March”."
        ),
    )


class SelectionForm(forms.Form):
    algorithm = forms.ChoiceField(
        label=_("Method"),
        choices=Algorithm.choices,
        initial=Algorithm.LEXIMIN,
        widget=forms.RadioSelect,
    )


class PublishForm(forms.Form):
    publish_pool_file = forms.BooleanField(
        label=_(
            "Also publish the registrations without names, so that anyone can recompute the draw"
        ),
        required=False,
        initial=True,
        help_text=_(
            "A file with a random number (pseudonym) and the features of everyone who "
            "registered; no names, contact details or addresses. It is deleted together with "
            "the personal data. Leave it out if the features are sensitive: with few "
            "respondents, a combination of features can point to one person."
        ),
    )


class DeviationForm(forms.Form):
    """Fill an open seat while accepting a deviation from the quotas."""

    how = forms.ChoiceField(
        label=_("What should happen with the seat?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the options.")},
    )
    accept = forms.BooleanField(
        label=_(
            "I accept that the group then deviates from the quotas as described. This is "
            "recorded and published in the report."
        ),
        error_messages={"required": _("Tick the box to accept the deviation from the quotas.")},
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["how"].choices = choices
        if len(choices) == 1:
            self.fields["how"].initial = choices[0][0]
