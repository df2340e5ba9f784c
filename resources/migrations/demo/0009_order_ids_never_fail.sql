-- The order an event is about was read with a plain ::uuid cast, in the view trefoil.order_events
-- and in the partial index events_failing_order_idx. An event of a trigger on public.orders whose
-- payload carries no uuid "id" (a manual invocation with a hand-written payload, a trigger whose
-- payload columns leave out the id) then broke things it has nothing to do with: once it failed,
-- the index expression raised "invalid input syntax for type uuid" inside the worker's completion
-- statement, so its whole batch rolled back and was retried for ever, and any read of the view
-- over it failed the Orders page. Such an event now simply belongs to no order.
CREATE FUNCTION trefoil.order_id_of(data jsonb) RETURNS uuid
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $trefoil$
    SELECT CASE WHEN coalesce(data -> 'new', data -> 'old') ->> 'id'
                     ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                THEN (coalesce(data -> 'new', data -> 'old') ->> 'id')::uuid END
$trefoil$;

DROP INDEX trefoil.events_failing_order_idx;
CREATE INDEX events_failing_order_idx ON trefoil.events ((trefoil.order_id_of(data)))
 WHERE last_error IS NOT NULL AND schema_name = 'public' AND table_name = 'orders';

CREATE OR REPLACE VIEW trefoil.order_events AS
SELECT e.id,
       trefoil.order_id_of(e.data) AS order_id,
       e.trigger_name,
       e.op,
       e.status,
       e.tries,
       e.created_at,
       e.next_attempt_at,
       e.delivered_at,
       e.last_error,
       e.redelivered,
       e.locked_by,
       e.data AS payload,
       coalesce((SELECT json_agg(json_build_object('attempt', i.attempt, 'started_at', i.started_at,
                                                   'duration_ms', i.duration_ms, 'http_status', i.http_status,
                                                   'error', i.error, 'request', i.request,
                                                   'response', i.response)
                                 ORDER BY i.attempt, i.id)
                   FROM trefoil.invocations i
                  WHERE i.event_id = e.id), '[]'::json) AS attempts
  FROM trefoil.events e
 WHERE e.schema_name = 'public' AND e.table_name = 'orders';
