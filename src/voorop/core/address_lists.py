"""An address list uploaded to make letters with codes: one form and one reading for every
app that sends such letters (budget rounds' voting codes, a savings dialogue's codes).

The file format is ``voorop.core.addresses`` (the one address-file format); letters are made
with ``voorop.core.letters``. Each app keeps its own codes (its own purpose in
``voorop.core.codes``): this module only turns an upload into the addresses to write to.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from voorop.core import codes
from voorop.core.addresses import ADDRESS_FILE_HELP, FOR_LETTERS, decode, read_addresses
from voorop.core.uploads import CSV_KIND, UploadField

MAX_BYTES = 5 * 1024 * 1024


def address_key(address: dict[str, str]) -> str:
    """The address of a letter (``AddressRow.as_letter()``) as one normalised text, postcode
    and street: an app keeps only a keyed hash of it (``codes.keyed_hash`` with its own
    purpose), so a new letter can replace a lost one without the address being kept."""
    return (
        codes.normalise(address.get("postcode", ""))
        + "|"
        + codes.normalise(address.get("street", ""))
    )


def parse_addresses(
    text: str, *, filename: str = "adressen.csv"
) -> tuple[list[dict[str, str]], list[int]]:
    """The addresses in the list (as ``AddressRow.as_letter()`` gives them), and the
    numbers of the lines that repeat an earlier address (one letter per address). Raises
    ValidationError naming every line with a problem, so the whole file can be put right."""
    result = read_addresses(text, filename=filename, require=FOR_LETTERS)
    result.raise_for_errors(_("No codes were made. Correct these lines and upload the file again."))
    return [row.as_letter() for row in result.rows], result.repeated


class AddressListForm(forms.Form):
    """The upload of an address list; after ``is_valid()`` the form has ``address_rows``
    (one per address) and ``repeated_lines`` (lines left out: an address already listed)."""

    addresses = UploadField(
        label=_("Address list (CSV)"),
        kinds=(CSV_KIND,),
        max_bytes=MAX_BYTES,
        help_text=ADDRESS_FILE_HELP,
    )

    address_rows: list[dict[str, str]]
    repeated_lines: list[int]

    def clean_addresses(self) -> Any:
        upload = self.cleaned_data["addresses"]
        upload.seek(0)
        self.address_rows, self.repeated_lines = parse_addresses(
            decode(upload.read()), filename=upload.name
        )
        return upload


def repeated_lines_text(lines: list[int], *, shown: int = 50) -> str:
    """The repeated lines for a message to staff: the first ``shown``, then "…"."""
    return ", ".join(str(n) for n in lines[:shown]) + (" …" if len(lines) > shown else "")
