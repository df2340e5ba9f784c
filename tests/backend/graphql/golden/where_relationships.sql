SELECT json_build_object('orders', (SELECT coalesce(json_agg(json_build_object('id', _1."id")), '[]'::json) AS "v" FROM (SELECT _1.* FROM "public"."orders" AS _1 WHERE ((EXISTS (SELECT 1 FROM "public"."items" AS _2 WHERE _2."order_id" = _1."id" AND _2."quantity" > $1::integer)) OR (EXISTS (SELECT 1 FROM "public"."restaurants" AS _3 WHERE _3."id" = _1."restaurant_id" AND _3."name" ILIKE $2::text))) AND NOT (_1."total" IS NULL)) AS _1)) AS "data"
-- $1 = 2
-- $2 = %sushi%
