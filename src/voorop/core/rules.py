"""Platform-wide permissions.

Their predicates are role predicates, which belong to accounts; core imports no app, so
accounts registers them (voorop.accounts.rules): ``core.use_back_office`` and
``core.view_audit_log`` (both the beheerder's).
"""
