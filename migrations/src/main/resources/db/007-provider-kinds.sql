--liquibase formatted sql

--changeset skyhold:007-provider-kinds-unchecked
-- Provider kinds are descriptors listed by the application's ProviderCatalog, not by the database: a build adds a
-- kind with a package and a catalog line, and a row of a kind this build does not have is kept (shown as "not
-- available in this build", never provisioned from) rather than refused. The kind lists of 001 go.
ALTER TABLE vm_provider_configs DROP CONSTRAINT IF EXISTS vm_provider_configs_kind_check;
ALTER TABLE dns_provider_configs DROP CONSTRAINT IF EXISTS dns_provider_configs_kind_check;

--changeset skyhold:007-provider-settings-json splitStatements:false
-- JSON-typed fields (lists of security groups, tag maps, ...) were stored as JSON text inside a string of the
-- settings object; they become the JSON they hold. Generic on purpose, no field names here: every string value
-- that starts with [ or { and parses as JSON is replaced by that JSON; any other value is left as it is.
DO $$
DECLARE
    r      record;
    e      record;
    result jsonb;
    parsed jsonb;
BEGIN
    FOR r IN SELECT 'vm' AS t, id, settings FROM vm_provider_configs
             UNION ALL SELECT 'dns', id, settings FROM dns_provider_configs LOOP
        CONTINUE WHEN jsonb_typeof(r.settings) <> 'object';
        result := '{}'::jsonb;
        FOR e IN SELECT key, value FROM jsonb_each(r.settings) LOOP
            parsed := e.value;
            IF jsonb_typeof(e.value) = 'string' AND ltrim(e.value #>> '{}') ~ '^[\[{]' THEN
                BEGIN
                    parsed := (e.value #>> '{}')::jsonb;
                EXCEPTION WHEN others THEN
                    parsed := e.value;
                END;
            END IF;
            result := result || jsonb_build_object(e.key, parsed);
        END LOOP;
        IF result IS DISTINCT FROM r.settings THEN
            IF r.t = 'vm' THEN
                UPDATE vm_provider_configs SET settings = result WHERE id = r.id;
            ELSE
                UPDATE dns_provider_configs SET settings = result WHERE id = r.id;
            END IF;
        END IF;
    END LOOP;
END
$$;
