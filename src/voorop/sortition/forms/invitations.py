"""The address register and the invitation draw: the address upload and how many to invite."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from voorop.core.forms import forms_in, limit_texts
from voorop.core.uploads import CSV_KIND, UploadField
from voorop.sortition import csvfiles
from voorop.sortition.forms.assemblies import DateInput


class AddressUploadForm(forms.Form):
    file = UploadField(
        label=_("Address list (CSV)"),
        kinds=(CSV_KIND,),
        help_text=_(
            "An extract of the address register (BRP/BAG) with the columns adres_id, straat, "
            "huisnummer, postcode, plaats and gebied, and if you have them huisletter, "
            "toevoeging and huishoudgrootte. The same format as the address list of a budget "
            "round. Semicolons, commas or tabs."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        upload.seek(0)
        parsed = csvfiles.parse_addresses(upload.read(), filename=upload.name)
        if parsed.errors:
            raise forms.ValidationError(
                [
                    _("Nothing was imported. Correct these lines and upload the file again."),
                    *parsed.shown_errors,
                ]
            )
        self.rows = parsed.rows
        self.repeated = parsed.repeated
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


class DeadlineForm(forms.Form):
    """The date residents must register by: the letters state it."""

    deadline = forms.DateField(
        label=_("Residents register by"),
        widget=DateInput,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=_(
            "The letters state this date. Close registration on or after it; the group is "
            "drawn from everyone who registered."
        ),
        error_messages={
            "required": _("Fill in the date residents must register by."),
            "invalid": _("Fill in a date, for example 15-03-2027."),
        },
    )


limit_texts(*forms_in(__name__))
