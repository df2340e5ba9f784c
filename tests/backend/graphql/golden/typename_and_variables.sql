SELECT json_build_object('__typename', $1::json, 'restaurants', (SELECT coalesce(json_agg(json_build_object('__typename', 'restaurants'::text, 'id', _1."id", 'menu_items_aggregate', _3."v")), '[]'::json) AS "v" FROM (SELECT _1.* FROM "public"."restaurants" AS _1 LIMIT $2::bigint) AS _1 LEFT JOIN LATERAL (SELECT json_build_object('aggregate', json_build_object('count', count(DISTINCT _2."price"))) AS "v" FROM (SELECT _2.* FROM "public"."menu_items" AS _2 WHERE _2."restaurant_id" = _1."id") AS _2) AS _3 ON true)) AS "data"
-- $1 = "query_root"
-- $2 = 3
