-- Change signals for live queries: which tables a committed transaction changed.
--
-- Triggers (installed by trefoil.live_watch on the tables the GraphQL schema exposes) signal each
-- changed table once per transaction (a transaction-local setting remembers it). In quiet times
-- they NOTIFY 'trefoil_changes' with "schema.table". NOTIFY is not free: every notifying commit
-- takes PostgreSQL's database-wide NOTIFY lock across its WAL flush (see 0002_wake_workers.sql),
-- so while a live-query process promises to poll (trefoil.live_polling_until, milliseconds on the
-- database's clock) they insert a row into trefoil.live_changes instead, which every live-query
-- process then reads every few milliseconds: visible at commit, no lock.
CREATE SEQUENCE trefoil.live_polling_until MINVALUE 0 START 0;

-- Until when (same clock) some process has live subscribers. Before that, and after it has run
-- out (every live process stopped, or none has subscribers), the triggers signal nothing, so
-- tables that nobody watches cost their writers no NOTIFY. A process that starts publishing
-- refreshes every subscriber afterwards, which covers what it was not told.
CREATE SEQUENCE trefoil.live_listening_until MINVALUE 0 START 0;

-- Unlogged: a change signal is worthless after a crash (every subscriber is refreshed anyway).
-- tx is the writing transaction: readers take rows with tx >= the xmin of their previous read's
-- snapshot, so a row committed late (a long transaction) is never skipped; (tx, rel) is unique.
CREATE UNLOGGED TABLE trefoil.live_changes (
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  rel text NOT NULL
);
CREATE INDEX live_changes_tx_idx ON trefoil.live_changes (tx);

-- The trigger function. Arguments: the table's oid (names the transaction-local flag) and its
-- "schema.table" (what is signalled; a partition signals its parent, whose triggers it inherits).
--
-- SECURITY DEFINER, so roles that write the watched tables need no privilege on the trefoil
-- schema; the pinned search_path keeps callers' objects out of it. (The function's SET clause
-- restores only search_path on return: the transaction-local flag it sets stays.)
CREATE FUNCTION trefoil.live_change() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  now_ms bigint;
BEGIN
  IF current_setting('trefoil_live.r' || TG_ARGV[0], true) IS DISTINCT FROM '1' THEN
    PERFORM set_config('trefoil_live.r' || TG_ARGV[0], '1', true);
    now_ms := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
    -- pg_sequence_last_value() keeps these simple expressions (no query per call); it is NULL
    -- until the sequence is first set.
    IF coalesce(pg_sequence_last_value('trefoil.live_listening_until'), 0) < now_ms THEN
      NULL; -- nobody has live subscribers
    ELSIF coalesce(pg_sequence_last_value('trefoil.live_polling_until'), 0) >= now_ms THEN
      INSERT INTO trefoil.live_changes (rel) VALUES (TG_ARGV[1]);
    ELSE
      PERFORM pg_notify('trefoil_changes', TG_ARGV[1]);
    END IF;
  END IF;
  IF TG_LEVEL = 'STATEMENT' THEN
    RETURN NULL;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

-- Installs the triggers on the given tables ("schema.table"; views and unknown names are skipped)
-- where they are missing: CREATE TRIGGER locks the table against writes, so a restart that finds
-- them in place takes no lock. Returns on how many tables they were created.
--
-- A row trigger rather than a statement trigger, so that a statement that changes no row (an
-- event worker's empty claim, every few milliseconds) signals nothing and writes nothing. It is
-- a BEFORE trigger with a WHEN condition on the transaction's flag: WHEN is evaluated as each row
-- is written, without calling PL/pgSQL, and the first row's call sets the flag, so a bulk
-- statement runs the function once. (An AFTER row trigger would queue every row before any call.)
-- A row then rejected aborts the transaction and its signal with it; a row skipped by ON CONFLICT
-- DO NOTHING or a later BEFORE trigger only causes a needless refresh. TRUNCATE has no rows: a
-- statement trigger signals it.
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
    EXECUTE format('CREATE OR REPLACE TRIGGER trefoil_live_truncate AFTER TRUNCATE ON %I.%I'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION trefoil.live_change(%L, %L)',
                   r.nspname, r.relname, r.oid::text, r.nspname || '.' || r.relname);
    EXECUTE format('CREATE OR REPLACE TRIGGER trefoil_live_change BEFORE INSERT OR UPDATE OR DELETE ON %I.%I'
                   ' FOR EACH ROW WHEN (current_setting(%L, true) IS DISTINCT FROM ''1'')'
                   ' EXECUTE FUNCTION trefoil.live_change(%L, %L)',
                   r.nspname, r.relname, 'trefoil_live.r' || r.oid::text, r.oid::text,
                   r.nspname || '.' || r.relname);
    created := created + 1;
  END LOOP;
  RETURN created;
END
$$;
