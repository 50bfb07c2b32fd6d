--liquibase formatted sql

--changeset skyhold:002-web-sessions
-- Signed-in browsers. The cookie holds a random token; only its SHA-256 is stored, so a copy of the database
-- does not sign anyone in.
CREATE TABLE web_sessions (
    token_hash  text        PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);

--changeset skyhold:002-history-follows-its-zone
-- Deleting a zone takes its agents' and sessions' history with it (the service refuses while any agent is
-- live); events keep their text with zone_id cleared. A session keeps its reservation, so its image may go.
ALTER TABLE agents DROP CONSTRAINT agents_zone_id_fkey,
    ADD CONSTRAINT agents_zone_id_fkey FOREIGN KEY (zone_id) REFERENCES zones (id) ON DELETE CASCADE;
ALTER TABLE sessions DROP CONSTRAINT sessions_zone_id_fkey,
    ADD CONSTRAINT sessions_zone_id_fkey FOREIGN KEY (zone_id) REFERENCES zones (id) ON DELETE CASCADE;
ALTER TABLE sessions DROP CONSTRAINT sessions_agent_id_fkey,
    ADD CONSTRAINT sessions_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE CASCADE;
ALTER TABLE sessions ALTER COLUMN image_id DROP NOT NULL;
ALTER TABLE sessions DROP CONSTRAINT sessions_image_id_fkey,
    ADD CONSTRAINT sessions_image_id_fkey FOREIGN KEY (image_id) REFERENCES images (id) ON DELETE SET NULL;
