CREATE TABLE "learning"."mart_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "learning"."mart_batches_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" uuid NOT NULL,
	"from_cursor" text NOT NULL,
	"to_cursor" text NOT NULL,
	"records" jsonb NOT NULL,
	"record_count" integer NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"accepted_count" integer,
	"refusals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning"."mart_cursors" (
	"feed" text PRIMARY KEY NOT NULL,
	"cursor" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning"."mart_withdrawn" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"withdrawn_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "mart_batches_due_idx" ON "learning"."mart_batches" USING btree ("next_attempt_at") WHERE "learning"."mart_batches"."status" = 'PENDING';--> statement-breakpoint
CREATE INDEX "mart_batches_organization_idx" ON "learning"."mart_batches" USING btree ("organization_id","seq");