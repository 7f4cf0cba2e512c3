CREATE SCHEMA "admissions";
--> statement-breakpoint
CREATE TYPE "admissions"."application_category" AS ENUM('PRIORITY', 'TERRITORY', 'OTHER');--> statement-breakpoint
CREATE TYPE "admissions"."application_kind" AS ENUM('FIRST_GRADE', 'TENTH_GRADE', 'TRANSFER', 'KINDERGARTEN', 'CAMP', 'COLLEGE');--> statement-breakpoint
CREATE TYPE "admissions"."application_source" AS ENUM('EPGU', 'IN_PERSON', 'REGIONAL_PORTAL');--> statement-breakpoint
CREATE TYPE "admissions"."application_status" AS ENUM('SUBMITTED', 'UNDER_REVIEW', 'DOCUMENTS_REQUESTED', 'ACCEPTED', 'DIRECTED', 'ENROLLED', 'REJECTED', 'WITHDRAWN');--> statement-breakpoint
CREATE TABLE "admissions"."application_choices" (
	"application_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"preference" smallint NOT NULL,
	CONSTRAINT "application_choices_application_id_preference_pk" PRIMARY KEY("application_id","preference")
);
--> statement-breakpoint
CREATE TABLE "admissions"."applications" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"kind" "admissions"."application_kind" NOT NULL,
	"year" smallint NOT NULL,
	"child_id" uuid,
	"child_last_name" text NOT NULL,
	"child_first_name" text NOT NULL,
	"child_middle_name" text,
	"child_birth_date" date NOT NULL,
	"applicant_id" uuid NOT NULL,
	"source" "admissions"."application_source" NOT NULL,
	"epgu_number" text,
	"registered_at" timestamp with time zone NOT NULL,
	"category" "admissions"."application_category" NOT NULL,
	"priority_rights" text[] DEFAULT '{}'::text[] NOT NULL,
	"residence_address" text,
	"birth_certificate_series" text,
	"birth_certificate_number" text,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"comment" text,
	"status" "admissions"."application_status" DEFAULT 'SUBMITTED' NOT NULL,
	"directed_organization_id" uuid,
	"enrolment_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admissions"."campaigns" (
	"year" smallint PRIMARY KEY NOT NULL,
	"priority_from" date NOT NULL,
	"priority_to" date NOT NULL,
	"direction_not_before" date NOT NULL,
	"other_from" date NOT NULL,
	"other_to" date NOT NULL,
	"order_working_days" smallint DEFAULT 3 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admissions"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_error" text,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "admissions"."places" (
	"organization_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"kind" "admissions"."application_kind" NOT NULL,
	"total" integer NOT NULL,
	CONSTRAINT "places_organization_id_year_kind_pk" PRIMARY KEY("organization_id","year","kind"),
	CONSTRAINT "places_total" CHECK ("admissions"."places"."total" >= 0)
);
--> statement-breakpoint
CREATE TABLE "admissions"."queue_positions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"previous_position" integer,
	"reason" text NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admissions"."status_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"from_status" "admissions"."application_status",
	"to_status" "admissions"."application_status" NOT NULL,
	"reason" text,
	"changed_by" uuid,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admissions"."territories" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"organization_id" uuid NOT NULL,
	"street" text NOT NULL,
	"house_from" integer NOT NULL,
	"house_to" integer NOT NULL,
	"parity" text,
	CONSTRAINT "territories_range" CHECK ("admissions"."territories"."house_from" <= "admissions"."territories"."house_to")
);
--> statement-breakpoint
ALTER TABLE "admissions"."application_choices" ADD CONSTRAINT "application_choices_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "admissions"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissions"."outbox" ADD CONSTRAINT "outbox_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "admissions"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissions"."queue_positions" ADD CONSTRAINT "queue_positions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "admissions"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissions"."status_history" ADD CONSTRAINT "status_history_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "admissions"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "application_choices_organization_key" ON "admissions"."application_choices" USING btree ("application_id","organization_id");--> statement-breakpoint
CREATE INDEX "application_choices_organization_idx" ON "admissions"."application_choices" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_epgu_number_key" ON "admissions"."applications" USING btree ("epgu_number") WHERE "admissions"."applications"."epgu_number" is not null;--> statement-breakpoint
CREATE INDEX "applications_child_idx" ON "admissions"."applications" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "applications_applicant_idx" ON "admissions"."applications" USING btree ("applicant_id");--> statement-breakpoint
CREATE INDEX "applications_directed_idx" ON "admissions"."applications" USING btree ("directed_organization_id","status");--> statement-breakpoint
CREATE INDEX "applications_birth_certificate_idx" ON "admissions"."applications" USING btree ("birth_certificate_number");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "admissions"."outbox" USING btree ("next_attempt_at") WHERE "admissions"."outbox"."delivered_at" is null;--> statement-breakpoint
CREATE INDEX "queue_positions_application_idx" ON "admissions"."queue_positions" USING btree ("application_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_positions_current_key" ON "admissions"."queue_positions" USING btree ("application_id","organization_id") WHERE "admissions"."queue_positions"."current";--> statement-breakpoint
CREATE INDEX "status_history_application_idx" ON "admissions"."status_history" USING btree ("application_id","changed_at");--> statement-breakpoint
CREATE INDEX "territories_street_idx" ON "admissions"."territories" USING btree ("street");