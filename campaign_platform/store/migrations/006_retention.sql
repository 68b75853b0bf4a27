-- Issue 11: retention at offboarding (I6, C15, A3.4, A3.6). Run by the tables' owner.
--
-- Deleting a campaign moves what the law makes the committee keep into the organization's
-- retained archive, in the same transaction as the deletion; only the organization's owner reads
-- it (row-level security below), and nobody writes it but the deletion itself.

-- The organization's owner: the person who signed it up (workflows/onboarding.py). Ownership of
-- the organization is not a campaign role: an owner of one of its campaigns is not its owner.
ALTER TABLE organizations ADD COLUMN owner_id uuid REFERENCES users (id);
UPDATE organizations o SET owner_id = (
    SELECT m.user_id FROM campaigns c JOIN memberships m ON m.campaign_id = c.id
     WHERE c.organization_id = o.id AND m.role = 'owner'
     ORDER BY c.created_at, m.created_at LIMIT 1);
-- The platform's role reads organizations and creates them at sign-up; it never changes who
-- owns one (nor deletes one).
REVOKE UPDATE, DELETE ON organizations FROM campaign_app;

-- How long each class of record is kept after a campaign is deleted: the rules, as data.
-- counted_from: 'deletion' (the campaign's deletion), 'request' (the record's own date: a
-- do-not-call request), 'year_end_report' (31 January of the year after the deletion: the due
-- date of the year-end report, the last report that can disclose a receipt of the deletion's year,
-- 11 CFR 104.5 — the platform does not know when the committee filed, so it counts from the
-- latest date a report disclosing these records can be due).
CREATE TABLE retention_periods (
    record_class  text PRIMARY KEY,
    rule          text NOT NULL,
    years         integer NOT NULL CHECK (years > 0),
    counted_from  text NOT NULL CHECK (counted_from IN ('deletion', 'request', 'year_end_report')),
    source        text NOT NULL
);
INSERT INTO retention_periods (record_class, rule, years, counted_from, source) VALUES
    ('contribution',    'C15',  3, 'year_end_report', '11 CFR 104.14(b)(3)'),
    ('compliance_flag', 'C15',  3, 'year_end_report', '11 CFR 104.14(b)(3)'),
    ('do_not_call',     'A3.4', 5, 'request',         '47 CFR 64.1200(d)(6)'),
    ('consent',         'A3.6', 4, 'deletion',        '47 U.S.C. 227; 28 U.S.C. 1658(a)'),
    ('call',            'A3.6', 4, 'deletion',        '47 U.S.C. 227; 28 U.S.C. 1658(a)');
GRANT SELECT ON retention_periods TO campaign_app;

-- One row per deleted campaign: its name and details, when and by whom it was deleted.
CREATE TABLE archived_campaigns (
    id               uuid PRIMARY KEY,  -- the deleted campaign's id (it names no campaign any more)
    organization_id  uuid NOT NULL REFERENCES organizations (id),
    name             text NOT NULL,
    office           text NOT NULL,
    state            char(2) NOT NULL,
    election_date    date NOT NULL,
    deleted_at       timestamptz NOT NULL,
    deleted_by       uuid NOT NULL REFERENCES users (id)
);
CREATE INDEX archived_campaigns_organization_idx ON archived_campaigns (organization_id, deleted_at);

-- One row per record kept: its class, its own date and the date it may be purged after.
CREATE TABLE archived_records (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  uuid NOT NULL REFERENCES organizations (id),
    archive_id       uuid NOT NULL REFERENCES archived_campaigns (id),
    record_class     text NOT NULL REFERENCES retention_periods (record_class),
    record_id        uuid NOT NULL,
    recorded_at      timestamptz NOT NULL,
    retain_until     date NOT NULL,
    record           jsonb NOT NULL
);
CREATE INDEX archived_records_archive_idx ON archived_records (archive_id, record_class, recorded_at);

-- The organization's owner alone reads its archive; the platform's role writes none of it.
GRANT SELECT ON archived_campaigns, archived_records TO campaign_app;
ALTER TABLE archived_campaigns ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_owner_rows ON archived_campaigns FOR SELECT
    USING (organization_id IN (SELECT id FROM organizations WHERE owner_id = app_user()));
ALTER TABLE archived_records ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_owner_rows ON archived_records FOR SELECT
    USING (organization_id IN (SELECT id FROM organizations WHERE owner_id = app_user()));

-- The date a record of `p_class` is kept until, for a campaign deleted at p_deleted_at.
CREATE FUNCTION cp_retain_until(p_class text, p_recorded_at timestamptz, p_deleted_at timestamptz)
RETURNS date LANGUAGE sql STABLE SET search_path = public, pg_temp AS
$$
    SELECT (CASE p.counted_from
                WHEN 'deletion' THEN p_deleted_at::date
                WHEN 'request' THEN p_recorded_at::date
                ELSE make_date(extract(year FROM p_deleted_at)::int + 1, 1, 31)
            END + make_interval(years => p.years))::date
      FROM retention_periods p WHERE p.record_class = p_class
$$;

-- Offboarding: first the records the law keeps, into the archive; then every row of the
-- transaction's campaign, children first (as in 004). Kept besides: user accounts, the
-- organization, its organization-wide do-not-call entries and text opt-outs (A3.4, A3.5).
DROP FUNCTION cp_offboard_campaign();
CREATE FUNCTION cp_offboard_campaign(p_deleted_by uuid, p_deleted_at timestamptz) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    c uuid := app_campaign();
    o uuid;
BEGIN
    IF c IS NULL THEN
        RAISE EXCEPTION 'offboarding needs the campaign of the transaction';
    END IF;
    INSERT INTO archived_campaigns (id, organization_id, name, office, state, election_date, deleted_at, deleted_by)
        SELECT id, organization_id, name, office, state, election_date, p_deleted_at, p_deleted_by
          FROM campaigns WHERE id = c
        RETURNING organization_id INTO o;
    INSERT INTO archived_records (organization_id, archive_id, record_class, record_id, recorded_at, retain_until, record)
        SELECT o, c, 'contribution', k.id, k.paid_at, cp_retain_until('contribution', k.paid_at, p_deleted_at),
               (to_jsonb(k) - 'campaign_id') || jsonb_build_object('donor',
                   to_jsonb(d) - ARRAY['campaign_id', 'email_key', 'first_name_key', 'last_name_key'])
          FROM contributions k JOIN donors d ON d.id = k.donor_id WHERE k.campaign_id = c
        UNION ALL
        SELECT o, c, 'compliance_flag', f.id, f.created_at, cp_retain_until('compliance_flag', f.created_at, p_deleted_at),
               to_jsonb(f) - 'campaign_id'
          FROM donation_flags f WHERE f.campaign_id = c
        UNION ALL
        SELECT o, c, 'do_not_call', n.id, n.requested_at, cp_retain_until('do_not_call', n.requested_at, p_deleted_at),
               to_jsonb(n) - 'campaign_id'
          FROM do_not_call n WHERE n.campaign_id = c
        UNION ALL
        SELECT o, c, 'consent', t.id, t.consent_given_at, cp_retain_until('consent', t.consent_given_at, p_deleted_at),
               to_jsonb(t) - 'campaign_id'
          FROM contacts t WHERE t.campaign_id = c AND t.consent_given_at IS NOT NULL
        UNION ALL
        SELECT o, c, 'call', k.id, k.requested_at, cp_retain_until('call', k.requested_at, p_deleted_at),
               to_jsonb(k) - 'campaign_id'
          FROM calls k WHERE k.campaign_id = c;
    DELETE FROM reconciliation_differences WHERE campaign_id = c;
    DELETE FROM reconciliations WHERE campaign_id = c;
    DELETE FROM reconciliation_schedules WHERE campaign_id = c;
    DELETE FROM donation_flags WHERE campaign_id = c;
    DELETE FROM donor_election_totals WHERE campaign_id = c;
    DELETE FROM pending_refunds WHERE campaign_id = c;
    DELETE FROM contributions WHERE campaign_id = c;
    DELETE FROM donors WHERE campaign_id = c;
    DELETE FROM campaign_elections WHERE campaign_id = c;
    DELETE FROM processor_connections WHERE campaign_id = c;
    DELETE FROM webhook_endpoints WHERE campaign_id = c;
    DELETE FROM api_keys WHERE campaign_id = c;
    DELETE FROM outbound_texts WHERE campaign_id = c;
    DELETE FROM inbound_messages WHERE campaign_id = c;
    UPDATE carrier_events e SET campaign_id = NULL, payload = '{}'::jsonb
        WHERE e.campaign_id = c AND EXISTS (SELECT 1 FROM outbound_texts t WHERE t.opt_out_event_id = e.event_id);
    DELETE FROM carrier_events WHERE campaign_id = c;
    DELETE FROM calls WHERE campaign_id = c;
    DELETE FROM contacts WHERE campaign_id = c;
    DELETE FROM do_not_call WHERE campaign_id = c;
    DELETE FROM dial_settings WHERE campaign_id = c;
    DELETE FROM caller_ids WHERE campaign_id = c;
    DELETE FROM test_clocks WHERE campaign_id = c;
    DELETE FROM invitations WHERE campaign_id = c;
    DELETE FROM email_verifications WHERE campaign_id = c;
    DELETE FROM memberships WHERE campaign_id = c;
    DELETE FROM campaigns WHERE id = c;
END
$$;
REVOKE ALL ON FUNCTION cp_offboard_campaign, cp_retain_until FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cp_offboard_campaign TO campaign_app;
