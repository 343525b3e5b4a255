-- Purges (design §6): a tombstone deletes the record's rows; their ids are kept here so that a
-- tablet that was offline cannot push a purged row back. Opaque ids only.
CREATE TABLE purged_rows (
  department_id uuid NOT NULL REFERENCES departments (id),
  kind text NOT NULL,
  row_id text NOT NULL,
  purged_at timestamptz NOT NULL,
  PRIMARY KEY (department_id, kind, row_id)
);
