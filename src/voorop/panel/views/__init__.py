"""Views of the citizens' panel: `public` (residents: the panel page, joining, one's own page,
answering, public results) and `staff` (organisers: members, representativeness, recruitment,
consultations and their results)."""
