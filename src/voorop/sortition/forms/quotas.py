"""Quotas: population figures (typed in or uploaded), proposed quotas, and quotas typed in or
uploaded."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from voorop.core.forms import forms_in, limit_texts
from voorop.core.uploads import CSV_KIND, UploadField
from voorop.sortition import csvfiles, selectors, services
from voorop.sortition.models import Assembly

if TYPE_CHECKING:
    from voorop.accounts.models import User


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


class QuotaForms:
    """The five forms of the quotas page. One is posted at a time, named by `action`; only
    that one is bound, the others show the stored values. `submit` validates it and calls its
    service; a refusal of the service is shown on that form, above its fields."""

    # action -> the form's name (also its name in the template)
    FORMS = {
        "population": "population_form",
        "upload": "upload_form",
        "propose": "propose_form",
        "quota_upload": "quota_upload_form",
        "quotas": "quota_form",
    }

    def __init__(
        self,
        assembly: Assembly,
        *,
        action: str | None = None,
        data: QueryDict | None = None,
        files: MultiValueDict[str, UploadedFile] | None = None,
    ) -> None:
        self.assembly = assembly
        self.action = action if action in self.FORMS else None
        rows = selectors.quota_rows(assembly)

        def data_for(name: str) -> QueryDict | None:
            return data if name == self.action else None

        def files_for(name: str) -> MultiValueDict[str, UploadedFile] | None:
            return files if name == self.action else None

        self.population_form = PopulationForm(
            data_for("population"), quotas=rows, prefix="population"
        )
        self.upload_form = PopulationUploadForm(
            data_for("upload"), files_for("upload"), assembly=assembly, prefix="upload"
        )
        self.propose_form = ProposeForm(data_for("propose"), prefix="propose")
        self.quota_upload_form = QuotaUploadForm(
            data_for("quota_upload"),
            files_for("quota_upload"),
            assembly=assembly,
            prefix="quota_upload",
        )
        self.quota_form = QuotaForm(data_for("quotas"), quotas=rows, prefix="quotas")

    def by_name(self) -> dict[str, forms.Form]:
        return {name: getattr(self, name) for name in self.FORMS.values()}

    def submit(self, *, actor: User) -> str | None:
        """Save what was posted: the message to show, or None when nothing was posted or the
        posted form now has errors to show."""
        if self.action is None:
            return None
        form = self.by_name()[self.FORMS[self.action]]
        if not form.is_valid():
            return None
        try:
            return self._save(actor)
        except ValidationError as error:
            form.add_error(None, error)
            return None

    def _save(self, actor: User) -> str:
        assembly = self.assembly
        if self.action == "population":
            figures = self.population_form.figures()
            services.population_save(actor=actor, assembly=assembly, figures=figures)
            return gettext("The population figures have been saved.")
        if self.action == "upload":
            figures = self.upload_form.figures
            services.population_save(actor=actor, assembly=assembly, figures=figures)
            return gettext("The population figures have been imported.")
        if self.action == "propose":
            tolerance = self.propose_form.cleaned_data["tolerance"] / 100
            services.quotas_propose(actor=actor, assembly=assembly, tolerance=tolerance)
            return gettext("Voorop has proposed quotas. Check them and change them where needed.")
        if self.action == "quota_upload":
            upload = self.quota_upload_form
            services.quotas_update(actor=actor, assembly=assembly, bounds=upload.bounds)
            done = gettext("The quotas have been imported.")
            if upload.ignored:
                done += " " + gettext("The columns %(columns)s are not used.") % {
                    "columns": ", ".join(upload.ignored)
                }
            return done
        bounds = self.quota_form.bounds()
        services.quotas_update(actor=actor, assembly=assembly, bounds=bounds)
        return gettext("The quotas have been saved.")

    def context(self) -> dict[str, Any]:
        """The forms under the names the template uses, and whether any has errors."""
        named = self.by_name()
        return {**named, "has_errors": any(f.errors for f in named.values())}


limit_texts(*forms_in(__name__))
