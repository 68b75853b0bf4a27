-- Issue 11: revocation by any reasonable means (A5.1-A5.3), a contribution the processor already
-- took is a receipt (B8), best efforts per contribution (C7, 11 CFR 104.7(b)(2)).

-- A5.1: a reply the platform cannot classify waits for a person (keyword 'review'), who resolves
-- it as an opt-out or not; who and when are kept. `reason`: why the platform read it as it did.
ALTER TABLE inbound_messages DROP CONSTRAINT inbound_messages_keyword_check;
ALTER TABLE inbound_messages
    ADD CONSTRAINT inbound_messages_keyword_check CHECK (keyword IN ('opt_out', 'opt_in', 'help', 'review')),
    ADD COLUMN reason       text,
    ADD COLUMN resolution   text CHECK (resolution IN ('opt_out', 'not_opt_out')),
    ADD COLUMN resolved_by  uuid REFERENCES users (id),
    ADD COLUMN resolved_at  timestamptz,
    ADD CONSTRAINT inbound_messages_resolution_complete
        CHECK ((resolution IS NULL) = (resolved_by IS NULL) AND (resolution IS NULL) = (resolved_at IS NULL)),
    ADD CONSTRAINT inbound_messages_only_reviews_resolved CHECK (resolution IS NULL OR keyword = 'review');
CREATE INDEX inbound_messages_review_idx ON inbound_messages (campaign_id, received_at) WHERE keyword = 'review';

-- B8: a contribution over the platform's per-line-item limit is recorded and flagged for review.
ALTER TABLE donation_flags DROP CONSTRAINT donation_flags_kind_check;
ALTER TABLE donation_flags ADD CONSTRAINT donation_flags_kind_check
    CHECK (kind IN ('excessive', 'best_efforts_follow_up', 'questionable', 'over_platform_limit'));

-- C7: one follow-up per contribution that lacks employer or occupation (no longer one per donor
-- and cycle); sent_at: when the platform sent it, on the campaign's clock (NULL: not sent).
ALTER TABLE donation_flags ADD COLUMN sent_at timestamptz;
DROP INDEX donation_flags_best_efforts_key;
CREATE UNIQUE INDEX donation_flags_best_efforts_key ON donation_flags (contribution_id)
    WHERE kind = 'best_efforts_follow_up';
