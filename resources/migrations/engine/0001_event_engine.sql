-- The eventing engine's own tables. Everything the workers know lives here, so any process can
-- die at any moment and another one carries on.

CREATE TABLE trefoil.event_triggers (
    name            text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9_-]{1,63}$'),
    schema_name     text NOT NULL,
    table_name      text NOT NULL,
    on_insert       boolean NOT NULL DEFAULT false,
    on_update       boolean NOT NULL DEFAULT false,
    update_columns  text[],             -- NULL: any column; otherwise fire only when one of these changed
    update_values   jsonb,              -- {"column": ["value", …]}: fire only when NEW.column becomes one of these
    on_delete       boolean NOT NULL DEFAULT false,
    on_manual       boolean NOT NULL DEFAULT false,
    payload_columns text[],             -- NULL: all columns in the payload
    handler_kind    text NOT NULL CHECK (handler_kind IN ('builtin', 'webhook')),
    handler         text NOT NULL,      -- function name or webhook URL
    headers         jsonb NOT NULL DEFAULT '[]',
    num_retries     integer NOT NULL DEFAULT 0 CHECK (num_retries >= 0),
    interval_sec    integer NOT NULL DEFAULT 10 CHECK (interval_sec >= 0),
    timeout_sec     integer NOT NULL DEFAULT 60 CHECK (timeout_sec > 0),
    backoff         text NOT NULL DEFAULT 'fixed' CHECK (backoff IN ('fixed', 'exponential')),
    max_interval_sec integer NOT NULL DEFAULT 3600 CHECK (max_interval_sec >= 0),
    jitter          real NOT NULL DEFAULT 0 CHECK (jitter >= 0 AND jitter <= 1),
    max_concurrency integer CHECK (max_concurrency IS NULL OR max_concurrency > 0),
    enabled         boolean NOT NULL DEFAULT true,
    paused          boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE trefoil.events (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    trigger_name     text NOT NULL,
    schema_name      text NOT NULL,
    table_name       text NOT NULL,
    op               text NOT NULL CHECK (op IN ('INSERT', 'UPDATE', 'DELETE', 'MANUAL')),
    data             jsonb NOT NULL,    -- {"old": …, "new": …}
    session_variables jsonb,
    status           text NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'delivered', 'dead', 'cancelled')),
    tries            integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    locked_by        text,              -- worker id holding the lease
    locked_until     timestamptz,       -- lease expiry: after it, any worker may claim the event
    created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    delivered_at     timestamptz,
    last_error       text,
    cancel_reason    text,
    redelivered      integer NOT NULL DEFAULT 0,   -- times an operator asked for it again
    redelivered_at   timestamptz
);

-- Every event is updated at least twice (claim, completion). Free space on each page lets the
-- claim be a HOT update, and frequent vacuuming keeps dead entries out of the claim's index scan.
ALTER TABLE trefoil.events SET (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.01,
    autovacuum_vacuum_cost_delay = 0);

-- Claiming reads only pending rows in due order: keep that index small and partial.
CREATE INDEX events_due_idx ON trefoil.events (next_attempt_at) WHERE status = 'pending';
-- Operators look at one trigger's recent events; every extra index here is paid on every
-- completion, so this is the only other one.
CREATE INDEX events_trigger_created_idx ON trefoil.events (trigger_name, created_at);

CREATE TABLE trefoil.invocations (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     uuid NOT NULL,
    trigger_name text NOT NULL,
    attempt      integer NOT NULL,
    worker_id    text NOT NULL,
    started_at   timestamptz NOT NULL,
    duration_ms  double precision NOT NULL,
    http_status  integer,
    request      jsonb,
    response     text,              -- truncated
    error        text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX invocations_event_idx ON trefoil.invocations (event_id, attempt);
