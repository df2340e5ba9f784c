-- update_orders_by_pk
WITH "_upd" AS (UPDATE "public"."orders" AS _1 SET "status" = $1::text WHERE _1."id" = $2::uuid RETURNING _1.*) SELECT (SELECT json_build_object('id', _2."id", 'status', _2."status") FROM "_upd" AS _2 LIMIT 1) AS "v"
-- $1 = paid
-- $2 = 6f1c2a52-1d1b-4b8e-9f43-2a8f3f1f0d11
