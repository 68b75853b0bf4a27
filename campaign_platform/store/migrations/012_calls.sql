-- Issue 12 (A6.4): how long a campaign's unanswered calls ring before the carrier ends them, in
-- seconds. NULL: the platform's default (domain/call_script.py, RING_SECONDS_DEFAULT). The floor is
-- the law's 15 seconds (47 CFR 64.1200(a)(6)); the database refuses less whatever the route says.
ALTER TABLE dial_settings
    ADD COLUMN ring_seconds integer CONSTRAINT dial_settings_ring_at_least_15 CHECK (ring_seconds BETWEEN 15 AND 60);
