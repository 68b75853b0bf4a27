-- Consent and do-not-call in depth (issue 12; rules A3.1, A3.2, A3.4, A4.6-A4.8).

-- A4.8: the carrier's lookup can tell a toll-free number (the called party pays for the call).
ALTER TABLE contacts DROP CONSTRAINT contacts_line_type_check;
ALTER TABLE contacts ADD CONSTRAINT contacts_line_type_check
    CHECK (line_type IN ('wireless', 'landline', 'voip', 'toll_free'));

-- A3.2: a request a person makes by voice during a live call is recorded by the caller, with the
-- call it was made on. A3.1: an organization may load numbers of the national registry, which it
-- then honours as its own list (platform policy).
ALTER TABLE do_not_call DROP CONSTRAINT do_not_call_source_check;
ALTER TABLE do_not_call ADD CONSTRAINT do_not_call_source_check
    CHECK (source IN ('manual', 'text_reply', 'key_press', 'verbal', 'national_registry'));
ALTER TABLE do_not_call
    ADD COLUMN recorded_by uuid REFERENCES users (id),  -- who recorded it (a person of the campaign)
    -- the live call it was made on ('verbal'). No foreign key: an organization's entry outlives
    -- its campaign, whose calls move to the organization's archive with their ids (A3.6).
    ADD COLUMN call_id uuid,
    ADD COLUMN recorded_by_api_key uuid,  -- or the campaign's integration that recorded it
    ADD CONSTRAINT do_not_call_verbal_has_call CHECK ((source = 'verbal') = (call_id IS NOT NULL)),
    ADD CONSTRAINT do_not_call_verbal_has_recorder
        CHECK (source <> 'verbal' OR recorded_by IS NOT NULL OR recorded_by_api_key IS NOT NULL);
-- One request per call: recording it twice answers the first.
CREATE UNIQUE INDEX do_not_call_one_per_call ON do_not_call (call_id) WHERE call_id IS NOT NULL;

-- A3.4: a request is honoured through the whole day of its fifth anniversary where the number is
-- (domain/dialing/rules.py: honoured_until). Entries written before kept the anniversary's
-- instant; a day more is a superset of the new edge, which the dial decides exactly.
UPDATE do_not_call SET expires_at = expires_at + interval '1 day';
