-- The dashboard's view of an order's workflow events: each event of a trigger on public.orders
-- with the order it is about (every workflow trigger's payload carries the order's id) and its
-- attempts from trefoil.invocations, so that one live query shows an order's timeline. In the
-- trefoil schema, so only the admin role sees it (as trefoil_order_events).
CREATE VIEW trefoil.order_events AS
SELECT e.id,
       (coalesce(e.data -> 'new', e.data -> 'old') ->> 'id')::uuid AS order_id,
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

-- The Orders page asks which of the orders it shows have a failing step. Only events whose last
-- attempt failed are in this index, so the workflow's normal path never writes to it (last_error
-- stays NULL, and an unchanged indexed column keeps the claim and completion updates HOT).
CREATE INDEX events_failing_order_idx
    ON trefoil.events (((coalesce(data -> 'new', data -> 'old') ->> 'id')::uuid))
 WHERE last_error IS NOT NULL AND schema_name = 'public' AND table_name = 'orders';

-- The Orders page's default order is newest first, a page of 200 at an offset; without this index
-- every refresh of that window sorts the whole table. created_at never changes, so the workflow's
-- status updates stay HOT; the cost is one index entry per order placed.
CREATE INDEX orders_created_idx ON public.orders (created_at DESC, id);
