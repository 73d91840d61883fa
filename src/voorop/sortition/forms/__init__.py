"""Forms of citizens' assemblies, one module per stage (as `services` and `views`); views use
this package (`forms.AssemblyForm`)."""

from voorop.sortition.forms.assemblies import (
    DEFAULT_FEATURES,
    AssemblyForm,
    DateInput,
    OrganiserField,
    organiser_choices,
)
from voorop.sortition.forms.draw import DeviationForm, PublishForm, SeedForm, SelectionForm
from voorop.sortition.forms.invitations import (
    AddressUploadForm,
    DeadlineForm,
    InvitationDrawForm,
)
from voorop.sortition.forms.quotas import (
    PopulationForm,
    PopulationUploadForm,
    ProposeForm,
    QuotaForm,
    QuotaForms,
    QuotaUploadForm,
)
from voorop.sortition.forms.registration import RegistrationForm, feature_field_name

__all__ = [
    "DEFAULT_FEATURES",
    "AddressUploadForm",
    "AssemblyForm",
    "DateInput",
    "DeadlineForm",
    "DeviationForm",
    "InvitationDrawForm",
    "OrganiserField",
    "PopulationForm",
    "PopulationUploadForm",
    "ProposeForm",
    "PublishForm",
    "QuotaForm",
    "QuotaForms",
    "QuotaUploadForm",
    "RegistrationForm",
    "SeedForm",
    "SelectionForm",
    "feature_field_name",
    "organiser_choices",
]
