--liquibase formatted sql

--changeset skyhold:009-api-key-scopes
-- Each API key has one scope. Keys made before scopes existed could do everything, so they keep that as admin.
ALTER TABLE api_keys ADD COLUMN scope text NOT NULL DEFAULT 'admin' CHECK (scope IN ('read', 'sessions', 'admin'));
ALTER TABLE api_keys ALTER COLUMN scope DROP DEFAULT;
