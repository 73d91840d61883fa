from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voorop.budgeting import pb_errors
from voorop.budgeting.ballots import BallotCheck, ballot_check, clean_choices
from voorop.budgeting.models import BallotType, BudgetRound, Proposal
from voorop.core.areas.forms import AreaChoiceField
from voorop.core.areas.models import Theme
from voorop.core.areas.selectors import area_with_descendants
from voorop.core.forms import forms_in, limit_texts
from voorop.core.money import EuroFormField, format_euros
from voorop.engines.budgeting import PbFormatError, read_pb


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value):
        if hasattr(value, "strftime"):
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return value.strftime("%Y-%m-%dT%H:%M")
        return value


DATE_FIELD = {
    "widget": DateTimeInput,
    "input_formats": ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
}


class RoundForm(forms.ModelForm):
    area = AreaChoiceField(
        label=_("Area"),
        required=False,
        empty_label=_("(whole municipality)"),
        help_text=_("Residents of this area and the areas in it may vote."),
    )
    proposals_from = forms.DateTimeField(label=_("Proposals can be sent in from"), **DATE_FIELD)
    review_from = forms.DateTimeField(label=_("Review starts on"), **DATE_FIELD)
    voting_from = forms.DateTimeField(label=_("Voting opens on"), **DATE_FIELD)
    voting_until = forms.DateTimeField(label=_("Voting closes on"), **DATE_FIELD)
    implementation_from = forms.DateTimeField(label=_("Implementation starts on"), **DATE_FIELD)

    class Meta:
        model = BudgetRound
        fields = [
            "title",
            "kind",
            "description",
            "area",
            "budget",
            "proposals_from",
            "review_from",
            "voting_from",
            "voting_until",
            "implementation_from",
            "min_age",
            "voting_method",
            "ballot_type",
            "max_choices",
            "points",
            "rule",
            "completion",
            "dossier",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "voting_method": forms.RadioSelect,
            "ballot_type": forms.RadioSelect,
            "rule": forms.RadioSelect,
            "completion": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "rule": _(
                "Most votes first: the proposals with the most votes get the money, as long "
                "as it lasts. Equal Shares: every voter gets an equal part of the budget to "
                "spend on the proposals they chose; the result is fairer to smaller groups."
            ),
            "completion": _(
                "Only for Equal Shares: how to spend what is left after the first round."
            ),
        }

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from voorop.accounts.roles import is_beheerder
        from voorop.budgeting.selectors import held_areas

        held = held_areas(user) if user is not None else None
        if held is not None and not held.everything and not is_beheerder(user):
            # A procesbegeleider with areas of their own picks among those.
            field = self.fields["area"]
            field.queryset = field.queryset.filter(pk__in=held.area_ids)
            field.only_ids = held.area_ids
            if not held.municipality:
                field.required = True
                field.empty_label = None

    def clean(self):
        # The order of the dates is checked once, by the model (BudgetRound.clean), which
        # the form runs after this and which puts the error next to the date.
        data = super().clean()
        if data.get("ballot_type") == BallotType.APPROVAL and not data.get("max_choices"):
            self.add_error("max_choices", _("Say how many proposals a voter may choose."))
        if data.get("ballot_type") == BallotType.CUMULATIVE and not data.get("points"):
            self.add_error("points", _("Say how many points each voter gets."))
        return data


class ProposalForm(forms.ModelForm):
    area = AreaChoiceField(
        label=_("Village or neighbourhood"), required=False, empty_label=_("(everywhere)")
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), required=False, empty_label=_("(none)")
    )

    class Meta:
        model = Proposal
        fields = ["title", "description", "cost_estimate", "area", "theme"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        labels = {
            "title": _("Name of your proposal"),
            "description": _("What do you want to do, where, and for whom?"),
            "cost_estimate": _("What do you think it costs, in euros?"),
        }
        help_texts = {
            "title": _("In a few words, for example: “Benches along the village pond”."),
            "cost_estimate": _("A whole number, for example 4500. The municipality checks it."),
        }

    def __init__(self, *args, budget_round: BudgetRound, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.budget_round = budget_round
        if budget_round.area is not None:
            # Issue 14.12: only the round's own area and the areas in it.
            field = self.fields["area"]
            field.queryset = area_with_descendants(budget_round.area)
            field.only_ids = frozenset(field.queryset.values_list("pk", flat=True))

    def clean_cost_estimate(self):
        cost = self.cleaned_data["cost_estimate"]
        if cost is not None and cost < 1:
            raise forms.ValidationError(_("Give an amount of at least 1 euro."))
        if cost is not None and cost > self.budget_round.budget:
            raise forms.ValidationError(
                _("This is more than the whole budget of %(budget)s.")
                % {"budget": format_euros(self.budget_round.budget)}
            )
        return cost


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve: it goes on the ballot")),
            ("reject", _("Do not put it on the ballot")),
        ],
        widget=forms.RadioSelect,
    )
    cost = EuroFormField(
        label=_("Cost in euros"),
        whole=True,
        min_value=1,
        help_text=_("Change it if the municipality’s estimate differs."),
    )
    cost_reason = forms.CharField(
        label=_("Why is the cost different?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you change the cost. The proposer and every voter see it."),
    )
    reason = forms.CharField(
        label=_("Explanation for the proposer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when the proposal is not on the ballot. Write in plain language."),
    )

    def __init__(self, *args, proposal: Proposal, **kwargs) -> None:
        kwargs.setdefault("initial", {"cost": proposal.cost})
        super().__init__(*args, **kwargs)
        self.proposal = proposal

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Explain why the proposal is not on the ballot."))
        cost = data.get("cost")
        if (
            data.get("decision") == "approve"
            and cost is not None
            and cost != self.proposal.cost_estimate
            and not (data.get("cost_reason") or "").strip()
        ):
            self.add_error("cost_reason", _("Explain why the cost differs from the estimate."))
        if cost is not None and cost > self.proposal.round.budget:
            self.add_error("cost", _("The cost is higher than the whole budget of this round."))
        return data


class BallotForm(forms.Form):
    """One field per proposal: a checkbox, or a number of points for cumulative ballots.

    The check of the whole ballot (at most N, within the budget, at most P points) adds a
    form error and leaves every choice in place.
    """

    def __init__(self, *args, budget_round: BudgetRound, proposals: list[Proposal], **kwargs):
        super().__init__(*args, **kwargs)
        self.budget_round = budget_round
        self.proposals = proposals
        self.check: BallotCheck | None = None
        cumulative = budget_round.ballot_type == BallotType.CUMULATIVE
        for proposal in proposals:
            if cumulative:
                field = forms.IntegerField(
                    label=proposal.title,
                    required=False,
                    min_value=0,
                    max_value=budget_round.points or None,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                )
            else:
                field = forms.BooleanField(label=proposal.title, required=False)
            self.fields[f"p{proposal.pk}"] = field

    def choices(self) -> dict[str, int]:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        raw = {}
        for proposal in self.proposals:
            value = data.get(f"p{proposal.pk}")
            if value is True:
                raw[str(proposal.pk)] = 1
            elif isinstance(value, int) and not isinstance(value, bool) and value > 0:
                raw[str(proposal.pk)] = value
        return clean_choices(raw)

    def clean(self):
        data = super().clean()
        self.check = ballot_check(self.budget_round, self.proposals, self.choices())
        for problem in self.check.problems:
            self.add_error(None, problem)
        return data

    def rows(self):
        return [(proposal, self[f"p{proposal.pk}"]) for proposal in self.proposals]

    def chosen_ids(self) -> set[str]:
        """What the voter ticked, also when the form has errors (for the running total)."""
        chosen = set()
        for proposal in self.proposals:
            value = self[f"p{proposal.pk}"].value()
            if value not in (None, "", False, "0", 0, "off"):
                chosen.add(str(proposal.pk))
        return chosen


def ballot_initial(budget_round: BudgetRound, choices: dict) -> dict:
    cumulative = budget_round.ballot_type == BallotType.CUMULATIVE
    return {f"p{key}": (int(points) if cumulative else True) for key, points in choices.items()}


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your voting code"),
        max_length=40,
        help_text=_("It is on the letter, for example ABCD-EFGH-JKMN. Capitals do not matter."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ResultNoticeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_(
            "We use it only for this one e-mail and then delete it. It is not linked to your vote."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class PaperBallotCodeForm(CodeForm):
    code = forms.CharField(
        label=_("Voting code on the paper ballot"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class VerifyForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the resident’s account"),
    )
    area = AreaChoiceField(label=_("Lives in"))
    birth_year = forms.IntegerField(label=_("Year of birth"), min_value=1900, max_value=2100)

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("There is no account with this e-mail address."))
        self.user = user
        return email

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("This year has not yet come."))
        return year


class WhatIfForm(forms.Form):
    """A pabulib file to compare the rules on. ``election`` is what was read; ``warnings``
    says in plain words what was odd but readable (issue 19: never silently)."""

    file = forms.FileField(
        label=_("File with votes (.pb)"),
        help_text=_(
            "A file from this site or from pabulib.org. At most 8 MB, 500 projects and "
            "150,000 votes."
        ),
    )

    def __init__(self, *args, refusal: forms.ValidationError | None = None, **kwargs) -> None:
        """``refusal``: the client is over its limit; the file is then not read at all."""
        super().__init__(*args, **kwargs)
        self.refusal = refusal

    def clean_file(self):
        from voorop.budgeting.services import what_if as limits

        if self.refusal is not None:
            raise self.refusal
        upload = self.cleaned_data["file"]
        if upload.size > limits.MAX_BYTES:
            raise forms.ValidationError(
                _(
                    "The file is larger than %(mb)s MB. Use “voorop pb compute” on your own "
                    "computer for large files."
                )
                % {"mb": limits.MAX_BYTES // (1024 * 1024)},
                code="too_big",
            )
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("This is not a text file. A .pb file is plain text (UTF-8).")
            ) from error
        try:
            self.election = read_pb(text, name=upload.name)
        except PbFormatError as error:
            raise forms.ValidationError(
                pb_errors.describe(error, name=upload.name, text=text), code="pb_format"
            ) from error
        projects, votes = len(self.election.projects), len(self.election.ballots)
        if projects > limits.MAX_PROJECTS or votes > limits.MAX_VOTES:
            raise forms.ValidationError(
                _(
                    "This file is too large to compare on the site: %(projects)s projects "
                    "and %(votes)s votes (at most %(max_projects)s projects and "
                    "%(max_votes)s votes). Use “voorop pb compute” on your own computer."
                )
                % {
                    "projects": projects,
                    "votes": votes,
                    "max_projects": limits.MAX_PROJECTS,
                    "max_votes": limits.MAX_VOTES,
                },
                code="too_big",
            )
        self.text, self.name = text, upload.name
        self.warnings = pb_errors.describe_warnings(self.election.warnings, name=upload.name)
        return upload


class LinkInitiativeForm(forms.Form):
    initiative = forms.ModelChoiceField(
        label=_("Initiative"),
        queryset=None,
        required=False,
        empty_label=_("(none)"),
        help_text=_(
            "The initiative that carries out this proposal. Its progress shows on the round."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Another app is reached through its selectors only.
        from voorop.initiatives.selectors import initiatives_public

        self.fields["initiative"].queryset = initiatives_public().order_by("title")


limit_texts(*forms_in(__name__))
