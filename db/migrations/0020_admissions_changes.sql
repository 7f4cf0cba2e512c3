CREATE TABLE "admissions"."changes" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "admissions"."changes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"entity" text NOT NULL,
	"kind" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"organization_id" uuid,
	"person_id" uuid,
	"class_id" uuid,
	"reason" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "changes_entity_version_idx" ON "admissions"."changes" USING btree ("entity","txid","seq");