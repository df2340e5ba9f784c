SELECT json_build_object('orders', (SELECT coalesce(json_agg(json_build_object('id', _1."id")), '[]'::json) AS "v" FROM (SELECT _1.* FROM "public"."orders" AS _1 WHERE NOT (((EXISTS (SELECT 1 FROM "public"."items" AS _2 WHERE _2."order_id" = _1."id" AND ((_2."quantity" = ANY(($1::text[])::integer[])) AND (NOT (_2."id" = ANY(($2::text[])::integer[])))))) OR (EXISTS (SELECT 1 FROM "public"."restaurants" AS _3 WHERE _3."id" = _1."restaurant_id" AND _3."is_open" = ANY(($3::text[])::boolean[]) AND _3."name" IS NOT NULL)))) AND NOT (_1."id" = ANY(($4::text[])::uuid[])) AND _1."created_at" = ANY(($5::text[])::timestamp with time zone[])) AS _1), 'profiles', (SELECT coalesce(json_agg(json_build_object('id', _4."id")), '[]'::json) AS "v" FROM (SELECT _4.* FROM "public"."profiles" AS _4 WHERE NOT (_4."active" = ANY(($6::text[])::boolean[])) AND _4."ref" IS NULL AND NOT (_4."attrs" = ANY(($7::text[])::jsonb[]))) AS _4)) AS "data"
-- $1 = 1,2
-- $2 = 3
-- $3 = true
-- $4 = 6f1c2a52-1d1b-4b8e-9f43-2a8f3f1f0d11
-- $5 = 2026-01-01T00:00:00Z
-- $6 = false
-- $7 = {}
