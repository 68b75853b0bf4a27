-- Onboarding: organizations, campaigns, people and their roles, one-time tokens, test clocks.
-- Every campaign-scoped table carries campaign_id NOT NULL with a foreign key.

CREATE TABLE organizations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE campaigns (
    id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id           uuid NOT NULL REFERENCES organizations (id),
    name                      text NOT NULL,
    office                    text NOT NULL,
    state                     char(2) NOT NULL,
    election_date             date NOT NULL,
    slug                      text NOT NULL CONSTRAINT campaigns_slug_key UNIQUE,
    compliance_contact_name   text,
    compliance_contact_email  text,
    created_at                timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT campaigns_compliance_contact_complete
        CHECK ((compliance_contact_name IS NULL) = (compliance_contact_email IS NULL))
);
CREATE INDEX campaigns_organization_id_idx ON campaigns (organization_id);

CREATE TABLE users (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email              text NOT NULL,
    full_name          text NOT NULL,
    password_hash      text NOT NULL,
    email_verified_at  timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE memberships (
    campaign_id  uuid NOT NULL REFERENCES campaigns (id),
    user_id      uuid NOT NULL REFERENCES users (id),
    role         text NOT NULL
                 CHECK (role IN ('owner', 'manager', 'finance', 'caller', 'viewer')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT memberships_pkey PRIMARY KEY (campaign_id, user_id)
);
CREATE INDEX memberships_user_id_idx ON memberships (user_id);

-- The campaign is the one the account signed up for: its clock decides expiry.
CREATE TABLE email_verifications (
    token_hash   char(64) PRIMARY KEY,  -- sha256 hex of the emailed token
    user_id      uuid NOT NULL REFERENCES users (id),
    campaign_id  uuid NOT NULL REFERENCES campaigns (id),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz
);
CREATE INDEX email_verifications_user_id_idx ON email_verifications (user_id);

CREATE TABLE invitations (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id  uuid NOT NULL REFERENCES campaigns (id),
    email        text NOT NULL,
    role         text NOT NULL
                 CHECK (role IN ('owner', 'manager', 'finance', 'caller', 'viewer')),
    token_hash   char(64) NOT NULL CONSTRAINT invitations_token_hash_key UNIQUE,
    invited_by   uuid NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    accepted_at  timestamptz,
    accepted_by  uuid REFERENCES users (id),
    CONSTRAINT invitations_acceptance_complete CHECK ((accepted_at IS NULL) = (accepted_by IS NULL))
);
CREATE INDEX invitations_campaign_id_idx ON invitations (campaign_id);

-- Filled by the dialing workflow; the ready-to-dial checklist reads it.
CREATE TABLE caller_ids (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id  uuid NOT NULL REFERENCES campaigns (id),
    e164         text NOT NULL CHECK (e164 ~ '^\+[1-9][0-9]{1,14}$'),
    verified_at  timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT caller_ids_campaign_number_key UNIQUE (campaign_id, e164)
);

-- Test mode only: a campaign's frozen clock (no row = real time).
CREATE TABLE test_clocks (
    campaign_id  uuid PRIMARY KEY REFERENCES campaigns (id),
    frozen_at    timestamptz NOT NULL
);
