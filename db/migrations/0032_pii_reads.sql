-- Hand-written (issue 14 §4): the personal-data access log, partitioned by month of read_at. drizzle-kit does
-- not describe partitioning, so db/src/pii-reads.ts is not in drizzle.config.ts and this file is the table.
CREATE TABLE "people"."pii_reads" (
  "id" uuid NOT NULL,
  "read_at" timestamp with time zone NOT NULL,
  "person_id" uuid NOT NULL,
  "reader_person_id" uuid,
  "service_account_id" uuid,
  "role" text NOT NULL,
  "organization_id" uuid,
  "municipality_id" uuid,
  "fields" text[] NOT NULL,
  "operation" text,
  CONSTRAINT "pii_reads_pkey" PRIMARY KEY ("id", "read_at"),
  CONSTRAINT "pii_reads_reader_check" CHECK (("reader_person_id" IS NULL) <> ("service_account_id" IS NULL))
) PARTITION BY RANGE ("read_at");
--> statement-breakpoint
CREATE INDEX "pii_reads_person_idx" ON "people"."pii_reads" USING btree ("person_id", "read_at");
--> statement-breakpoint
-- A read whose month has no partition yet lands here rather than failing the log's flush; creating that
-- month's partition moves such rows into it.
CREATE TABLE "people"."pii_reads_default" PARTITION OF "people"."pii_reads" DEFAULT;
--> statement-breakpoint
-- Creates the monthly partitions (UTC months) from first_month on, `months` of them; runs as the migration
-- owner (SECURITY DEFINER) so the people role needs no DDL rights. Idempotent.
CREATE FUNCTION "people"."ensure_pii_read_partitions"(first_month date, months integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = people, pg_temp SET "TimeZone" = 'UTC' AS $$
DECLARE
  starts timestamptz;
  partition_name text;
  created integer := 0;
BEGIN
  IF months < 0 OR months > 240 THEN
    RAISE EXCEPTION 'months % out of range', months;
  END IF;
  FOR i IN 0 .. months - 1 LOOP
    starts := date_trunc('month', first_month::timestamptz) + make_interval(months => i);
    partition_name := 'pii_reads_' || to_char(starts, 'YYYY_MM');
    CONTINUE WHEN to_regclass('people.' || partition_name) IS NOT NULL;
    CREATE TEMP TABLE IF NOT EXISTS pii_reads_moving (LIKE people.pii_reads) ON COMMIT DROP;
    WITH moved AS (
      DELETE FROM people.pii_reads_default WHERE read_at >= starts AND read_at < starts + interval '1 month'
      RETURNING *)
    INSERT INTO pii_reads_moving SELECT * FROM moved;
    EXECUTE format('CREATE TABLE people.%I PARTITION OF people.pii_reads FOR VALUES FROM (%L) TO (%L)',
      partition_name, starts, starts + interval '1 month');
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON people.%I FROM PUBLIC', partition_name);
    INSERT INTO people.pii_reads SELECT * FROM pii_reads_moving;
    TRUNCATE pii_reads_moving;
    created := created + 1;
  END LOOP;
  RETURN created;
END $$;
--> statement-breakpoint
-- The retention (docs/operations.md): drops every monthly partition that ends at or before keep_from, and
-- deletes the default partition's rows older than it. Returns the dropped partitions' names.
CREATE FUNCTION "people"."drop_pii_read_partitions"(keep_from timestamptz) RETURNS SETOF text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = people, pg_temp SET "TimeZone" = 'UTC' AS $$
DECLARE
  partition_name text;
BEGIN
  FOR partition_name IN
    SELECT c.relname FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'people.pii_reads'::regclass AND c.relname ~ '^pii_reads_[0-9]{4}_[0-9]{2}$'
      AND to_timestamp(substr(c.relname, 11), 'YYYY_MM') + interval '1 month' <= keep_from
    ORDER BY c.relname
  LOOP
    EXECUTE format('DROP TABLE people.%I', partition_name);
    RETURN NEXT partition_name;
  END LOOP;
  DELETE FROM people.pii_reads_default WHERE read_at < keep_from;
END $$;
--> statement-breakpoint
SELECT "people"."ensure_pii_read_partitions"(date '2026-01-01', 24);
--> statement-breakpoint
SELECT "people"."ensure_pii_read_partitions"(current_date, 4);
