-- Every order changes status four times in well under a second. An index on status makes each of
-- those changes a non-HOT update that inserts into every index of the table (the random uuid
-- primary key included) and leaves dead entries behind; without it, and with free space on each
-- page for the new row versions, the status changes are HOT updates that touch no index. A status
-- has eight values, so the index only ever helped to find the rare ones; the dashboard's
-- per-status counts scan the table either way.
DROP INDEX IF EXISTS public.orders_status_idx;
ALTER TABLE public.orders SET (fillfactor = 50);
