-- When autovacuum first measures trefoil.events. Until a table has been vacuumed or analyzed the
-- planner assumes it has at least ten pages, which makes the workers' claims and completions
-- index lookups. Measured while it holds a few rows, the table is "one page" to the planner: the
-- prepared statements' generic plans become sequential scans, and they are kept until the next
-- measurement, which autovacuum takes at most once a minute — on a new database, while the table
-- grows by thousands of events a second. Every event is written three times (insert, claim,
-- completion), so two thousand changes are several hundred events, enough pages for the measured
-- statistics to lead to index plans; after that the existing scale factors keep them current.
-- (No ANALYZE here: measuring the empty table would record exactly the statistics to avoid.)
ALTER TABLE trefoil.events SET (autovacuum_vacuum_threshold = 2000, autovacuum_analyze_threshold = 2000,
    autovacuum_vacuum_insert_threshold = 2000);
