import rules

from voorop.accounts.roles import is_beheerder, is_signed_in

rules.add_perm("accounts.view_own_profile", is_signed_in)
rules.add_perm("accounts.export_own_data", is_signed_in)
rules.add_perm("accounts.delete_own_account", is_signed_in)
rules.add_perm("accounts.grant_roles", is_beheerder)

# Platform permissions named in core, whose predicates are roles (core imports no app).
rules.add_perm("core.use_back_office", is_beheerder)
rules.add_perm("core.view_audit_log", is_beheerder)
