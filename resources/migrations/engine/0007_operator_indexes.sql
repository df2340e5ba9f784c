-- Indexes for the operator console's summaries (OperatorStats), so that a refresh reads what it
-- counts instead of scanning trefoil.events and trefoil.invocations whole: at 500 orders a second
-- they hold millions of rows within the hour, and the pages refresh every second or two.
--
-- Only the failure path pays for them. Every events index here is partial on a condition that a
-- delivered or freshly inserted event never meets (status 'dead' or 'cancelled', or a last_error):
-- PostgreSQL inserts an entry into a partial index only for a row version that satisfies its
-- predicate, so the insert of a pending event and its completion as delivered only evaluate the
-- predicates. The claim (UPDATE of locked_by, tries, locked_until) stays a HOT update: HOT is lost
-- only when a column used by an index, in its keys or in its predicate, changes, and these use
-- trigger_name, created_at, status and last_error, none of which a claim writes. (The completion
-- changes status, which events_due_idx's predicate already uses, so it was never HOT.)

-- Dead events per trigger, newest last: the console's dead counts and dead-event lists. An event
-- becomes dead only after its last failed attempt.
CREATE INDEX events_dead_idx ON trefoil.events (trigger_name, created_at) WHERE status = 'dead';
-- Cancelled events: only an operator's cancel writes them.
CREATE INDEX events_cancelled_idx ON trefoil.events (trigger_name, created_at) WHERE status = 'cancelled';
-- Events with an error (retrying or dead, whatever the status): the failure groups and the
-- error_contains/fingerprint filters. A delivery clears last_error, so a delivered event leaves it.
CREATE INDEX events_error_idx ON trefoil.events (trigger_name, created_at) WHERE last_error IS NOT NULL;

-- The invocation log is append-only and written in started_at order (give or take an attempt's
-- duration), so a block-range index finds a recent window's rows for the trigger and function
-- statistics. A BRIN insert touches at most one summary tuple, and only when the new value widens
-- its range; autosummarize lets autovacuum summarise each filled range in the background, so the
-- window's scan does not have to read the unsummarised tail of a table that is never updated.
CREATE INDEX invocations_started_brin ON trefoil.invocations USING brin (started_at)
    WITH (autosummarize = on);
