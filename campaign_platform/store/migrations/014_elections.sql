-- Issue 13, elections and excessive contributions (C2, C12, C16).

-- C2 (11 CFR 100.2, 110.1(j)): a runoff and a special election are elections of their own, each
-- with its own limit, beside the primary and the general. A runoff comes after the primary and
-- before the general; a special election is on a day of its own.
ALTER TABLE campaign_elections
    ADD COLUMN runoff_on  date,
    ADD COLUMN special_on date,
    ADD CONSTRAINT campaign_elections_runoff_between
        CHECK (runoff_on IS NULL OR (primary_on IS NOT NULL AND primary_on < runoff_on AND runoff_on < general_on)),
    ADD CONSTRAINT campaign_elections_special_own_day
        CHECK (special_on IS NULL OR (special_on <> general_on AND special_on IS DISTINCT FROM primary_on
                                      AND special_on IS DISTINCT FROM runoff_on));

ALTER TABLE contributions DROP CONSTRAINT contributions_election_check;
ALTER TABLE contributions ADD CONSTRAINT contributions_election_check
    CHECK (election IN ('primary', 'runoff', 'general', 'special'));
ALTER TABLE donor_election_totals DROP CONSTRAINT donor_election_totals_election_check;
ALTER TABLE donor_election_totals ADD CONSTRAINT donor_election_totals_election_check
    CHECK (election IN ('primary', 'runoff', 'general', 'special'));
ALTER TABLE donation_flags DROP CONSTRAINT donation_flags_election_check;
ALTER TABLE donation_flags ADD CONSTRAINT donation_flags_election_check
    CHECK (election IN ('primary', 'runoff', 'general', 'special'));

-- C12 (11 CFR 110.1(b)(5)(ii)(B), 103.3(b)(3)): the excess of an undesignated contribution made
-- before the primary is presumptively redesignated to the general when the general's limit holds
-- it (redesignated_cents, moved from the primary's tally to the general's); the donor is told
-- within 60 days (the flag's sent_at) and may ask for a refund instead (remedy 'refund_requested',
-- the excess goes back to the primary's tally). The committee refunds only the excess
-- (excess_refunded_cents); the contribution stays on the books for the rest.
ALTER TABLE contributions
    ADD COLUMN redesignated_cents    bigint CHECK (redesignated_cents > 0),
    ADD COLUMN redesignated_to       date,
    ADD COLUMN excess_refunded_cents bigint CHECK (excess_refunded_cents > 0),
    ADD CONSTRAINT contributions_redesignation_complete
        CHECK ((redesignated_cents IS NULL) = (redesignated_to IS NULL)),
    ADD CONSTRAINT contributions_excess_refund_within_amount
        CHECK (coalesce(excess_refunded_cents, 0) < amount_cents);
ALTER TABLE donation_flags
    ADD COLUMN remedy text CHECK (remedy IN ('redesignated', 'reattributed', 'refund_requested', 'refunded')),
    ADD COLUMN answered_at timestamptz;

-- C12 (11 CFR 110.1(k)(3)(ii)(B)): the excess of a gift from a joint account (the donation form
-- names the other account holder) is presumptively reattributed to that holder when their own
-- limit holds it: it moves to the holder's tally (a donor row of its own, matched on name and
-- ZIP), and the donor is told as for a redesignation.
ALTER TABLE contributions
    ADD COLUMN reattributed_cents bigint CHECK (reattributed_cents > 0),
    ADD COLUMN reattributed_to    uuid REFERENCES donors (id),
    ADD CONSTRAINT contributions_reattribution_complete
        CHECK ((reattributed_cents IS NULL) = (reattributed_to IS NULL));

-- C16 (11 CFR 102.9(e)(3), 110.1(b)(3)(i)): what became of the candidate in the primary. A
-- candidate who lost it refunds the general-election money within 60 days of the primary.
ALTER TABLE campaign_elections
    ADD COLUMN primary_result text CHECK (primary_result IN ('won', 'lost'));
ALTER TABLE donation_flags DROP CONSTRAINT donation_flags_kind_check;
ALTER TABLE donation_flags ADD CONSTRAINT donation_flags_kind_check
    CHECK (kind IN ('excessive', 'best_efforts_follow_up', 'questionable', 'over_platform_limit',
                    'general_after_primary_loss'));
ALTER TABLE donation_flags DROP CONSTRAINT donation_flags_excess_only_if_excessive;
ALTER TABLE donation_flags ADD CONSTRAINT donation_flags_excess_only_if_excessive
    CHECK ((kind IN ('excessive', 'general_after_primary_loss')) = (excess_cents IS NOT NULL));
CREATE UNIQUE INDEX donation_flags_primary_loss_key ON donation_flags (contribution_id)
    WHERE kind = 'general_after_primary_loss';
