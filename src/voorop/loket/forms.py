"""Forms of the desk: the public form and the staff's registration form, and the forms to

refer, message, note, escalate, close, convert and reply, and the queue's filters."""

from __future__ import annotations

import secrets

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from voorop.accounts.roles import STAFF_ROLES
from voorop.core.areas.forms import AreaChoiceField
from voorop.core.areas.models import Theme
from voorop.core.forms import forms_in, limit_texts
from voorop.core.uploads import PDF_KIND, PHOTO_KINDS, MultipleUploadField
from voorop.loket.models import Channel, InformBy, ItemKind, ItemStatus, Team

User = get_user_model()


def new_once_key() -> str:
    """A blank form's one-time key (random; the form sends it back with the post)."""
    return secrets.token_urlsafe(16)


class ItemForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What would you like to share?"),
        choices=ItemKind.choices,
        widget=forms.RadioSelect,
    )
    is_safety = forms.BooleanField(
        label=_("It is about safety (for example a dangerous situation or a worry about someone)"),
        required=False,
    )
    title = forms.CharField(
        label=_("Subject"),
        max_length=200,
        help_text=_("In a few words, for example: “Bench in the park is broken”."),
    )
    description = forms.CharField(
        label=_("Tell us more"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("What is it about, where, and what would you like to happen?"),
    )
    area = AreaChoiceField(
        label=_("Village or neighbourhood"),
        required=False,
        empty_label=_("(don't know or everywhere)"),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=_("(don't know)"),
    )
    location = forms.CharField(
        label=_("Place or address"),
        max_length=200,
        required=False,
        help_text=_("Only if it is about a specific spot."),
    )
    attachments = MultipleUploadField(
        label=_("Photos or documents"),
        kinds=(*PHOTO_KINDS, PDF_KIND),
        max_files=5,
        help_text=_("At most 5 files: JPG, PNG, WebP or PDF, at most 10 MB each."),
    )
    kept = forms.CharField(required=False, widget=forms.MultipleHiddenInput)
    # The form's one-time key (issue 13): sending the same form again (a retry after a lost
    # answer, a double click) returns the first item instead of making a second one.
    once = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["once"].initial = new_once_key()

    def clean_kept(self) -> list[str]:
        return [token for token in self.data.getlist(self.add_prefix("kept")) if token][:5]


class SubmitForm(ItemForm):
    """The public form. A signed-in resident is reached through the account's address."""

    anonymous = forms.BooleanField(
        label=_("I want to make this signal anonymously"),
        required=False,
        help_text=_("Only for signals. We cannot tell you what we did with it."),
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    contact_email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("We send you a link to follow your submission and tell you what we did."),
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.signed_in = bool(user and user.is_authenticated)
        if self.signed_in:
            del self.fields["contact_name"]
            del self.fields["contact_email"]

    def clean(self):
        data = super().clean()
        anonymous = data.get("anonymous")
        if anonymous and data.get("kind") and data["kind"] != ItemKind.SIGNAL:
            self.add_error("anonymous", _("Only a signal can be made anonymously."))
        if not self.signed_in and not anonymous and not data.get("contact_email"):
            self.add_error(
                "contact_email",
                _(
                    "Give your e-mail address so that we can tell you what we did. "
                    "Or, for a signal, choose to make it anonymously."
                ),
            )
        return data


class RegisterForm(ItemForm):
    """A desk officer records what came in by phone, at the counter or at a kitchen table."""

    channel = forms.ChoiceField(
        label=_("How did it come in?"),
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE],
    )
    anonymous = forms.BooleanField(label=_("The person wants to stay anonymous"), required=False)
    contact_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("E-mail address"), required=False)
    contact_phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    contact_address = forms.CharField(
        label=_("Postal address"),
        max_length=300,
        required=False,
        help_text=_("Only needed when the person wants a letter."),
    )
    inform_by = forms.ChoiceField(
        label=_("How does the person want to hear what was done?"),
        choices=InformBy.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "By phone or by letter: each message becomes a task in your queue. "
            "After registering you see the tracking link to read out or hand over."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language for messages"), choices=[("nl", "Nederlands"), ("en", "English")]
    )

    field_order = ["channel"]

    def clean(self):
        data = super().clean()
        if data.get("anonymous") and data.get("kind") and data["kind"] != ItemKind.SIGNAL:
            self.add_error("anonymous", _("Only a signal can be made anonymously."))
        if data.get("anonymous"):
            return data
        inform_by = data.get("inform_by")
        needs = {
            InformBy.EMAIL: ("contact_email", _("Give an e-mail address to inform by e-mail.")),
            InformBy.PHONE: ("contact_phone", _("Give a phone number to inform by phone.")),
            InformBy.LETTER: ("contact_address", _("Give a postal address to inform by letter.")),
        }
        if inform_by in needs and not data.get(needs[inform_by][0]):
            self.add_error(needs[inform_by][0], needs[inform_by][1])
        elif inform_by != InformBy.LINK and not (
            data.get("contact_email") or data.get("contact_phone") or data.get("contact_address")
        ):
            self.add_error(
                "contact_email",
                _("Record an e-mail address or phone number, so the person hears what was done."),
            )
        return data


def staff_users():
    return User.objects.filter(is_active=True, groups__name__in=list(STAFF_ROLES)).distinct()


class ReferForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Contact person"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("(none)"),
    )
    team = forms.ModelChoiceField(
        label=_("or team"), queryset=Team.objects.all(), required=False, empty_label=_("(none)")
    )
    note = forms.CharField(
        label=_("Note for the contact person"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Not visible to the submitter."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_users().order_by("display_name")
        self.fields["assignee"].label_from_instance = lambda user: user.public_name

    def clean(self):
        data = super().clean()
        if not data.get("assignee") and not data.get("team"):
            raise forms.ValidationError(_("Choose a contact person or a team."))
        return data


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Message to the submitter"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The submitter sees this on the tracking page. Under “Informed” above you see "
            "how it reaches them."
        ),
    )
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[("", _("(unchanged)"))]
        + [c for c in ItemStatus.choices if c[0] not in {ItemStatus.RECEIVED, ItemStatus.CLOSED}],
        required=False,
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only staff see this."),
    )


class EscalateForm(forms.Form):
    note = forms.CharField(
        label=_("Why pass it up?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class CloseForm(forms.Form):
    message = forms.CharField(
        label=_("What was done with the input?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Required. This is on the tracking page and reaches the submitter the way shown "
            "under “Informed” above."
        ),
        error_messages={"required": _("Write to the submitter what was done with their input.")},
    )


class ConvertForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does this become an initiative?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Shown on the initiative's timeline. Leave empty for the standard text."),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class QueueFilterForm(forms.Form):
    area = AreaChoiceField(label=_("Area"), required=False, empty_label=_("All areas"))
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=_("All themes"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *ItemKind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("open", _("Open")), ("", _("All")), *ItemStatus.choices],
        required=False,
    )
    assignee = forms.ChoiceField(label=_("Contact person"), required=False)
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            ("", _("Anyone")),
            ("me", _("Me and my teams")),
            ("none", _("Nobody yet")),
        ] + [
            (str(user.pk), user.public_name)
            # Their names only (User.public_name), not whole account rows made DISTINCT.
            for user in staff_users().only(*User.PUBLIC_NAME_FIELDS).order_by("display_name")
        ]


class TaskDoneForm(forms.Form):
    task = forms.IntegerField(widget=forms.HiddenInput)


limit_texts(*forms_in(__name__))
