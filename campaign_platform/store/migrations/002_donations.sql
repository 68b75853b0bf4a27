-- Donations (rules B1-B7, C1-C13): webhook endpoints and their credentials, the processor's
-- pull-API credentials, elections, donors, contributions, refunds kept for later, FEC flags and
-- limits, reconciliations and their schedule.
-- Every campaign-scoped table carries campaign_id NOT NULL with a foreign key.
-- Money is integer cents (bigint) everywhere.

-- B2: one webhook per campaign, HTTP Basic. Passwords are stored as SHA-256 digests only; during
-- a rotation the replaced one stays valid until previous_valid_until (at most two are valid).
CREATE TABLE webhook_endpoints (
    id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id               uuid NOT NULL REFERENCES campaigns (id)
                              CONSTRAINT webhook_endpoints_campaign_key UNIQUE,
    username                  text NOT NULL,
    password_sha256           bytea NOT NULL CHECK (length(password_sha256) = 32),
    previous_password_sha256  bytea CHECK (length(previous_password_sha256) = 32),
    previous_valid_until      timestamptz,
    created_at                timestamptz NOT NULL,
    rotated_at                timestamptz,
    CONSTRAINT webhook_endpoints_previous_complete
        CHECK ((previous_password_sha256 IS NULL) = (previous_valid_until IS NULL))
);

-- B7: the pull API's client credentials. The secret is kept as given: the platform must send it.
CREATE TABLE processor_connections (
    campaign_id    uuid PRIMARY KEY REFERENCES campaigns (id),
    client_id      text NOT NULL,
    client_secret  text NOT NULL,
    connected_at   timestamptz NOT NULL DEFAULT now()
);

-- C2: the elections contributions count toward. No row: the general is campaigns.election_date.
CREATE TABLE campaign_elections (
    campaign_id  uuid PRIMARY KEY REFERENCES campaigns (id),
    primary_on   date,
    general_on   date NOT NULL,
    CONSTRAINT campaign_elections_primary_first CHECK (primary_on IS NULL OR primary_on < general_on)
);

-- One person giving to one campaign, matched on the *_key columns (lower-cased, trimmed; zip5:
-- the first five digits of the ZIP; '' when absent).
CREATE TABLE donors (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id         uuid NOT NULL REFERENCES campaigns (id),
    email_key           text NOT NULL,
    first_name_key      text NOT NULL,
    last_name_key       text NOT NULL,
    zip5                text NOT NULL,
    first_name          text NOT NULL,
    last_name           text NOT NULL,
    email               text,
    zip                 text,
    addr1               text,
    city                text,
    state               text,
    country             text,
    phone               text,
    employer            text,
    employer_paid_at    timestamptz,  -- paidAt of the notification the employer came from
    occupation          text,
    occupation_paid_at  timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT donors_match_key UNIQUE (campaign_id, email_key, first_name_key, last_name_key, zip5)
);

-- B1, B4: one row per line item, ever (the unique key makes every delivery idempotent).
CREATE TABLE contributions (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id       uuid NOT NULL REFERENCES campaigns (id),
    lineitem_id       text NOT NULL,
    donor_id          uuid NOT NULL REFERENCES donors (id),
    amount_cents      bigint NOT NULL CHECK (amount_cents > 0),
    paid_at           timestamptz NOT NULL,
    election          text NOT NULL CHECK (election IN ('primary', 'general')),
    election_on       date NOT NULL,
    cycle             integer NOT NULL CHECK (cycle % 2 = 0),
    refunded_at       timestamptz,
    recurring_period  text,
    order_number      text,
    source            text NOT NULL CHECK (source IN ('webhook', 'reconciliation')),
    received_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT contributions_lineitem_key UNIQUE (campaign_id, lineitem_id)
);
CREATE INDEX contributions_donor_idx ON contributions (campaign_id, donor_id);
CREATE INDEX contributions_paid_at_idx ON contributions (campaign_id, paid_at);
CREATE INDEX contributions_refunded_at_idx ON contributions (campaign_id, refunded_at)
    WHERE refunded_at IS NOT NULL;

-- A donor's net (not refunded) total per election, kept by the ingest as it records contributions
-- and refunds (C1, C4): the FEC checks read one row instead of summing the donor's history.
CREATE TABLE donor_election_totals (
    campaign_id  uuid NOT NULL REFERENCES campaigns (id),
    donor_id     uuid NOT NULL REFERENCES donors (id),
    election     text NOT NULL CHECK (election IN ('primary', 'general')),
    election_on  date NOT NULL,
    cycle        integer NOT NULL,
    net_cents    bigint NOT NULL CHECK (net_cents >= 0),
    CONSTRAINT donor_election_totals_pkey PRIMARY KEY (donor_id, election, election_on)
);

-- A refund that arrived before its contribution: applied (applied_at) when the contribution does.
CREATE TABLE pending_refunds (
    campaign_id  uuid NOT NULL REFERENCES campaigns (id),
    lineitem_id  text NOT NULL,
    refunded_at  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    applied_at   timestamptz,
    CONSTRAINT pending_refunds_pkey PRIMARY KEY (campaign_id, lineitem_id)
);

-- C1/C12 excessive, C7 best-efforts follow-up (one per donor and cycle, ever), C11 questionable.
CREATE TABLE donation_flags (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id      uuid NOT NULL REFERENCES campaigns (id),
    kind             text NOT NULL
                     CHECK (kind IN ('excessive', 'best_efforts_follow_up', 'questionable')),
    rule             text NOT NULL,
    donor_id         uuid NOT NULL REFERENCES donors (id),
    contribution_id  uuid NOT NULL REFERENCES contributions (id),
    election         text NOT NULL CHECK (election IN ('primary', 'general')),
    cycle            integer NOT NULL,
    excess_cents     bigint CHECK (excess_cents > 0),
    reason           text NOT NULL,
    due_on           date NOT NULL,
    status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    resolved_at      timestamptz,
    CONSTRAINT donation_flags_excess_only_if_excessive CHECK ((kind = 'excessive') = (excess_cents IS NOT NULL))
);
CREATE INDEX donation_flags_campaign_idx ON donation_flags (campaign_id, created_at);
CREATE INDEX donation_flags_contribution_idx ON donation_flags (contribution_id);
CREATE UNIQUE INDEX donation_flags_best_efforts_key ON donation_flags (campaign_id, donor_id, cycle)
    WHERE kind = 'best_efforts_follow_up';

-- C1: the per-election limit of an individual, per two-year cycle. Only cycles rules.md states.
CREATE TABLE fec_contribution_limits (
    cycle               integer PRIMARY KEY CHECK (cycle % 2 = 0),
    per_election_cents  bigint NOT NULL CHECK (per_election_cents > 0),
    source              text NOT NULL
);
INSERT INTO fec_contribution_limits (cycle, per_election_cents, source) VALUES
    (2024, 330000, 'rules.md C1: $3,300 per election for 2023-2024'),
    (2026, 350000, 'rules.md C1: $3,500 per election for 2025-2026');

-- B5, B7: a comparison of a date range with the processor's records.
CREATE TABLE reconciliations (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id    uuid NOT NULL REFERENCES campaigns (id),
    range_from     date NOT NULL,
    range_to       date NOT NULL,  -- exclusive
    trigger        text NOT NULL CHECK (trigger IN ('operator', 'schedule')),
    status         text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
    attempts       integer NOT NULL DEFAULT 0,
    error_code     text,
    error_message  text,
    requested_by   uuid REFERENCES users (id),
    created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at    timestamptz,
    CONSTRAINT reconciliations_range_order CHECK (range_to > range_from)
);
CREATE INDEX reconciliations_campaign_idx ON reconciliations (campaign_id, created_at);

CREATE TABLE reconciliation_differences (
    reconciliation_id  uuid NOT NULL REFERENCES reconciliations (id),
    position           integer NOT NULL,
    campaign_id        uuid NOT NULL REFERENCES campaigns (id),
    kind               text NOT NULL CHECK (kind IN ('missing_here', 'refund_missing_here',
                                                      'missing_there', 'refund_missing_there',
                                                      'amount_mismatch')),
    lineitem_id        text NOT NULL,
    here_cents         bigint,
    there_cents        bigint,
    resolution         text NOT NULL CHECK (resolution IN ('backfilled', 'reported')),
    CONSTRAINT reconciliation_differences_pkey PRIMARY KEY (reconciliation_id, position)
);

CREATE TABLE reconciliation_schedules (
    campaign_id  uuid PRIMARY KEY REFERENCES campaigns (id),
    every_hours  integer NOT NULL CHECK (every_hours BETWEEN 1 AND 168),
    next_run_at  timestamptz NOT NULL
);
CREATE INDEX reconciliation_schedules_due_idx ON reconciliation_schedules (next_run_at);
