-- The operator console's own state: who did what (the audit log), the retention settings, and the
-- error fingerprint that groups failures. Nothing here touches trefoil.events' indexes or
-- triggers: the workers' claim and completion statements must not pay for the console.

-- One row per operator action; a bulk action run in batches keeps adding to its row (action_id).
CREATE TABLE trefoil.audit_log (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text NOT NULL,
    action    text NOT NULL,
    target    text,
    filter    jsonb,
    touched   bigint NOT NULL DEFAULT 0,
    details   jsonb NOT NULL DEFAULT '{}',
    action_id uuid UNIQUE
);

-- A single row (id is always true). Not named "settings": the GraphQL schema exposes the trefoil
-- schema's tables as trefoil_<name>, and trefoil_settings is the operator API's own field.
CREATE TABLE trefoil.operator_settings (
    id                        boolean PRIMARY KEY DEFAULT true CHECK (id),
    delivered_retention_hours integer CHECK (delivered_retention_hours > 0),   -- NULL: keep for ever
    dead_retention_days       integer CHECK (dead_retention_days > 0),         -- NULL: keep for ever
    updated_at                timestamptz NOT NULL DEFAULT now()
);
INSERT INTO trefoil.operator_settings (delivered_retention_hours, dead_retention_days) VALUES (168, NULL);

-- "trigger | status | error" with the parts that differ between occurrences of one failure
-- replaced: uuids, ISO timestamps, hex ids of 8 or more digits (with a letter and a digit, so plain
-- numbers stay numbers) and numbers. Computed, never stored: it is only read by the console.
CREATE FUNCTION trefoil.error_fingerprint(trigger text, status text, error text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $trefoil$
SELECT trigger || ' | ' || status || ' | ' ||
    regexp_replace(
        regexp_replace(
            regexp_replace(
                regexp_replace(coalesce(error, ''),
                    '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', '<uuid>', 'gi'),
                '\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?', '<time>', 'gi'),
            '\m(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{8,}\M', '<hex>', 'gi'),
        '\d+(\.\d+)?', '<n>', 'g')
$trefoil$;
