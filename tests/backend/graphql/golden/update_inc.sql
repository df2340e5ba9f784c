-- update_orders
WITH "_upd" AS (UPDATE "public"."orders" AS _1 SET "status" = $1::text, "total" = _1."total" + $2::numeric WHERE _1."id" = $3::uuid RETURNING _1.*) SELECT json_build_object('affected_rows', (SELECT count(*) FROM "_upd")) AS "v"
-- $1 = paid
-- $2 = 1.5
-- $3 = 6f1c2a52-1d1b-4b8e-9f43-2a8f3f1f0d11
