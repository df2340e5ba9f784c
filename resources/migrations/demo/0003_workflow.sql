-- The order workflow's own state: manual payments (pay_order), refunds when a restaurant declines a
-- paid order, and the fault-injection settings every worker process reads.

-- Set when restaurant-approval declines an order that was already paid.
ALTER TABLE public.payments ADD COLUMN refunded_at timestamptz;

-- Per-function fault injection (backend/functions/FaultInjector). A change NOTIFYs every process,
-- so an operator can break or heal a step at run time with plain SQL.
CREATE TABLE trefoil.function_faults (
    name         text PRIMARY KEY,
    failure_rate real NOT NULL DEFAULT 0 CHECK (failure_rate >= 0 AND failure_rate <= 1),
    latency_ms   integer NOT NULL DEFAULT 0 CHECK (latency_ms >= 0 AND latency_ms <= 600000),
    always_fail  boolean NOT NULL DEFAULT false,
    timeout      boolean NOT NULL DEFAULT false,  -- answer "simulated timeout" after the latency
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION trefoil.function_faults_changed() RETURNS trigger LANGUAGE plpgsql AS $trefoil$
BEGIN
    PERFORM pg_notify('trefoil_function_faults', coalesce(NEW.name, OLD.name));
    RETURN NULL;
END
$trefoil$;

CREATE TRIGGER function_faults_changed AFTER INSERT OR UPDATE OR DELETE ON trefoil.function_faults
    FOR EACH ROW EXECUTE FUNCTION trefoil.function_faults_changed();

-- Pays (accept) or declines a validated order of any restaurant, typically one whose payment_mode
-- is 'manual' (the payment step leaves those waiting). Idempotent: an order that already has a
-- payment is returned unchanged. Returns the order, so a GraphQL layer can expose it as a mutation.
CREATE FUNCTION public.pay_order(order_id uuid, accept boolean DEFAULT true)
RETURNS SETOF public.orders LANGUAGE plpgsql VOLATILE AS $trefoil$
#variable_conflict use_column
DECLARE
    o public.orders;
BEGIN
    SELECT * INTO o FROM public.orders WHERE id = pay_order.order_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'order % does not exist', pay_order.order_id USING ERRCODE = 'no_data_found';
    END IF;
    IF o.status = 'validated' THEN
        IF o.total IS NULL THEN
            RAISE EXCEPTION 'order % has no total to pay', o.id USING ERRCODE = 'check_violation';
        END IF;
        INSERT INTO public.payments (order_id, amount, status)
        VALUES (o.id, o.total, CASE WHEN pay_order.accept THEN 'succeeded' ELSE 'declined' END);
        IF pay_order.accept THEN
            UPDATE public.orders SET status = 'paid', status_reason = NULL, paid_at = clock_timestamp()
             WHERE id = o.id RETURNING * INTO o;
        ELSE
            UPDATE public.orders SET status = 'payment_declined', status_reason = 'the payment was declined',
                   finished_at = clock_timestamp()
             WHERE id = o.id RETURNING * INTO o;
        END IF;
    ELSIF NOT EXISTS (SELECT 1 FROM public.payments p WHERE p.order_id = o.id) THEN
        RAISE EXCEPTION 'order % is %, not awaiting payment', o.id, o.status
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'an order can be paid once it is validated';
    END IF;
    RETURN NEXT o;
END
$trefoil$;
