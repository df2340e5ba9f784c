-- insert_orders_one
WITH "_ins1" AS (INSERT INTO "public"."orders" AS _1 ("user_id", "restaurant_id") SELECT $1::text, $2::integer RETURNING _1.*), "_ins2" AS (INSERT INTO "public"."items" AS _2 ("menu_item_id", "quantity", "order_id") SELECT $3::integer, $4::integer, "_ins1"."id" FROM "_ins1" RETURNING _2.*), "_ins3" AS (INSERT INTO "public"."menu_items" AS _3 ("restaurant_id", "name", "price") SELECT $5::integer, $6::text, $7::numeric RETURNING _3.*), "_ins4" AS (INSERT INTO "public"."items" AS _4 ("menu_item_id", "quantity", "order_id") SELECT "_ins3"."id", $8::integer, "_ins1"."id" FROM "_ins3", "_ins1" RETURNING _4.*) SELECT (SELECT json_build_object('id', _5."id") FROM "_ins1" AS _5 LIMIT 1) AS "v"
-- $1 = a
-- $2 = 1
-- $3 = 1
-- $4 = 2
-- $5 = 1
-- $6 = New
-- $7 = 3
-- $8 = 1
