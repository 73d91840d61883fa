"""Platform-wide permissions. The role predicates live in voorop.accounts.roles."""

import rules

from voorop.accounts.roles import is_beheerder

rules.add_perm("core.use_back_office", is_beheerder)
rules.add_perm("core.view_audit_log", is_beheerder)
