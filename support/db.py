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
                   split_part(password_hash, '$', 2) AS password_scheme, closed_at IS NOT NULL AS closed
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

    # -- donations -----------------------------------------------------------------------------
    def contributions(self, campaign_id: str, lineitem_ids: list[str]) -> list[dict]:
        return self._rows("contributions", """
            SELECT c.lineitem_id, c.amount_cents, c.paid_at, c.election, c.refunded_at,
                   c.recurring_period, c.source, d.email AS donor_email
              FROM contributions c JOIN donors d ON d.id = c.donor_id
             WHERE c.campaign_id = %(campaign_id)s AND c.lineitem_id = ANY(%(lineitem_ids)s)
             ORDER BY c.paid_at""",
                          {"campaign_id": campaign_id, "lineitem_ids": [str(i) for i in lineitem_ids]})

    def donors(self, campaign_id: str, email: str) -> list[dict]:
        return self._rows("donors", """
            SELECT id AS donor_id, first_name, last_name, email, zip, country, employer, occupation
              FROM donors WHERE campaign_id = %(campaign_id)s AND lower(email) = lower(%(email)s)""",
                          {"campaign_id": campaign_id, "email": email})

    def donation_totals(self, campaign_id: str) -> dict:
        """The campaign's totals as the recorded contributions add up (the cache must agree)."""
        (row,) = self._rows("donation totals", """
            SELECT coalesce(sum(amount_cents), 0)::bigint AS gross_cents,
                   coalesce(sum(CASE WHEN refunded_at IS NOT NULL THEN amount_cents
                                     ELSE coalesce(excess_refunded_cents, 0) END), 0)::bigint
                       AS refunded_cents,  -- C12: the committee may refund only a gift's excess
                   coalesce(sum(amount_cents - coalesce(excess_refunded_cents, 0))
                            FILTER (WHERE refunded_at IS NULL), 0)::bigint
                       AS net_cents,
                   count(*) AS contributions
              FROM contributions WHERE campaign_id = %(campaign_id)s""",
                            {"campaign_id": campaign_id})
        return {key: int(value) for key, value in row.items()}

    def flags(self, campaign_id: str, kind: str) -> list[dict]:
        return self._rows("donation flags", """
            SELECT f.kind, f.rule, c.lineitem_id, f.excess_cents, f.due_on, f.status, f.reason
              FROM donation_flags f JOIN contributions c ON c.id = f.contribution_id
             WHERE f.campaign_id = %(campaign_id)s AND f.kind = %(kind)s
             ORDER BY f.created_at""", {"campaign_id": campaign_id, "kind": kind})

    # -- dialing -------------------------------------------------------------------------------
    def do_not_call(self, campaign_id: str, e164: str) -> list[dict]:
        """Entries in force for the number, on the campaign's list or its organization's."""
        return self._rows("do-not-call entries", """
            SELECT CASE WHEN d.campaign_id IS NULL THEN 'organization' ELSE 'campaign' END AS scope,
                   d.requested_at, d.expires_at, d.source, d.call_id, d.recorded_by
              FROM do_not_call d JOIN campaigns c ON c.id = %(campaign_id)s
             WHERE d.e164 = %(e164)s
               AND (d.campaign_id = c.id
                    OR (d.campaign_id IS NULL AND d.organization_id = c.organization_id))""",
                          {"campaign_id": campaign_id, "e164": e164})

    def carrier_events(self, carrier_call_id: str) -> list[dict]:
        """The carrier's reports the platform accepted for a call (each event id once: D3)."""
        return self._rows("carrier events", """
            SELECT event_id, event, received_at FROM carrier_events
             WHERE payload->>'call_id' = %(call_id)s ORDER BY received_at""",
                          {"call_id": carrier_call_id})

    def report_keepers(self, event_id: str) -> list[dict]:
        """Who keeps a carrier report: its event's campaign and, for a text, the message's."""
        return self._rows("the report's keepers", """
            SELECT 'event' AS kept_as, campaign_id FROM carrier_events WHERE event_id = %(event_id)s
            UNION ALL
            SELECT 'text', campaign_id FROM inbound_messages WHERE event_id = %(event_id)s""",
                          {"event_id": event_id})

    def contacts(self, campaign_id: str) -> list[dict]:
        return self._rows("contacts", """
            SELECT e164, name, line_type, state, zip, consent_given_at FROM contacts
             WHERE campaign_id = %(campaign_id)s ORDER BY e164""", {"campaign_id": campaign_id})

    # -- isolation -----------------------------------------------------------------------------
    def probe(self, probe: str, sql: str, params: dict) -> list[dict]:
        """A named read for a check that has no probe of its own above (attached like all)."""
        return self._rows(probe, sql, params)
