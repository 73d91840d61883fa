"""Forms of the citizens' panel, one module per stage (as `services` and `views`); views use
this package (`forms.PanelForm`)."""

from voorop.panel.forms.common import DateInput, end_of_day, weighting_field
from voorop.panel.forms.consultations import (
    AnswerForm,
    ConsultationForm,
    FeedbackForm,
    QuestionForm,
    SendForm,
    question_field,
)
from voorop.panel.forms.manage import MapClosingForm, MemberFilterForm, PanelEditForm
from voorop.panel.forms.members import (
    AddressUploadForm,
    JoinForm,
    PanelForm,
    PopulationForm,
    RecruitmentForm,
    feature_field,
)
from voorop.panel.forms.opinions import OpinionMapForm, PolisImportForm, StatementForm

__all__ = [
    "AddressUploadForm",
    "AnswerForm",
    "ConsultationForm",
    "DateInput",
    "FeedbackForm",
    "JoinForm",
    "MapClosingForm",
    "MemberFilterForm",
    "OpinionMapForm",
    "PanelEditForm",
    "PanelForm",
    "PolisImportForm",
    "PopulationForm",
    "QuestionForm",
    "RecruitmentForm",
    "SendForm",
    "StatementForm",
    "end_of_day",
    "feature_field",
    "question_field",
    "weighting_field",
]
