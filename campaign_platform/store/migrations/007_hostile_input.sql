-- Issue 15: hostile input. Run by the tables' owner.

-- A carrier report that matched no campaign (a call no campaign placed, an event the platform
-- does not know, a text between numbers no campaign uses) is claimed with no campaign: acknowledged
-- and kept as nobody's, so a replay stays a duplicate (D3). Under row-level security the
-- application cannot claim it with INSERT ... ON CONFLICT DO NOTHING: PostgreSQL checks the new
-- row against the SELECT policies too, and no campaign's transaction may see a row of nobody's.
-- This claim runs as the owner, writes only a row with no campaign, and answers true if the
-- event id was new; it reads nothing back.
CREATE FUNCTION cp_claim_unmatched_event(p_event_id text, p_event text, p_payload jsonb) RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS
$$
    WITH claimed AS (
        INSERT INTO carrier_events (event_id, event, campaign_id, payload)
        VALUES (p_event_id, p_event, NULL, p_payload)
        ON CONFLICT (event_id) DO NOTHING
        RETURNING 1
    )
    SELECT EXISTS (SELECT FROM claimed)
$$;
REVOKE EXECUTE ON FUNCTION cp_claim_unmatched_event FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cp_claim_unmatched_event TO campaign_app;

-- A consent is given at a time inside the calendar the platform keeps (domain/clock.py: from
-- 1900 to 8999, UTC). One recorded at an impossible time (0001-01-01T00:00:00+14:00 is a date in
-- 1 BC, which no reader can load) is no consent on record.
UPDATE contacts SET consent_given_at = NULL, consent_method = NULL
    WHERE consent_given_at < '1900-01-01 00:00:00+00' OR consent_given_at >= '9000-01-01 00:00:00+00';
ALTER TABLE contacts ADD CONSTRAINT contacts_consent_in_calendar
    CHECK (consent_given_at >= '1900-01-01 00:00:00+00' AND consent_given_at < '9000-01-01 00:00:00+00');
