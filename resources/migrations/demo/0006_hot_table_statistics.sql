-- When autovacuum first measures the tables every order writes to. Until a table has been vacuumed
-- or analyzed the planner assumes it has at least ten pages, so the workflow's lookups by key are
-- index scans. Measured while it holds a few rows (by default after 50 changes), a table is "one
-- page" to the planner: the prepared statements' generic plans become sequential scans, and they
-- are kept until the next measurement, which autovacuum takes at most once a minute — on a new
-- database, while hundreds of orders a second arrive. With a threshold of two thousand changes
-- (an order is one insert and four status changes; items, payments and assignments one insert
-- each) the first measurement sees enough pages for its statistics to lead to index plans; after
-- that the scale factors keep them current. (No ANALYZE here: measuring the empty tables would
-- record exactly the statistics to avoid.)
ALTER TABLE public.orders SET (autovacuum_vacuum_threshold = 2000, autovacuum_analyze_threshold = 2000,
    autovacuum_vacuum_insert_threshold = 2000);
ALTER TABLE public.items SET (autovacuum_vacuum_threshold = 2000, autovacuum_analyze_threshold = 2000,
    autovacuum_vacuum_insert_threshold = 2000);
ALTER TABLE public.payments SET (autovacuum_vacuum_threshold = 2000, autovacuum_analyze_threshold = 2000,
    autovacuum_vacuum_insert_threshold = 2000);
ALTER TABLE public.assignments SET (autovacuum_vacuum_threshold = 2000, autovacuum_analyze_threshold = 2000,
    autovacuum_vacuum_insert_threshold = 2000);
