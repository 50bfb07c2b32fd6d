--liquibase formatted sql

--changeset skyhold:013-recovery
-- Deleting a VM provider must never orphan a VM: its agents' rows are the only way Skyhold can delete their VMs.
-- The foreign key used to set a live agent's provider to NULL; now it refuses (NO ACTION, checked at the end of
-- the statement, so a zone's delete still cascades through its providers and its agents' history). The
-- repository clears the provider of history rows (destroyed, failed) itself, in the transaction that locks the
-- provider's row and checks for live agents.
ALTER TABLE agents
    DROP CONSTRAINT agents_provider_config_id_fkey,
    ADD CONSTRAINT agents_provider_config_id_fkey FOREIGN KEY (provider_config_id)
        REFERENCES vm_provider_configs (id) ON DELETE NO ACTION;
