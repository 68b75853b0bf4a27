-- Campaign texts (rulebook A8, A4.2) beside the opt-out confirmations (A5.5) in outbound_texts:
-- every attempt is kept, blocked ones with the rule that blocked them (A6.5 records, as calls).
-- A confirmation names the opt-out that brought it; a campaign text names its contact, its mode
-- (manual: a person sends it; automated) and who sent it.
ALTER TABLE outbound_texts DROP CONSTRAINT outbound_texts_kind_check;
ALTER TABLE outbound_texts ADD CONSTRAINT outbound_texts_kind_check
    CHECK (kind IN ('opt_out_confirmation', 'campaign'));
ALTER TABLE outbound_texts ALTER COLUMN opt_out_event_id DROP NOT NULL;
ALTER TABLE outbound_texts DROP CONSTRAINT outbound_texts_status_check;
ALTER TABLE outbound_texts ADD CONSTRAINT outbound_texts_status_check
    CHECK (status IN ('pending', 'sent', 'failed', 'blocked'));
ALTER TABLE outbound_texts
    ADD COLUMN contact_id    uuid REFERENCES contacts (id),
    ADD COLUMN mode          text CHECK (mode IN ('manual', 'automated')),
    ADD COLUMN sent_by       uuid REFERENCES users (id),
    ADD COLUMN requested_at  timestamptz,
    ADD COLUMN reason        text,
    ADD COLUMN rule          text,
    ADD COLUMN message       text,
    ADD CONSTRAINT outbound_texts_kind_fields CHECK (
        CASE kind
            WHEN 'opt_out_confirmation' THEN opt_out_event_id IS NOT NULL
            ELSE opt_out_event_id IS NULL AND contact_id IS NOT NULL AND mode IS NOT NULL
                 AND requested_at IS NOT NULL
        END),
    ADD CONSTRAINT outbound_texts_blocked_has_reason CHECK ((status = 'blocked') = (reason IS NOT NULL));
CREATE INDEX outbound_texts_campaign_idx ON outbound_texts (campaign_id, requested_at) WHERE kind = 'campaign';
