"""Forms of the initiatives app: the initiative with its preconditions and agreements (in

sections), status changes with a reason, members, support, scenarios, updates with figures
and photos, facilitators, and the gallery's filters."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from voorop.accounts.roles import Role
from voorop.core.areas.models import Area, Theme
from voorop.core.areas.selectors import area_tree
from voorop.core.forms import forms_in, limit_texts
from voorop.core.uploads import PHOTO_KINDS, UploadField
from voorop.initiatives.models import (
    PUBLIC_STATUSES,
    ExperimentMode,
    Impulse,
    Initiative,
    LadderStep,
    Membership,
    OwnershipType,
    Status,
)

User = get_user_model()

PHOTO_SLOTS = 3
MAX_FIGURES = 12


class AreaChoiceField(forms.ModelMultipleChoiceField):
    """Areas as checkboxes, in tree order, so a wijk sits under its kern."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=Area.objects.all(), **kwargs)

    def use_tree(self) -> None:
        """Show the areas in tree order with indented names (one query, per form)."""
        self.choices = [
            (area.pk, "– " * max(depth - 1, 0) + area.name) for area, depth in area_tree()
        ]


def _themes_field(**kwargs) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Themes"),
        **kwargs,
    )


BASE_FIELDS = [
    "title",
    "summary",
    "description",
    "ownership_type",
    "contribution",
    "strength_in_society",
    "how_organised",
    "conflicting_interests",
    "support_base",
    "self_reliance",
    "impulses",
    "requested_budget",
    "feasibility_note",
]
MUNICIPALITY_FIELDS = [
    "ladder_step",
    "expectations",
    "is_experiment",
    "experiment_mode",
    "lessons_learned",
]

# Shown as sections on the form pages: (heading, intro, field names).
SECTIONS = [
    (_("What is it about?"), "", ["title", "summary", "description", "areas", "themes"]),
    (
        _("Who owns it?"),
        _("The initiative is yours. Does the municipality or a partner contribute?"),
        ["ownership_type", "contribution"],
    ),
    (
        _("What it needs to succeed"),
        _(
            "These questions help you and the municipality see what the initiative needs. "
            "Answer what you can. You can add to it later."
        ),
        [
            "strength_in_society",
            "how_organised",
            "conflicting_interests",
            "support_base",
            "self_reliance",
            "impulses",
        ],
    ),
    (_("Money"), "", ["requested_budget", "feasibility_note"]),
    (
        _("Agreements with the municipality"),
        _("Fill this in together with the process facilitator."),
        ["ladder_step", "expectations", "is_experiment", "experiment_mode"],
    ),
    (_("What we learned"), "", ["lessons_learned"]),
]


class InitiativeForm(forms.ModelForm):
    areas = AreaChoiceField(
        label=_("Where"),
        required=False,
        help_text=_("Choose the village or neighbourhood. Leave empty for the whole municipality."),
    )
    themes = _themes_field()
    impulses = forms.MultipleChoiceField(
        label=_("What help do you want from the municipality?"),
        choices=Impulse.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Initiative
        fields = [*BASE_FIELDS, *MUNICIPALITY_FIELDS, "areas", "themes"]
        widgets = {
            "ownership_type": forms.RadioSelect,
            "ladder_step": forms.RadioSelect,
            "experiment_mode": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"title": _("Name of the initiative")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].use_tree()
        self.fields["requested_budget"].help_text = _("In euros. Leave empty if you ask for none.")
        self.fields["description"].help_text = _(
            "What do you want to do, for whom, and why? Write it in your own words."
        )
        if "ladder_step" in self.fields:
            self.fields["ladder_step"].choices = [("", _("Not chosen yet")), *LadderStep.choices]
            self.fields["ladder_step"].help_text = _(
                "How much say residents have: from inform (the municipality decides and "
                "informs) to co-decide (residents take the lead)."
            )
            self.fields["experiment_mode"].choices = [
                ("", _("Not an experiment")),
                *ExperimentMode.choices,
            ]
            self.fields["experiment_mode"].help_text = _(
                "Let go: the municipality stays at a distance. Follow: it stays in touch. "
                "Monitor: it measures the results together with you."
            )

    def sections(self):
        for heading, intro, names in SECTIONS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                yield {"heading": heading, "intro": intro, "fields": fields}

    def clean(self):
        data = super().clean()
        if (
            data.get("ownership_type") == OwnershipType.WITH_CONTRIBUTION
            and not (data.get("contribution") or "").strip()
        ):
            self.add_error(
                "contribution",
                _("Say who contributes what, for example: the municipality pays the rent."),
            )
        if (
            "is_experiment" in self.fields
            and data.get("is_experiment")
            and not data.get("experiment_mode")
        ):
            self.add_error(
                "experiment_mode",
                _("Choose how closely the municipality follows the experiment."),
            )
        return data

    def details(self) -> dict:
        """The cleaned data without the many-to-many fields, for the services."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in {"areas", "themes", "title", "description"}
        }


class InitiativeStartForm(InitiativeForm):
    """What a resident fills in to start: no agreements with the municipality yet."""

    class Meta(InitiativeForm.Meta):
        fields = [*BASE_FIELDS, "areas", "themes"]


class TransitionForm(forms.Form):
    action = forms.ChoiceField(label=_("What do you want to do?"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Why?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Everyone can read this on the timeline of the initiative."),
        error_messages={"required": _("Explain why. Everyone can read this on the page.")},
    )

    def __init__(self, *args, transitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(t.action, t.label) for t in transitions]
        self.fields["action"].error_messages["required"] = _("Choose what you want to do.")
        if len(transitions) == 1:
            self.fields["action"].initial = transitions[0].action


class SupportForm(forms.Form):
    show_name = forms.BooleanField(label=_("Show my name with the supporters"), required=False)


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The person needs an account on Voorop with this e-mail address."),
        error_messages={
            "required": _("Fill in an e-mail address."),
            "invalid": _("Fill in a valid e-mail address, like name@example.nl."),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        widget=forms.RadioSelect,
        help_text=_("Owners can change the initiative and manage its members."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.user = User.objects.filter(email__iexact=email, is_active=True).first()
        if self.user is None:
            raise forms.ValidationError(
                _(
                    "There is no account with this e-mail address. "
                    "Ask the person to create one first."
                )
            )
        return email


class ScenarioForm(forms.Form):
    title = forms.CharField(label=_("Name of the scenario"), max_length=150)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}))
    arguments_for = forms.CharField(
        label=_("Arguments for"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    arguments_against = forms.CharField(
        label=_("Arguments against"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class UpdateForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        error_messages={"required": _("Give your update a title.")},
    )
    text = forms.CharField(
        label=_("Your story"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("How would you like to explain what you do? Tell it your way."),
    )
    figures = forms.CharField(
        label=_("Figures"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One per line, as name: number. For example: Volunteers: 24"),
    )
    lessons_learned = forms.CharField(
        label=_("What did you learn?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("What went well, what went less well? Others can learn from it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for slot in range(1, PHOTO_SLOTS + 1):
            self.fields[f"photo_{slot}"] = UploadField(
                kinds=PHOTO_KINDS, required=False, label=_("Photo %(number)s") % {"number": slot}
            )
            self.fields[f"photo_{slot}_description"] = forms.CharField(
                label=_("What does photo %(number)s show?") % {"number": slot},
                max_length=200,
                required=False,
                help_text=_("For people who cannot see the photo."),
            )
        limit_texts(self)  # the fields added here

    def clean_figures(self) -> list[tuple[str, str]]:
        figures = []
        for number, line in enumerate(self.cleaned_data["figures"].splitlines(), start=1):
            if not line.strip():
                continue
            label, separator, value = line.partition(":")
            if not separator or not label.strip() or not value.strip():
                raise forms.ValidationError(
                    _(
                        "Line %(number)s is not a name and a number with a colon between, "
                        "like Volunteers: 24."
                    ),
                    params={"number": number},
                )
            figures.append((label.strip()[:100], value.strip()[:50]))
        if len(figures) > MAX_FIGURES:
            raise forms.ValidationError(
                _("Give at most %(max)s figures."), params={"max": MAX_FIGURES}
            )
        return figures

    def clean(self):
        data = super().clean()
        for slot in range(1, PHOTO_SLOTS + 1):
            if (
                data.get(f"photo_{slot}")
                and not (data.get(f"photo_{slot}_description") or "").strip()
            ):
                self.add_error(f"photo_{slot}_description", _("Say briefly what the photo shows."))
        if not self.errors and not (
            (data.get("text") or "").strip()
            or data.get("figures")
            or (data.get("lessons_learned") or "").strip()
            or any(data.get(f"photo_{slot}") for slot in range(1, PHOTO_SLOTS + 1))
        ):
            raise forms.ValidationError(
                _("Write something, add a figure or a photo, or share what you learned.")
            )
        return data

    def photos(self):
        from voorop.initiatives.services import Photo

        for slot in range(1, PHOTO_SLOTS + 1):
            upload = self.cleaned_data.get(f"photo_{slot}")
            if upload:
                yield Photo(
                    file=upload,
                    description=self.cleaned_data[f"photo_{slot}_description"],
                    content_type=upload.detected_content_type,
                )


class FacilitatorForm(forms.Form):
    facilitator = forms.ModelChoiceField(
        label=_("Process facilitator"),
        queryset=User.objects.none(),
        empty_label=_("Choose a person"),
        error_messages={"required": _("Choose a process facilitator.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = User.objects.filter(
            groups__name=Role.PROCESBEGELEIDER, is_active=True
        ).order_by("display_name", "pk")
        self.fields["facilitator"].label_from_instance = lambda user: user.public_name


ORDER_CHOICES = [
    ("newest", _("Newest first")),
    ("support", _("Most support first")),
    ("title", _("Alphabetical")),
]


class GalleryFilterForm(forms.Form):
    """The filters above the gallery. Invalid values are ignored, never an error."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    area = forms.ChoiceField(label=_("Area"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    ladder_step = forms.ChoiceField(
        label=_("What residents decide"),
        required=False,
        choices=[("", _("All steps")), *LadderStep.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses"))]
        + [(value, label) for value, label in Status.choices if value in PUBLIC_STATUSES],
    )
    ownership_type = forms.ChoiceField(
        label=_("Whose initiative"),
        required=False,
        choices=[("", _("All")), *OwnershipType.choices],
    )
    order = forms.ChoiceField(label=_("Order"), required=False, choices=ORDER_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tree = area_tree()
        self.fields["area"].choices = [("", _("All areas"))] + [
            (area.slug, "– " * max(depth - 1, 0) + area.name) for area, depth in self.tree
        ]
        self.theme_list = list(Theme.objects.all())
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (theme.slug, theme.label) for theme in self.theme_list
        ]

    def filters(self) -> dict:
        """Keyword arguments for selectors.initiatives_for_gallery, from the valid fields."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        areas = {area.slug: area for area, _depth in self.tree}
        themes = {theme.slug: theme for theme in self.theme_list}
        return {
            "search": data.get("q", ""),
            "area": areas.get(data.get("area")),
            "theme": themes.get(data.get("theme")),
            "ladder_step": data.get("ladder_step", ""),
            "status": data.get("status", ""),
            "ownership_type": data.get("ownership_type", ""),
            "order": data.get("order") or "newest",
        }


limit_texts(*forms_in(__name__))
