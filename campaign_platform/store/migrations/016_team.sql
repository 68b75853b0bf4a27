-- Issue 13: the team. The treasurer role (52 U.S.C. 30102(a): every committee has a treasurer),
-- beside the five roles of 001; a membership's role may change (PUT .../members/{user_id}).
ALTER TABLE memberships DROP CONSTRAINT memberships_role_check;
ALTER TABLE memberships ADD CONSTRAINT memberships_role_check
    CHECK (role IN ('owner', 'manager', 'treasurer', 'finance', 'caller', 'viewer'));
ALTER TABLE invitations DROP CONSTRAINT invitations_role_check;
ALTER TABLE invitations ADD CONSTRAINT invitations_role_check
    CHECK (role IN ('owner', 'manager', 'treasurer', 'finance', 'caller', 'viewer'));

-- O11: a person may close their account; from then on no token of theirs is taken and the
-- account no longer logs in. The row stays (calls, keys and archives name the people who made
-- them); its memberships go in the same transaction.
ALTER TABLE users ADD COLUMN closed_at timestamptz;
