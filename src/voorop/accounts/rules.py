import rules

from voorop.accounts.roles import is_beheerder, is_signed_in

rules.add_perm("accounts.view_own_profile", is_signed_in)
rules.add_perm("accounts.export_own_data", is_signed_in)
rules.add_perm("accounts.delete_own_account", is_signed_in)
rules.add_perm("accounts.grant_roles", is_beheerder)
