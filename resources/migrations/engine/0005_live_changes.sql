-- Change signals for live queries: which tables a committed transaction changed.
--
-- A statement-level trigger (installed by trefoil.live_watch on the tables the GraphQL schema
-- exposes) signals each changed table once per transaction (a transaction-local setting remembers
-- it). In quiet times it NOTIFYs 'trefoil_changes' with "schema.table". NOTIFY is not free: every
-- notifying commit takes PostgreSQL's database-wide NOTIFY lock across its WAL flush (see
-- 0002_wake_workers.sql), so while a live-query process promises to poll (trefoil.live_polling_until,
-- milliseconds on the database's clock) the trigger instead inserts a row into
-- trefoil.live_changes, which that process reads every few milliseconds: commit-visible, no lock.
CREATE SEQUENCE trefoil.live_polling_until MINVALUE 0 START 0;

-- Unlogged: a change signal is worthless after a crash (every subscriber is refreshed anyway).
-- tx is the writing transaction: readers take rows with tx >= the xmin of their previous read's
-- snapshot, so a row committed late (a long transaction) is never skipped; (tx, rel) is unique.
CREATE UNLOGGED TABLE trefoil.live_changes (
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  rel text NOT NULL
);
CREATE INDEX live_changes_tx_idx ON trefoil.live_changes (tx);

CREATE FUNCTION trefoil.live_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  flag text := 'trefoil_live.r' || TG_RELID::text;
  rel text := TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME;
BEGIN
  IF current_setting(flag, true) = '1' THEN
    RETURN NULL; -- this transaction already signalled this table
  END IF;
  PERFORM set_config(flag, '1', true);
  IF (SELECT last_value FROM trefoil.live_polling_until)
       >= (extract(epoch FROM clock_timestamp()) * 1000)::bigint THEN
    INSERT INTO trefoil.live_changes (rel) VALUES (rel);
  ELSE
    PERFORM pg_notify('trefoil_changes', rel);
  END IF;
  RETURN NULL;
END
$$;

-- Installs the trigger on the given tables ("schema.table"; views and unknown names are skipped)
-- where it is missing: CREATE TRIGGER locks the table against writes, so a restart that finds the
-- triggers in place takes no lock. Returns how many were created.
CREATE FUNCTION trefoil.live_watch(tables text[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  r record;
  created integer := 0;
BEGIN
  FOR r IN SELECT c.oid, n.nspname, c.relname
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname || '.' || c.relname = ANY (tables)
              AND c.relkind IN ('r', 'p')
              AND NOT (n.nspname = 'trefoil' AND c.relname = 'live_changes')
              AND NOT EXISTS (SELECT 1 FROM pg_trigger t
                               WHERE t.tgrelid = c.oid AND t.tgname = 'trefoil_live_change')
  LOOP
    EXECUTE format('CREATE OR REPLACE TRIGGER trefoil_live_change'
                   ' AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I.%I'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION trefoil.live_change()', r.nspname, r.relname);
    created := created + 1;
  END LOOP;
  RETURN created;
END
$$;
