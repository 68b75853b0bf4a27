-- Issue 5: campaign isolation in depth. Run by the tables' owner.
--
-- The application connects as campaign_app: it owns no table, is no superuser and cannot bypass
-- row-level security, so the policies below bind it. A deployment whose login role has another
-- name makes it a member: GRANT campaign_app TO <login role>.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'campaign_app') THEN
        CREATE ROLE campaign_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO campaign_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO campaign_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO campaign_app;
REVOKE INSERT, UPDATE, DELETE ON schema_migrations, fec_contribution_limits FROM campaign_app;

-- API keys for integrations: one campaign, one role; only the key's SHA-256 is kept.
CREATE TABLE api_keys (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id uuid NOT NULL REFERENCES campaigns (id),
    name        text NOT NULL,
    role        text NOT NULL,
    key_hash    text NOT NULL CONSTRAINT api_keys_key_hash_key UNIQUE,
    created_by  uuid REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
CREATE INDEX api_keys_campaign_idx ON api_keys (campaign_id, created_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON api_keys TO campaign_app;

-- The principal of the transaction, set by the platform with set_config(..., true) (SET LOCAL).
CREATE FUNCTION app_campaign() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.campaign_id', true), '')::uuid $$;
CREATE FUNCTION app_user() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
CREATE FUNCTION app_organization() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS
$$ SELECT organization_id FROM campaigns WHERE id = app_campaign() $$;

-- Row-level security: a campaign-scoped row is visible and writable only in a transaction of
-- its campaign. One policy per table, named after what it admits.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'email_verifications', 'invitations', 'caller_ids', 'test_clocks', 'api_keys',
        'webhook_endpoints', 'processor_connections', 'campaign_elections', 'donors', 'contributions',
        'donor_election_totals', 'pending_refunds', 'donation_flags', 'reconciliations',
        'reconciliation_differences', 'reconciliation_schedules', 'contacts', 'dial_settings',
        'calls', 'outbound_texts'
    ] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY campaign_rows ON %I USING (campaign_id = app_campaign())'
                       ' WITH CHECK (campaign_id = app_campaign())', t);
    END LOOP;
END
$$;

-- A campaign; and, for a person, the campaigns they belong to (GET /v1/me).
ALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;
CREATE POLICY campaign_rows ON campaigns
    USING (id = app_campaign()
           OR (app_user() IS NOT NULL AND id IN (SELECT campaign_id FROM memberships WHERE user_id = app_user())))
    WITH CHECK (id = app_campaign());
CREATE INDEX memberships_user_idx ON memberships (user_id);
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
CREATE POLICY campaign_rows ON memberships
    USING (campaign_id = app_campaign() OR user_id = app_user())
    WITH CHECK (campaign_id = app_campaign());
-- Carrier events and inbound texts that matched no campaign belong to none (campaign_id NULL):
-- written with no campaign set, and never read back (a replay is caught by the unique event id).
ALTER TABLE carrier_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY campaign_rows ON carrier_events
    USING (campaign_id = app_campaign()) WITH CHECK (campaign_id = app_campaign());
CREATE POLICY unmatched_rows ON carrier_events FOR INSERT
    WITH CHECK (campaign_id IS NULL AND app_campaign() IS NULL);
ALTER TABLE inbound_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY campaign_rows ON inbound_messages
    USING (campaign_id = app_campaign()) WITH CHECK (campaign_id = app_campaign());
CREATE POLICY unmatched_rows ON inbound_messages FOR INSERT
    WITH CHECK (campaign_id IS NULL AND app_campaign() IS NULL);
-- A3.5: organization entries (campaign_id NULL) bind every campaign of the organization.
ALTER TABLE do_not_call ENABLE ROW LEVEL SECURITY;
CREATE POLICY campaign_rows ON do_not_call
    USING (campaign_id = app_campaign() OR (campaign_id IS NULL AND organization_id = app_organization()))
    WITH CHECK (campaign_id = app_campaign() OR (campaign_id IS NULL AND organization_id = app_organization()));
ALTER TABLE text_subscriptions ENABLE ROW LEVEL SECURITY;
CREATE POLICY organization_rows ON text_subscriptions
    USING (organization_id = app_organization()) WITH CHECK (organization_id = app_organization());

-- The lookups that must cross campaigns before the campaign is known. Each runs as the owner
-- (row-level security does not bind it) and returns ids, never rows of data.
CREATE FUNCTION cp_api_key(p_key_hash text)
RETURNS TABLE (api_key_id uuid, campaign_id uuid, role text, revoked boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ SELECT id, campaign_id, role, revoked_at IS NOT NULL FROM api_keys WHERE key_hash = p_key_hash $$;

CREATE FUNCTION cp_campaign_of_verification(p_token_hash text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ SELECT campaign_id FROM email_verifications WHERE token_hash = p_token_hash $$;

CREATE FUNCTION cp_campaign_of_invitation(p_token_hash text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ SELECT campaign_id FROM invitations WHERE token_hash = p_token_hash $$;

CREATE FUNCTION cp_campaign_of_webhook(p_endpoint_id uuid) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ SELECT campaign_id FROM webhook_endpoints WHERE id = p_endpoint_id $$;

CREATE FUNCTION cp_campaign_of_carrier_call(p_carrier_call_id text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ SELECT campaign_id FROM calls WHERE carrier_call_id = p_carrier_call_id $$;

-- The organizations an inbound text concerns, each with the campaign that answers for it: the
-- campaigns whose caller ID it was sent to; failing that, those with the sender as a contact.
CREATE FUNCTION cp_text_recipients(p_to text, p_from text)
RETURNS TABLE (organization_id uuid, campaign_id uuid, organization_name text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$
BEGIN
    RETURN QUERY
        SELECT DISTINCT ON (c.organization_id) c.organization_id, c.id, o.name
        FROM caller_ids ci JOIN campaigns c ON c.id = ci.campaign_id JOIN organizations o ON o.id = c.organization_id
        WHERE ci.e164 = p_to ORDER BY c.organization_id, ci.verified_at IS NULL, ci.created_at;
    IF FOUND THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT DISTINCT ON (c.organization_id) c.organization_id, c.id, o.name
        FROM contacts ct JOIN campaigns c ON c.id = ct.campaign_id JOIN organizations o ON o.id = c.organization_id
        WHERE ct.e164 = p_from ORDER BY c.organization_id, ct.created_at;
END
$$;

-- The campaigns whose reconciliation schedule is due on their own clock.
CREATE FUNCTION cp_due_reconciliations(p_now timestamptz, p_test_mode boolean) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$
    SELECT s.campaign_id FROM reconciliation_schedules s
    LEFT JOIN test_clocks t ON t.campaign_id = s.campaign_id AND p_test_mode
    WHERE s.next_run_at <= coalesce(t.frozen_at, p_now)
    ORDER BY s.next_run_at LIMIT 100
$$;

-- Facts of the transaction's organization (A2 frequency caps, A4 consent, A5.1 revocation): the
-- organization is the current campaign's, never an argument.
CREATE FUNCTION cp_organization_calls(p_e164 text, p_since timestamptz)
RETURNS TABLE (requested_at timestamptz, mode text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$
    SELECT p.requested_at, p.mode FROM calls p
    WHERE p.organization_id = app_organization() AND p.e164 = p_e164 AND p.status <> 'blocked'
      AND p.requested_at >= p_since
$$;

CREATE FUNCTION cp_organization_has_consent(p_e164 text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$
    SELECT EXISTS (SELECT 1 FROM contacts ct JOIN campaigns c ON c.id = ct.campaign_id
                   WHERE c.organization_id = app_organization() AND ct.e164 = p_e164
                     AND ct.consent_given_at IS NOT NULL)
$$;

CREATE FUNCTION cp_revoke_consent(p_e164 text, p_at timestamptz, p_whole_organization boolean) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS
$$
    UPDATE contacts SET consent_revoked_at = p_at, updated_at = now()
    WHERE e164 = p_e164 AND consent_given_at IS NOT NULL
      AND campaign_id IN (SELECT id FROM campaigns WHERE organization_id = app_organization())
      AND (p_whole_organization OR campaign_id = app_campaign())
$$;

REVOKE ALL ON FUNCTION cp_api_key, cp_campaign_of_verification, cp_campaign_of_invitation,
    cp_campaign_of_webhook, cp_campaign_of_carrier_call, cp_text_recipients, cp_due_reconciliations,
    cp_organization_calls, cp_organization_has_consent, cp_revoke_consent, app_organization FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cp_api_key, cp_campaign_of_verification, cp_campaign_of_invitation,
    cp_campaign_of_webhook, cp_campaign_of_carrier_call, cp_text_recipients, cp_due_reconciliations,
    cp_organization_calls, cp_organization_has_consent, cp_revoke_consent, app_organization TO campaign_app;

-- Offboarding: every row of the transaction's campaign, children first. Kept: user accounts, the
-- organization, and its organization-wide do-not-call entries and text opt-outs (A3.4: honoured
-- for 5 years). A carrier event that is the record of another campaign's opt-out confirmation
-- stays as that record, belonging to no campaign.
CREATE FUNCTION cp_offboard_campaign() RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    c uuid := app_campaign();
BEGIN
    IF c IS NULL THEN
        RAISE EXCEPTION 'offboarding needs the campaign of the transaction';
    END IF;
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
REVOKE ALL ON FUNCTION cp_offboard_campaign FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cp_offboard_campaign TO campaign_app;
