CREATE TABLE "people"."changes" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "people"."changes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
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
CREATE TABLE "people"."operation_manifests" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"service_account_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"manifest" jsonb NOT NULL,
	"registered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"activated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "learning"."changes" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "learning"."changes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
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
ALTER TABLE "people"."operation_manifests" ADD CONSTRAINT "operation_manifests_service_account_id_service_accounts_id_fk" FOREIGN KEY ("service_account_id") REFERENCES "people"."service_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "changes_entity_version_idx" ON "people"."changes" USING btree ("entity","txid","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "operation_manifests_version_key" ON "people"."operation_manifests" USING btree ("service_account_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "operation_manifests_active_key" ON "people"."operation_manifests" USING btree ("service_account_id") WHERE "people"."operation_manifests"."active";--> statement-breakpoint
CREATE INDEX "changes_entity_version_idx" ON "learning"."changes" USING btree ("entity","txid","seq");--> statement-breakpoint
CREATE INDEX "changes_entity_version_idx" ON "admissions"."changes" USING btree ("entity","txid","seq");