"""Forms of the community instruments. Every text field has the shared limit
(core.forms.limit_texts) and plain Dutch messages."""

from __future__ import annotations

from django import forms
from django.db.models.utils import get_blank_choice_label
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voorop.community.models import (
    Agreement,
    AreaCouncil,
    AreaNetwork,
    ChosenBy,
    CommitmentStatus,
    MemberRole,
    ModerationAction,
    NetworkGroup,
    PartyKind,
    PostCategory,
    PostKind,
    SafetyItem,
)
from voorop.community.models.network import EXPIRY_CHOICES
from voorop.core.forms import forms_in, limit_texts

REQUIRED = _("Fill in this field.")
DATE_INVALID = _("Enter a date, e.g. 14-03-2026.")
DATETIME_INVALID = _("Enter a date and time, e.g. 14-03-2026 19:30.")
CHOICE_INVALID = _("Choose one of the options.")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value):
        if hasattr(value, "strftime"):
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return value.strftime("%Y-%m-%dT%H:%M")
        return value


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else value


class PlainForm(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        plain_messages(self)


def plain_messages(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        field.error_messages["required"] = REQUIRED
        field.error_messages["invalid_choice"] = CHOICE_INVALID
        if isinstance(field, forms.DateTimeField):
            field.error_messages["invalid"] = DATETIME_INVALID
        elif isinstance(field, forms.DateField):
            field.error_messages["invalid"] = DATE_INVALID


# --- area councils ------------------------------------------------------------------------


class CouncilForm(forms.ModelForm):
    class Meta:
        model = AreaCouncil
        fields = ["name", "slug", "kind", "area", "description", "draw"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        plain_messages(self)


class CouncilDescriptionForm(forms.ModelForm):
    """What a council's own members may change: the description."""

    class Meta:
        model = AreaCouncil
        fields = ["description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        plain_messages(self)


class MemberForm(PlainForm):
    public_name = forms.CharField(label=_("Name shown on the page"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address of their account (optional)"),
        required=False,
        help_text=_(
            "With an account the member may manage this council's pages. The address is not shown."
        ),
    )
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    chosen_by = forms.ChoiceField(label=_("How chosen"), choices=ChosenBy.choices)
    term_start = forms.DateField(label=_("Term starts"), widget=DateInput)
    term_end = forms.DateField(label=_("Term ends (optional)"), widget=DateInput, required=False)


class TermForm(PlainForm):
    term_start = forms.DateField(label=_("Term starts"), widget=DateInput)
    term_end = forms.DateField(label=_("Term ends (optional)"), widget=DateInput, required=False)


class MeetingForm(PlainForm):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=DateTimeInput,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
    )
    place = forms.CharField(label=_("Place"), max_length=200)


class ItemForm(PlainForm):
    title = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(
        label=_("Explanation (optional)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class ProposeItemForm(ItemForm):
    text = forms.CharField(
        label=_("What do you want the council to talk about, and why?"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class AnswerForm(PlainForm):
    decision = forms.ChoiceField(
        label=_("Does the council take it up?"),
        choices=[("take_up", _("Yes, on the agenda")), ("decline", _("No, not taken up"))],
        widget=forms.RadioSelect,
    )
    meeting = forms.ModelChoiceField(
        label=_("On the agenda of (optional)"), queryset=None, required=False
    )
    answer = forms.CharField(
        label=_("Answer to the resident"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Always explain, also when the council does not take it up."),
    )

    def __init__(self, *args, council: AreaCouncil, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = council.meetings.all()  # type: ignore[attr-defined]


class MinutesForm(PlainForm):
    minutes = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 12}), required=False
    )
    approved = forms.BooleanField(
        label=_("The council has approved these minutes: publish them"), required=False
    )


class DecisionForm(PlainForm):
    title = forms.CharField(label=_("Decision"), max_length=200)
    text = forms.CharField(
        label=_("Explanation (optional)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput)
    meeting = forms.ModelChoiceField(label=_("Meeting (optional)"), queryset=None, required=False)

    def __init__(self, *args, council: AreaCouncil, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = council.meetings.all()  # type: ignore[attr-defined]


# --- manifest -------------------------------------------------------------------------------


class ManifestForm(PlainForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(label=_("Short name in the web address"), max_length=100)
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        max_length=60000,
        help_text=_("Separate passages with an empty line."),
    )


class VersionForm(PlainForm):
    text = forms.CharField(
        label=_("Text of the new version"),
        widget=forms.Textarea(attrs={"rows": 20}),
        max_length=60000,
        help_text=_("Separate passages with an empty line."),
    )
    note = forms.CharField(label=_("What changed (short)"), max_length=500, required=False)
    include = forms.ModelMultipleChoiceField(
        label=_("Accepted additions taken into this version"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their text must be a passage of its own; they are shown with their author."),
    )

    def __init__(self, *args, additions, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["include"].queryset = additions  # type: ignore[attr-defined]


class CommentForm(PlainForm):
    passage = forms.TypedChoiceField(label=_("Passage"), coerce=int, choices=())
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 4}))
    on_behalf_of = forms.CharField(
        label=_("On behalf of an organisation (optional)"), max_length=150, required=False
    )

    def __init__(self, *args, passages: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["passage"].choices = [  # type: ignore[attr-defined]
            (n, f"{n}. {text[:70]}…" if len(text) > 70 else f"{n}. {text}")
            for n, text in enumerate(passages, start=1)
        ]


class AdditionForm(PlainForm):
    text = forms.CharField(
        label=_("Your proposed addition"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        help_text=_("Write it as it could stand in the manifest: in active, plain language."),
    )
    on_behalf_of = forms.CharField(
        label=_("On behalf of an organisation (optional)"), max_length=150, required=False
    )


class AdditionDecisionForm(PlainForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("decline", _("Do not accept"))],
        widget=forms.RadioSelect,
    )
    reply = forms.CharField(
        label=_("Reply to the author"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when the addition is not accepted."),
    )


# --- agreements -----------------------------------------------------------------------------


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["title", "slug", "theme", "summary", "status"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        plain_messages(self)


class SignForm(PlainForm):
    kind = forms.ChoiceField(
        label=_("I sign as"), choices=PartyKind.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(
        label=_("Name of the organisation or company"),
        max_length=150,
        required=False,
        help_text=_("Leave empty when you sign as a resident: your public name is shown."),
    )
    commitment = forms.CharField(
        label=_("What do you commit to?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    due_on = forms.DateField(label=_("Done by (optional)"), widget=DateInput, required=False)


class ProgressForm(PlainForm):
    status = forms.ChoiceField(label=_("Status"), choices=CommitmentStatus.choices)
    text = forms.CharField(
        label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000
    )


# --- neighbourhood network ------------------------------------------------------------------


class PostForm(PlainForm):
    kind = forms.ChoiceField(label=_("What kind of message?"), choices=PostKind.choices)
    category = forms.ChoiceField(label=_("About"), choices=PostCategory.choices)
    title = forms.CharField(label=_("Title"), max_length=150)
    text = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        help_text=_(
            "Do not put your phone number or address here: people reply to you privately "
            "through Voorop."
        ),
    )
    initiative = forms.ModelChoiceField(
        label=_("Initiative that needs volunteers (only for 'Volunteers wanted')"),
        queryset=None,
        required=False,
    )
    days = forms.TypedChoiceField(
        label=_("How long does the message stay up?"),
        choices=EXPIRY_CHOICES,
        coerce=int,
        initial=14,
    )

    def __init__(self, *args, initiatives, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives  # type: ignore[attr-defined]
        # Issue 14.8: the lists start on the (translated) empty choice, so "I am looking for"
        # and "Help" are never sent as if the resident had chosen them.
        for name in ("kind", "category"):
            field = self.fields[name]
            field.choices = [("", get_blank_choice_label()), *field.choices]  # type: ignore[attr-defined]


class ReplyForm(PlainForm):
    text = forms.CharField(
        label=_("Your message to the poster"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Only the poster reads this. Share contact details only if you want to."),
    )


class PostAnswerForm(PlainForm):
    """The poster's answer to one person who replied (one form per thread on the page,
    each with its own prefix so no two fields share an id)."""

    text = forms.CharField(
        label=_("Your answer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Only this person reads this. Share contact details only if you want to."),
    )


class ReportForm(PlainForm):
    reason = forms.CharField(
        label=_("What is wrong with this message?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class ModerateForm(PlainForm):
    action = forms.ChoiceField(
        label=_("Decision"), choices=ModerationAction.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason (required when hiding)"), max_length=500, required=False
    )


class QueueChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title} ({obj.network.area}, {obj.get_status_display()})"


class BulkModerateForm(ModerateForm):
    field_order = ["posts", "action", "reason"]
    posts = QueueChoiceField(
        label=_("Messages"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, queue, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["posts"].queryset = queue  # type: ignore[attr-defined]
        self.fields["posts"].error_messages["required"] = _("Choose at least one message.")


class NetworkForm(forms.ModelForm):
    class Meta:
        model = AreaNetwork
        fields = ["area", "premoderation", "intro"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        plain_messages(self)


class GroupForm(forms.ModelForm):
    class Meta:
        model = NetworkGroup
        fields = ["name", "description", "contact_point", "how_to_join"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        plain_messages(self)


class RemoveForm(PlainForm):
    reason = forms.CharField(
        label=_("Why is it removed?"),
        max_length=500,
        help_text=_("This is kept in the log, with what the entry said."),
    )


class ConfirmForm(PlainForm):
    """A button only: the page says what will happen."""


class SafetyItemForm(forms.ModelForm):
    class Meta:
        model = SafetyItem
        fields = ["kind", "title", "text", "contact"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        plain_messages(self)


limit_texts(*forms_in(__name__))
