-- Issue 14: voter sync with VAN (rules V1-V7). Run by the tables' owner.
--
-- A campaign connects its VAN committee (the API key sealed: V7), chooses a saved list, and a
-- sync job brings the list's people in as contacts found by their VAN ID (V1), committing every
-- chunk with the job's position so an interrupted sync resumes where it stopped (V6). What the
-- platform records that VAN should know (do-not-call requests, opt-outs, call results) goes to
-- an outbox in the transaction that records it, once per record (V5), and is sent until VAN has
-- it. Every table is the campaign's (row-level security as in 004) and goes with the campaign.

-- V1: one contact per VAN person in a campaign.
ALTER TABLE contacts ADD COLUMN van_id bigint;
CREATE UNIQUE INDEX contacts_campaign_van_id_key ON contacts (campaign_id, van_id) WHERE van_id IS NOT NULL;

-- V7: the committee's credentials; the API key only sealed (Fernet, domain/sealed.py).
CREATE TABLE van_connections (
    campaign_id       uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    application_name  text NOT NULL,
    database_mode     smallint NOT NULL CHECK (database_mode IN (0, 1)),  -- VoterFile, MyCampaign
    sealed_api_key    bytea NOT NULL,
    saved_list_id     bigint,
    saved_list_name   text,
    connected_by      uuid REFERENCES users (id),
    connected_at      timestamptz NOT NULL DEFAULT now(),
    result_codes      jsonb  -- VAN's result codes, name -> id, read at connection
);

-- A sync of the chosen saved list. rows_done: the export's rows committed (V6: the next
-- attempt skips them); download_url: the export's file, reused by the next attempt.
CREATE TABLE van_sync_jobs (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id      uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    saved_list_id    bigint NOT NULL,
    expected         integer,  -- the saved list's size when the job started
    status           text NOT NULL CHECK (status IN ('queued', 'running', 'waiting', 'completed', 'failed')),
    download_url     text,
    rows_done        integer NOT NULL DEFAULT 0,
    created          integer NOT NULL DEFAULT 0,
    updated          integer NOT NULL DEFAULT 0,
    unchanged        integer NOT NULL DEFAULT 0,
    skipped          integer NOT NULL DEFAULT 0,
    attempts         integer NOT NULL DEFAULT 0,
    interruptions    integer NOT NULL DEFAULT 0,
    last_error       text,
    next_attempt_at  timestamptz,
    requested_by     uuid REFERENCES users (id),
    requested_at     timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz
);
CREATE INDEX van_sync_jobs_campaign_idx ON van_sync_jobs (campaign_id, requested_at);
-- One sync at a time per campaign.
CREATE UNIQUE INDEX van_sync_jobs_one_active ON van_sync_jobs (campaign_id)
    WHERE status IN ('queued', 'running', 'waiting');
CREATE INDEX van_sync_jobs_due_idx ON van_sync_jobs (next_attempt_at) WHERE status IN ('queued', 'waiting');

-- V5: what goes back to VAN, once per record (the do-not-call entry or the call).
CREATE TABLE van_outbox (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id      uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    kind             text NOT NULL CHECK (kind IN ('do_not_call', 'call_result')),
    source_id        uuid NOT NULL,
    van_id           bigint NOT NULL,
    e164             text NOT NULL,
    answered_by      text,  -- call_result: who answered (none: nobody)
    occurred_at      timestamptz NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    last_error       text,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT van_outbox_once UNIQUE (campaign_id, kind, source_id)
);
CREATE INDEX van_outbox_due_idx ON van_outbox (next_attempt_at) WHERE sent_at IS NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON van_connections, van_sync_jobs, van_outbox TO campaign_app;
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['van_connections', 'van_sync_jobs', 'van_outbox'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY campaign_rows ON %I USING (campaign_id = app_campaign())'
                       ' WITH CHECK (campaign_id = app_campaign())', t);
    END LOOP;
END
$$;

-- V5: a do-not-call entry (a request, a STOP reply, a key press 9) reaches the outbox of every
-- campaign it binds whose contact came from VAN, in the transaction that records it. Definer:
-- an organization's entry binds campaigns other than the transaction's.
CREATE FUNCTION cp_van_outbox_do_not_call() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
BEGIN
    INSERT INTO van_outbox (campaign_id, kind, source_id, van_id, e164, occurred_at)
        SELECT ct.campaign_id, 'do_not_call', NEW.id, ct.van_id, ct.e164, NEW.requested_at
          FROM contacts ct
          JOIN campaigns c ON c.id = ct.campaign_id
          JOIN van_connections v ON v.campaign_id = ct.campaign_id
         WHERE ct.e164 = NEW.e164 AND ct.van_id IS NOT NULL AND c.organization_id = NEW.organization_id
           AND (NEW.campaign_id IS NULL OR NEW.campaign_id = ct.campaign_id)
    ON CONFLICT ON CONSTRAINT van_outbox_once DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER do_not_call_to_van AFTER INSERT ON do_not_call
    FOR EACH ROW EXECUTE FUNCTION cp_van_outbox_do_not_call();

-- V5: a call's result, once it completed, for a contact that came from VAN.
CREATE FUNCTION cp_van_outbox_call() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
BEGIN
    INSERT INTO van_outbox (campaign_id, kind, source_id, van_id, e164, answered_by, occurred_at)
        SELECT ct.campaign_id, 'call_result', NEW.id, ct.van_id, ct.e164, NEW.answered_by, NEW.completed_at
          FROM contacts ct JOIN van_connections v ON v.campaign_id = ct.campaign_id
         WHERE ct.id = NEW.contact_id AND ct.van_id IS NOT NULL
    ON CONFLICT ON CONSTRAINT van_outbox_once DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER calls_to_van AFTER UPDATE OF completed_at ON calls
    FOR EACH ROW WHEN (OLD.completed_at IS NULL AND NEW.completed_at IS NOT NULL)
    EXECUTE FUNCTION cp_van_outbox_call();
REVOKE ALL ON FUNCTION cp_van_outbox_do_not_call, cp_van_outbox_call FROM PUBLIC;

-- The one lookup across campaigns: the campaigns with VAN work due (a sync to start or resume,
-- something to send back). Ids only.
CREATE FUNCTION cp_van_work_due(p_now timestamptz) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$
    SELECT campaign_id FROM van_sync_jobs
     WHERE status IN ('queued', 'waiting') AND coalesce(next_attempt_at, p_now) <= p_now
    UNION
    SELECT campaign_id FROM van_outbox WHERE sent_at IS NULL AND next_attempt_at <= p_now
$$;
REVOKE ALL ON FUNCTION cp_van_work_due FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cp_van_work_due TO campaign_app;
