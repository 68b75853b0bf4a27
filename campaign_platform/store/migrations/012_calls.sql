-- Issue 12 (A6.4): how long a campaign's unanswered calls ring before the carrier ends them, in
-- seconds. NULL: the platform's default (domain/call_script.py, RING_SECONDS_DEFAULT). The floor is
-- the law's 15 seconds (47 CFR 64.1200(a)(6)); the database refuses less whatever the route says.
ALTER TABLE dial_settings
    ADD COLUMN ring_seconds integer CONSTRAINT dial_settings_ring_at_least_15 CHECK (ring_seconds BETWEEN 15 AND 60);

-- A6.5: the records proving the abandonment rules (abandoned calls among every call record) are
-- kept 5 years: 47 CFR 64.1200(a)(7)(iii) says to keep them and names no period; the FTC's
-- Telemarketing Sales Rule names five years (16 CFR 310.4(b)(4)(iv) with 310.5, as amended in
-- 2024). Counted from the deletion, so every call made before it is kept at least 5 years.
UPDATE retention_periods
   SET rule = 'A6.5', years = 5, source = '47 CFR 64.1200(a)(7)(iii); 16 CFR 310.4(b)(4)(iv), 310.5'
 WHERE record_class = 'call';
