-- A tablet's id is its own database id (issue 14 enrolment; design §3, "Where the built …
-- differs"): the author tablet in every sealed row's additional data, given by the tablet when
-- it creates the department or claims a code. Those ids have the row ids' syntax, not uuid's.
ALTER TABLE enrolments DROP CONSTRAINT enrolments_created_by_fkey;
ALTER TABLE rows DROP CONSTRAINT rows_author_tablet_fkey;
ALTER TABLE leases DROP CONSTRAINT leases_tablet_id_fkey;
ALTER TABLE push_receipts DROP CONSTRAINT push_receipts_tablet_id_fkey;

ALTER TABLE tablets ALTER COLUMN id TYPE text USING id::text;
ALTER TABLE enrolments ALTER COLUMN created_by TYPE text USING created_by::text;
ALTER TABLE rows ALTER COLUMN author_tablet TYPE text USING author_tablet::text;
ALTER TABLE leases ALTER COLUMN tablet_id TYPE text USING tablet_id::text;
ALTER TABLE push_receipts ALTER COLUMN tablet_id TYPE text USING tablet_id::text;

ALTER TABLE tablets ADD CONSTRAINT tablets_id_syntax CHECK (id ~ '^[A-Za-z0-9_.:-]{1,128}$');
ALTER TABLE enrolments ADD CONSTRAINT enrolments_created_by_fkey FOREIGN KEY (created_by) REFERENCES tablets (id);
ALTER TABLE rows ADD CONSTRAINT rows_author_tablet_fkey FOREIGN KEY (author_tablet) REFERENCES tablets (id);
ALTER TABLE leases ADD CONSTRAINT leases_tablet_id_fkey FOREIGN KEY (tablet_id) REFERENCES tablets (id);
ALTER TABLE push_receipts ADD CONSTRAINT push_receipts_tablet_id_fkey FOREIGN KEY (tablet_id) REFERENCES tablets (id);
