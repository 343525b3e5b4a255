-- The department server's first schema (docs/design/department-sync.md §4).
-- Zero knowledge: sealed rows are bytea the server never parses; ids are opaque; the only
-- clear facts are kinds, revisions, tablet ids, times, the per-department sequence and the
-- department's blind-index HMACs.

CREATE TABLE departments (
  id uuid PRIMARY KEY,
  created_at timestamptz NOT NULL
);

CREATE TABLE department_seq (
  department_id uuid PRIMARY KEY REFERENCES departments (id),
  last_seq bigint NOT NULL DEFAULT 0
);

CREATE TABLE tablets (
  id uuid PRIMARY KEY,
  department_id uuid NOT NULL REFERENCES departments (id),
  credential_sha256 bytea NOT NULL UNIQUE,
  enrolled_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE TABLE enrolments (
  token_sha256 bytea PRIMARY KEY,
  department_id uuid NOT NULL REFERENCES departments (id),
  created_by uuid NOT NULL REFERENCES tablets (id),
  package bytea NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE rows (
  department_id uuid NOT NULL REFERENCES departments (id),
  kind text NOT NULL CHECK (kind IN ('attendance', 'summary', 'letter-version', 'draft', 'liaison-review', 'audit-event', 'staff', 'settings', 'stub', 'tombstone')),
  row_id text NOT NULL,
  revision integer NOT NULL CHECK (revision >= 1),
  author_tablet uuid NOT NULL REFERENCES tablets (id),
  seq bigint NOT NULL,
  sealed bytea NOT NULL,
  nhs_index text,
  name_dob_index text,
  signed boolean NOT NULL DEFAULT false,
  chain_seq integer,
  size integer NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (department_id, kind, row_id, revision)
);
CREATE UNIQUE INDEX rows_department_seq ON rows (department_id, seq);
CREATE INDEX rows_kind_row_id ON rows (kind, row_id);
CREATE INDEX rows_audit_chain ON rows (department_id, author_tablet, chain_seq) WHERE kind = 'audit-event';

CREATE TABLE leases (
  department_id uuid NOT NULL REFERENCES departments (id),
  row_id text NOT NULL,
  tablet_id uuid NOT NULL REFERENCES tablets (id),
  holder text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (department_id, row_id)
);

CREATE TABLE push_receipts (
  department_id uuid NOT NULL REFERENCES departments (id),
  tablet_id uuid NOT NULL REFERENCES tablets (id),
  request_id uuid NOT NULL,
  result text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (department_id, tablet_id, request_id)
);
CREATE INDEX push_receipts_at ON push_receipts (at);
