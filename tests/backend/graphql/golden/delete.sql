-- delete_items
WITH "_del" AS (DELETE FROM "public"."items" AS _1 WHERE EXISTS (SELECT 1 FROM "public"."orders" AS _2 WHERE _2."id" = _1."order_id" AND _2."user_id" = $1::text) RETURNING _1.*) SELECT json_build_object('affected_rows', (SELECT count(*) FROM "_del")) AS "v"
-- $1 = x'; DROP TABLE items; --
-- delete_orders_by_pk
WITH "_del" AS (DELETE FROM "public"."orders" AS _1 WHERE _1."id" = $1::uuid RETURNING _1.*) SELECT (SELECT json_build_object('id', _2."id") FROM "_del" AS _2 LIMIT 1) AS "v"
-- $1 = 6f1c2a52-1d1b-4b8e-9f43-2a8f3f1f0d11
