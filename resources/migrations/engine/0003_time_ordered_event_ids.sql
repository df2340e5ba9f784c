-- Event ids ordered by time (the layout of UUID version 7: 48 bits of milliseconds, then random
-- bits). Random ids scatter every insert over the whole primary key index: each one touches a
-- different leaf page, which after every checkpoint costs a full-page image in the WAL. Ordered
-- ids append at the index's right edge, as a queue's inserts should.
CREATE FUNCTION trefoil.uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
           PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
           FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$;

ALTER TABLE trefoil.events ALTER COLUMN id SET DEFAULT trefoil.uuid_v7();
