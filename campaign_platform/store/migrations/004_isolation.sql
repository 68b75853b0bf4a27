-- Issue 5: campaign isolation in depth. Run by the tables' owner.
--
-- The application connects as campaign_app: it owns no table, is no superuser and cannot bypass
-- row-level security, so the policies below bind it. A deployment whose login role has another
-- name makes it a member: GRANT campaign_app TO <login role>.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'campaign_app') THEN
        CREATE ROLE campaign_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO campaign_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO campaign_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO campaign_app;
REVOKE INSERT, UPDATE, DELETE ON schema_migrations, fec_contribution_limits FROM campaign_app;
