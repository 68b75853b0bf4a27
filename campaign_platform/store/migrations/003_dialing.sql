-- Dialing (rules A1-A7, D1-D5): contacts, do-not-call entries, caller-ID verification, calls and
-- their carrier events, texts in and out, texting subscriptions, dial settings.
-- Every campaign-scoped table carries campaign_id NOT NULL with a foreign key; the tables an
-- organization-wide opt-out (A3.5) or an unmatched inbound text lives in carry organization_id.

-- A6.7: a caller ID is verified through the carrier, which phones the number with a code.
ALTER TABLE caller_ids
    ADD COLUMN verification_id text,  -- the carrier's, for the latest code phoned
    ADD COLUMN verification_started_at timestamptz;

-- People a campaign may call. line_type NULL: unknown (treated as wireless: A4.1, A4.6).
-- consent_*: prior express consent on record (A4.1); consent_revoked_at: an opt-out (A5.1).
CREATE TABLE contacts (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id         uuid NOT NULL REFERENCES campaigns (id),
    e164                text NOT NULL CHECK (e164 ~ '^\+[1-9][0-9]{1,14}$'),
    name                text NOT NULL,
    line_type           text CHECK (line_type IN ('wireless', 'landline', 'voip')),
    state               char(2),
    zip                 char(5) CHECK (zip ~ '^[0-9]{5}$'),
    consent_given_at    timestamptz,
    consent_method      text,
    consent_revoked_at  timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT contacts_campaign_e164_key UNIQUE (campaign_id, e164),
    CONSTRAINT contacts_consent_complete CHECK ((consent_given_at IS NULL) = (consent_method IS NULL))
);
CREATE INDEX contacts_e164_idx ON contacts (e164);  -- opt-outs find the number in every campaign

-- A3: the internal do-not-call list. campaign_id NULL: the whole organization (A3.5). Honoured
-- from requested_at (A3.3: at once) until expires_at = requested_at + 5 years (A3.4). A request
-- made again is a new row (a new 5 years).
CREATE TABLE do_not_call (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  uuid NOT NULL REFERENCES organizations (id),
    campaign_id      uuid REFERENCES campaigns (id),
    e164             text NOT NULL CHECK (e164 ~ '^\+[1-9][0-9]{1,14}$'),
    requested_at     timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    source           text NOT NULL CHECK (source IN ('manual', 'text_reply', 'key_press')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT do_not_call_expiry CHECK (expires_at > requested_at)
);
CREATE INDEX do_not_call_number_idx ON do_not_call (organization_id, e164, expires_at);

-- Pacing caps of a campaign (no row: the defaults, 50 and 5).
CREATE TABLE dial_settings (
    campaign_id           uuid PRIMARY KEY REFERENCES campaigns (id),
    max_concurrent_calls  integer NOT NULL CHECK (max_concurrent_calls BETWEEN 1 AND 10000),
    calls_per_second      integer NOT NULL CHECK (calls_per_second BETWEEN 1 AND 1000),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

-- Every dial attempt: blocked ones (with the rule that blocked it) and placed ones (A6.5 records).
-- requested_at is on the campaign's clock (the 24 h / 30 day windows of A2, A4.4, A6.1 count
-- from it); answered_at, agent_connected_at and completed_at are the carrier's event times (the
-- 2 s of A6.2 is measured between them).
CREATE TABLE calls (
    id                  uuid PRIMARY KEY,
    campaign_id         uuid NOT NULL REFERENCES campaigns (id),
    organization_id     uuid NOT NULL REFERENCES organizations (id),
    contact_id          uuid NOT NULL REFERENCES contacts (id),
    e164                text NOT NULL,
    mode                text NOT NULL CHECK (mode IN ('manual', 'predictive', 'prerecorded')),
    caller_id           text,  -- the number sent as caller ID (E.164)
    placed_by           uuid REFERENCES users (id),
    status              text NOT NULL
                        CHECK (status IN ('blocked', 'placed', 'ringing', 'answered', 'agent_connected',
                                          'completed')),
    reason              text,
    rule                text,
    message             text,
    carrier_call_id     text CONSTRAINT calls_carrier_call_id_key UNIQUE,
    requested_at        timestamptz NOT NULL,
    placed_at           timestamptz,
    ringing_at          timestamptz,
    answered_at         timestamptz,
    answered_by         text CHECK (answered_by IN ('human', 'machine')),
    agent_connected_at  timestamptz,
    completed_at        timestamptz,
    abandoned           boolean NOT NULL DEFAULT false,
    opted_out_at        timestamptz,  -- key press 9 during the call (A5.8)
    CONSTRAINT calls_blocked_has_reason CHECK ((status = 'blocked') = (reason IS NOT NULL)),
    CONSTRAINT calls_placed_has_carrier_id CHECK ((status = 'blocked') = (carrier_call_id IS NULL))
);
-- A2 caps, A4.4: calls placed to a number by the organization, by time.
CREATE INDEX calls_number_idx ON calls (organization_id, e164, requested_at) WHERE status <> 'blocked';
-- A6.1: the campaign's calls answered by a person (prerecorded ones never wait for an agent).
CREATE INDEX calls_answered_idx ON calls (campaign_id, requested_at)
    WHERE answered_by = 'human' AND mode <> 'prerecorded';
CREATE INDEX calls_campaign_idx ON calls (campaign_id, requested_at);

-- D3, D5: every carrier callback accepted, by its event_id (replays are answered "duplicate").
CREATE TABLE carrier_events (
    event_id     text PRIMARY KEY,
    event        text NOT NULL,
    campaign_id  uuid REFERENCES campaigns (id),  -- NULL: an unmatched call or text
    payload      jsonb NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);

-- Texts people sent to the organization's numbers (A5). organization_id / campaign_id NULL when
-- the text matched no caller ID and no contact.
CREATE TABLE inbound_messages (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id         text NOT NULL CONSTRAINT inbound_messages_event_key UNIQUE,
    organization_id  uuid REFERENCES organizations (id),
    campaign_id      uuid REFERENCES campaigns (id),
    from_e164        text NOT NULL,
    to_e164          text NOT NULL,
    body             text NOT NULL,
    keyword          text CHECK (keyword IN ('opt_out', 'opt_in', 'help')),
    received_at      timestamptz NOT NULL,
    stored_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inbound_messages_from_idx ON inbound_messages (from_e164);

-- A5: whether a number may get texts from an organization (no row: never opted out).
CREATE TABLE text_subscriptions (
    organization_id  uuid NOT NULL REFERENCES organizations (id),
    e164             text NOT NULL,
    opted_out        boolean NOT NULL,
    changed_at       timestamptz NOT NULL,
    CONSTRAINT text_subscriptions_pkey PRIMARY KEY (organization_id, e164)
);

-- Texts the platform sent: today only opt-out confirmations (A5.5: at most one per opt-out, the
-- carrier event that carried it, a STOP reply or a key press 9, enforced by a unique key).
CREATE TABLE outbound_texts (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id      uuid NOT NULL REFERENCES organizations (id),
    campaign_id          uuid NOT NULL REFERENCES campaigns (id),
    kind                 text NOT NULL CHECK (kind IN ('opt_out_confirmation')),
    opt_out_event_id     text NOT NULL REFERENCES carrier_events (event_id),
    to_e164              text NOT NULL,
    from_e164            text NOT NULL,
    body                 text NOT NULL,
    status               text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    carrier_message_id   text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    sent_at              timestamptz,
    CONSTRAINT outbound_texts_one_per_opt_out UNIQUE (opt_out_event_id, kind)
);
