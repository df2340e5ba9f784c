SELECT json_build_object('orders', (SELECT coalesce(json_agg(json_build_object('id', _1."id")), '[]'::json) AS "v" FROM (SELECT _1.* FROM "public"."orders" AS _1 WHERE (SELECT count(DISTINCT _2."menu_item_id") FROM "public"."items" AS _2 WHERE _2."order_id" = _1."id" AND _2."quantity" > $1::integer) > $2::bigint) AS _1), 'restaurants', (SELECT coalesce(json_agg(json_build_object('id', _3."id")), '[]'::json) AS "v" FROM (SELECT _3.* FROM "public"."restaurants" AS _3 WHERE (((SELECT count(*) FROM "public"."menu_items" AS _4 WHERE _4."restaurant_id" = _3."id") = $3::bigint) OR ((SELECT count(ROW(_5."total", _5."user_id")) FROM "public"."orders" AS _5 WHERE _5."restaurant_id" = _3."id" AND (SELECT count(*) FROM "public"."items" AS _6 WHERE _6."order_id" = _5."id") < $4::bigint) >= $5::bigint))) AS _3)) AS "data"
-- $1 = 1
-- $2 = 2
-- $3 = 0
-- $4 = 3
-- $5 = 1
