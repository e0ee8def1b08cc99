"""The database: the register of outgoing letters and the ledger of each person's enrollment.

SQLite in the workspace by default, PostgreSQL by URL; it imports only settings and errors,
never the stages that use it.
"""
