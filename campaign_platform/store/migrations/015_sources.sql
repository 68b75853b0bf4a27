-- Sources (helper "sources"): 48-hour notices (C14), the 30-day clock of a questionable
-- contribution (C11), the conduit a contribution came through (C17), recurring cancellations (B9).

-- The kinds of compliance flag become data: a table every later rule adds its kinds to, instead
-- of a CHECK each migration must restate. Seeded with the kinds the CHECK allowed so far (read
-- from the constraint itself, whichever earlier migration wrote it last), then this migration's.
CREATE TABLE donation_flag_kinds (
    kind  text PRIMARY KEY
);
INSERT INTO donation_flag_kinds (kind)
SELECT DISTINCT (regexp_matches(pg_get_constraintdef(oid), '''([a-z0-9_]+)''', 'g'))[1]
  FROM pg_constraint WHERE conname = 'donation_flags_kind_check';
INSERT INTO donation_flag_kinds (kind) VALUES
    ('forty_eight_hour_notice'),  -- C14: report within 48 hours of receipt
    ('legality_evidence')         -- C11: evidence of legality within 30 days, or refund
ON CONFLICT DO NOTHING;
ALTER TABLE donation_flags DROP CONSTRAINT donation_flags_kind_check;
ALTER TABLE donation_flags ADD CONSTRAINT donation_flags_kind_fkey
    FOREIGN KEY (kind) REFERENCES donation_flag_kinds (kind);

-- C17: the conduit that passed the contribution on (the processor); the donor is the contributor.
ALTER TABLE contributions ADD COLUMN conduit text;

-- B9: when the donor cancelled the recurring contribution this line item belongs to (its order):
-- no further instalment is expected; what was received stays received.
ALTER TABLE contributions ADD COLUMN recurring_cancelled_at timestamptz;
GRANT SELECT ON donation_flag_kinds TO campaign_app;
