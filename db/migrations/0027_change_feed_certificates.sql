CREATE TABLE "people"."changes_horizon" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"txid" "xid8" NOT NULL,
	"seq" bigint NOT NULL,
	"pruned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "changes_horizon_single_row" CHECK ("people"."changes_horizon"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "learning"."changes_horizon" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"txid" "xid8" NOT NULL,
	"seq" bigint NOT NULL,
	"pruned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "changes_horizon_single_row" CHECK ("learning"."changes_horizon"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "admissions"."changes_horizon" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"txid" "xid8" NOT NULL,
	"seq" bigint NOT NULL,
	"pruned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "changes_horizon_single_row" CHECK ("admissions"."changes_horizon"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "extra_education"."changes" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "extra_education"."changes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"entity" text NOT NULL,
	"kind" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"organization_id" uuid,
	"municipality_id" uuid,
	"person_id" uuid,
	"class_id" uuid,
	"reason" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "extra_education"."changes_horizon" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"txid" "xid8" NOT NULL,
	"seq" bigint NOT NULL,
	"pruned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "changes_horizon_single_row" CHECK ("extra_education"."changes_horizon"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "people"."changes" ADD COLUMN "municipality_id" uuid;--> statement-breakpoint
ALTER TABLE "learning"."changes" ADD COLUMN "municipality_id" uuid;--> statement-breakpoint
ALTER TABLE "admissions"."changes" ADD COLUMN "municipality_id" uuid;--> statement-breakpoint
CREATE INDEX "changes_entity_version_idx" ON "extra_education"."changes" USING btree ("entity","txid","seq");