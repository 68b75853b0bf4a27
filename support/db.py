"""Read-only probes into the platform's PostgreSQL: what was durably recorded.

The connection is read-only (``default_transaction_read_only``): a probe can never change what
it checks. Each probe's result is attached to the current Allure step. Secret columns (password
hashes, token hashes) are never selected.
"""
from __future__ import annotations

import psycopg
from psycopg.rows import dict_row

from support.reporting import attach_json


class Database:
    def __init__(self, dsn: str):
        self.dsn = dsn
        self._conn: psycopg.Connection | None = None

    @property
    def conn(self) -> psycopg.Connection:
        if self._conn is None or self._conn.closed:
            self._conn = psycopg.connect(self.dsn, autocommit=True, row_factory=dict_row,
                                         options="-c default_transaction_read_only=on")
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()

    def _rows(self, probe: str, sql: str, params: dict) -> list[dict]:
        rows = self.conn.execute(sql, params).fetchall()
        attach_json(f"database: {probe}", {"params": params, "rows": rows})
        return rows

    def user(self, email: str) -> dict | None:
        rows = self._rows("user", """
            SELECT id AS user_id, email, full_name, email_verified_at IS NOT NULL AS verified,
                   split_part(password_hash, '$', 2) AS password_scheme
              FROM users WHERE lower(email) = lower(%(email)s)""", {"email": email})
        return rows[0] if rows else None

    def campaign(self, slug: str) -> dict | None:
        rows = self._rows("campaign", """
            SELECT c.id AS campaign_id, c.name, c.slug, c.state, c.office, c.election_date,
                   c.compliance_contact_name, c.compliance_contact_email,
                   o.name AS organization_name
              FROM campaigns c JOIN organizations o ON o.id = c.organization_id
             WHERE c.slug = %(slug)s""", {"slug": slug})
        return rows[0] if rows else None

    def organizations_named(self, name: str) -> int:
        return len(self._rows("organizations", "SELECT id FROM organizations WHERE name = %(name)s",
                              {"name": name}))

    def members(self, campaign_id: str) -> list[dict]:
        return self._rows("members", """
            SELECT u.email, u.full_name, m.role
              FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.campaign_id = %(campaign_id)s ORDER BY u.email""",
                          {"campaign_id": campaign_id})

    def invitations(self, campaign_id: str, email: str) -> list[dict]:
        return self._rows("invitations", """
            SELECT role, created_at, expires_at, accepted_at IS NOT NULL AS accepted
              FROM invitations
             WHERE campaign_id = %(campaign_id)s AND lower(email) = lower(%(email)s)""",
                          {"campaign_id": campaign_id, "email": email})
