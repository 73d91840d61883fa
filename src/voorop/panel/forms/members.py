"""Setting up a panel, population figures, joining, and recruitment by letter."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from voorop.core import population
from voorop.core.addresses import FOR_A_DRAW, read_addresses
from voorop.core.forms import forms_in, limit_texts
from voorop.core.uploads import CSV_KIND, UploadField
from voorop.panel.models import DEFAULT_FEATURES, Panel


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


limit_texts(*forms_in(__name__))
