--liquibase formatted sql

--changeset skyhold:015-secret-names
-- The names of a provider's sealed secrets, in the clear (names are not secret), so that listing and showing a
-- provider ("token: set") never opens the sealed value; only building the provider does. NULL on rows written
-- before this column: those are filled in at start-up by a manager holding the key.
ALTER TABLE vm_provider_configs ADD COLUMN secret_names text[];
ALTER TABLE dns_provider_configs ADD COLUMN secret_names text[];
