-- How event triggers wake the workers. NOTIFY is prompt but not free: each notifying commit takes
-- PostgreSQL's database-wide NOTIFY lock and holds it across its WAL flush, so under a high rate
-- of changes the writers queue behind each other. A busy worker polls instead and publishes here,
-- as milliseconds since the epoch on the database's clock, until when it will keep polling; until
-- then the triggers skip NOTIFY. An event is a row either way: a missed wake-up only waits for the
-- workers' periodic sweep.
CREATE SEQUENCE trefoil.workers_polling_until MINVALUE 0 START 0;

-- Called by every event trigger function (see TriggerSql::createFunction). Triggers call this
-- function rather than pg_notify itself, so the policy can change without regenerating them.
CREATE FUNCTION trefoil.wake_workers(trigger_name text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT last_value FROM trefoil.workers_polling_until)
       < (extract(epoch FROM clock_timestamp()) * 1000)::bigint THEN
    PERFORM pg_notify('trefoil_events', trigger_name);
  END IF;
END
$$;

-- Trigger functions created before this migration call pg_notify themselves: point them here.
DO $$
DECLARE
  f oid;
BEGIN
  FOR f IN SELECT p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'trefoil' AND p.proname LIKE 'event\_%'
              AND p.prosrc LIKE '%PERFORM pg\_notify(''trefoil\_events'', %'
  LOOP
    EXECUTE replace(pg_get_functiondef(f), 'PERFORM pg_notify(''trefoil_events'', ', 'PERFORM trefoil.wake_workers(');
  END LOOP;
END
$$;
