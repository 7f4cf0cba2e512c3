CREATE SCHEMA IF NOT EXISTS "analytics";
--> statement-breakpoint
CREATE TABLE "analytics"."saved_reports" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"owner_id" uuid NOT NULL,
	"title" text NOT NULL,
	"definition" jsonb NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"scope_region" boolean NOT NULL,
	"scope_municipality_ids" uuid[] NOT NULL,
	"scope_organization_ids" uuid[] NOT NULL,
	"scope_organization_municipality_ids" uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_reports_title" CHECK (char_length("analytics"."saved_reports"."title") between 1 and 200)
);
--> statement-breakpoint
CREATE INDEX "saved_reports_owner_idx" ON "analytics"."saved_reports" USING btree ("owner_id","updated_at");--> statement-breakpoint
CREATE INDEX "saved_reports_shared_idx" ON "analytics"."saved_reports" USING btree ("updated_at") WHERE "analytics"."saved_reports"."shared";