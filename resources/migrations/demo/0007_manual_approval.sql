-- Restaurants that approve orders by hand (the restaurant's view in the dashboard): the
-- restaurant-approval step leaves their paid orders waiting, and public.approve_order() or
-- public.reject_order() decides. The demo gets one such restaurant, as restaurant 3 pays by hand.

ALTER TABLE public.restaurants
    ADD COLUMN approval_mode text NOT NULL DEFAULT 'automatic' CHECK (approval_mode IN ('automatic', 'manual'));

INSERT INTO public.restaurants (id, name, payment_mode, approval_mode) VALUES
    (5, 'Curry Corner', 'automatic', 'manual');
SELECT setval(pg_get_serial_sequence('public.restaurants', 'id'), 5);

INSERT INTO public.menu_items (restaurant_id, name, price, available) VALUES
    (5, 'Chicken tikka masala', 12.50, true),
    (5, 'Dal makhani', 9.00, true),
    (5, 'Garlic naan', 3.00, true),
    (5, 'Mango lassi', 4.00, true);

-- Approves a paid order (any restaurant's, typically one whose approval_mode is 'manual').
-- Idempotent: an order already approved or further on is returned unchanged. Returns the order,
-- so a GraphQL layer can expose it as a mutation.
CREATE FUNCTION public.approve_order(order_id uuid)
RETURNS SETOF public.orders LANGUAGE plpgsql VOLATILE AS $trefoil$
#variable_conflict use_column
DECLARE
    o public.orders;
BEGIN
    SELECT * INTO o FROM public.orders WHERE id = approve_order.order_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'order % does not exist', approve_order.order_id USING ERRCODE = 'no_data_found';
    END IF;
    IF o.status = 'paid' THEN
        UPDATE public.orders SET status = 'approved', status_reason = NULL, approved_at = clock_timestamp()
         WHERE id = o.id RETURNING * INTO o;
    ELSIF o.status NOT IN ('approved', 'agent_assigned') THEN
        RAISE EXCEPTION 'order % is %, not awaiting approval', o.id, o.status
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'an order can be approved once it is paid, and not after it was rejected';
    END IF;
    RETURN NEXT o;
END
$trefoil$;

-- Rejects a paid order with a reason a person can read; its payment is refunded, as when the
-- restaurant-approval step declines. Idempotent: a rejected order is returned unchanged.
CREATE FUNCTION public.reject_order(order_id uuid, reason text DEFAULT NULL)
RETURNS SETOF public.orders LANGUAGE plpgsql VOLATILE AS $trefoil$
#variable_conflict use_column
DECLARE
    o public.orders;
    restaurant text;
BEGIN
    SELECT * INTO o FROM public.orders WHERE id = reject_order.order_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'order % does not exist', reject_order.order_id USING ERRCODE = 'no_data_found';
    END IF;
    IF o.status = 'paid' THEN
        SELECT r.name INTO restaurant FROM public.restaurants r WHERE r.id = o.restaurant_id;
        UPDATE public.payments SET refunded_at = clock_timestamp()
         WHERE order_id = o.id AND status = 'succeeded' AND refunded_at IS NULL;
        UPDATE public.orders
           SET status = 'rejected',
               status_reason = restaurant || ' declined the order'
                   || coalesce(': ' || nullif(btrim(reject_order.reason), ''), ''),
               finished_at = clock_timestamp()
         WHERE id = o.id RETURNING * INTO o;
    ELSIF o.status <> 'rejected' THEN
        RAISE EXCEPTION 'order % is %, not awaiting approval', o.id, o.status
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'an order can be rejected once it is paid, and not after it was approved';
    END IF;
    RETURN NEXT o;
END
$trefoil$;
