--liquibase formatted sql

--changeset skyhold:010-master-key-check
-- A value sealed under the installation's master key. Every manager sharing this database opens it at start-up
-- and refuses to start when it cannot: a manager with another key would otherwise start, then fail every request
-- and every zone loop that opens a stored secret.
ALTER TABLE installation ADD COLUMN key_check bytea;
