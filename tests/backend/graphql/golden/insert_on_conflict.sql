-- insert_restaurants
WITH "_ins1" AS (INSERT INTO "public"."restaurants" AS _1 ("id", "name") SELECT $1::integer, $2::text ON CONFLICT ON CONSTRAINT "restaurants_pkey" DO UPDATE SET "name" = EXCLUDED."name" WHERE _1."is_open" = $3::boolean RETURNING _1.*), "_ins2" AS (INSERT INTO "public"."restaurants" AS _2 ("name") SELECT $4::text ON CONFLICT ON CONSTRAINT "restaurants_pkey" DO UPDATE SET "name" = EXCLUDED."name" WHERE _2."is_open" = $5::boolean RETURNING _2.*) SELECT json_build_object('affected_rows', (SELECT count(*) FROM "_ins1") + (SELECT count(*) FROM "_ins2"), 'returning', (SELECT coalesce(json_agg(json_build_object('id', _3."id", 'name', _3."name")), '[]'::json) FROM (SELECT * FROM "_ins1" UNION ALL SELECT * FROM "_ins2") AS _3)) AS "v"
-- $1 = 1
-- $2 = A
-- $3 = true
-- $4 = B
-- $5 = true
