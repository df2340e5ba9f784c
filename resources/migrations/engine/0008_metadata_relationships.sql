-- Relationships defined through Hasura's metadata API (pg_create_object_relationship,
-- pg_create_array_relationship, pg_rename_relationship, pg_drop_relationship). Automatic
-- relationships from foreign keys are not stored: the schema derives them on every build.
--
-- `definition` is Hasura's `using` object as given ({"foreign_key_constraint_on": …} or
-- {"manual_configuration": {"remote_table", "column_mapping"}}), so export_metadata returns it
-- unchanged. A change notifies trefoil_schema in its transaction: every process rebuilds its schema.
CREATE TABLE trefoil.relationships (
    table_schema text NOT NULL,
    table_name   text NOT NULL,
    name         text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('object', 'array')),
    definition   jsonb NOT NULL,
    comment      text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (table_schema, table_name, name)
);

-- Tables hidden from the GraphQL schema by pg_untrack_table (Hasura tracks tables one by one;
-- Trefoil tracks every table of the exposed schemas unless it is listed here). pg_track_table
-- removes the row.
CREATE TABLE trefoil.untracked_tables (
    table_schema text NOT NULL,
    table_name   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (table_schema, table_name)
);
