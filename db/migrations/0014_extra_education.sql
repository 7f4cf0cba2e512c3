CREATE SCHEMA IF NOT EXISTS "extra_education";
--> statement-breakpoint
CREATE TYPE "extra_education"."application_status" AS ENUM('SUBMITTED', 'ACCEPTED', 'REFUSED', 'WITHDRAWN', 'ENROLLED');--> statement-breakpoint
CREATE TYPE "extra_education"."certificate_status" AS ENUM('FROZEN', 'ACTUAL');--> statement-breakpoint
CREATE TYPE "extra_education"."ledger_kind" AS ENUM('CREDIT', 'RESERVE', 'CHARGE', 'RELEASE');--> statement-breakpoint
CREATE TYPE "extra_education"."payment_method" AS ENUM('BUDGET', 'PAID', 'CERTIFICATE');--> statement-breakpoint
CREATE TYPE "extra_education"."programme_direction" AS ENUM('TECHNICAL', 'NATURAL_SCIENCE', 'PHYSICAL_SPORTS', 'ARTS', 'TOURISM_LOCAL_HISTORY', 'SOCIAL_HUMANITARIAN');--> statement-breakpoint
CREATE TYPE "extra_education"."programme_status" AS ENUM('DRAFT', 'PUBLISHED', 'ARCHIVED');--> statement-breakpoint
CREATE TYPE "extra_education"."source" AS ENUM('CABINET', 'EPGU', 'IN_PERSON');--> statement-breakpoint
CREATE TABLE "extra_education"."application_status_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"from_status" "extra_education"."application_status",
	"to_status" "extra_education"."application_status" NOT NULL,
	"reason" text,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "extra_education"."applications" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"group_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"applicant_id" uuid,
	"source" "extra_education"."source" NOT NULL,
	"payment_method" "extra_education"."payment_method",
	"status" "extra_education"."application_status" DEFAULT 'SUBMITTED' NOT NULL,
	"refusal_reason" text,
	"epgu_number" text,
	"intake_account_id" uuid,
	"intake_content_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_refusal" CHECK ("extra_education"."applications"."status" <> 'REFUSED' or "extra_education"."applications"."refusal_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "extra_education"."certificate_status_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"certificate_id" uuid NOT NULL,
	"status" "extra_education"."certificate_status" NOT NULL,
	"reason" text NOT NULL,
	"contract_id" uuid,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "extra_education"."certificates" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"person_id" uuid NOT NULL,
	"code" text NOT NULL,
	"issued_on" date NOT NULL,
	"source" "extra_education"."source" NOT NULL,
	"epgu_number" text,
	"applicant_id" uuid,
	"municipality_id" uuid NOT NULL,
	"intake_account_id" uuid,
	"intake_content_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_person_key" UNIQUE("person_id"),
	CONSTRAINT "certificates_code_key" UNIQUE("code"),
	CONSTRAINT "certificates_code_format" CHECK ("extra_education"."certificates"."code" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
CREATE TABLE "extra_education"."contracts" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"application_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"payment_method" "extra_education"."payment_method" NOT NULL,
	"certificate_id" uuid,
	"price_per_month" numeric(12, 2) NOT NULL,
	"concluded_on" date NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_application_key" UNIQUE("application_id"),
	CONSTRAINT "contracts_certificate" CHECK (("extra_education"."contracts"."payment_method" = 'CERTIFICATE') = ("extra_education"."contracts"."certificate_id" is not null)),
	CONSTRAINT "contracts_end" CHECK (("extra_education"."contracts"."ended_on" is null) = ("extra_education"."contracts"."end_reason" is null)),
	CONSTRAINT "contracts_dates" CHECK ("extra_education"."contracts"."ended_on" is null or "extra_education"."contracts"."ended_on" >= "extra_education"."contracts"."concluded_on")
);
--> statement-breakpoint
CREATE TABLE "extra_education"."funding_periods" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"norm_per_certificate" numeric(12, 2) NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_periods_dates" CHECK ("extra_education"."funding_periods"."starts_on" <= "extra_education"."funding_periods"."ends_on"),
	CONSTRAINT "funding_periods_norm" CHECK ("extra_education"."funding_periods"."norm_per_certificate" > 0)
);
--> statement-breakpoint
CREATE TABLE "extra_education"."groups" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"programme_id" uuid NOT NULL,
	"name" text NOT NULL,
	"teacher_id" uuid,
	"schedule" text DEFAULT '' NOT NULL,
	"capacity" smallint NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "groups_capacity" CHECK ("extra_education"."groups"."capacity" > 0),
	CONSTRAINT "groups_period" CHECK ("extra_education"."groups"."starts_on" <= "extra_education"."groups"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "extra_education"."ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"certificate_id" uuid NOT NULL,
	"kind" "extra_education"."ledger_kind" NOT NULL,
	"amount" numeric(12, 2) NOT NULL,
	"period_id" uuid NOT NULL,
	"contract_id" uuid,
	"month" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_amount" CHECK ("extra_education"."ledger_entries"."amount" > 0),
	CONSTRAINT "ledger_contract" CHECK (("extra_education"."ledger_entries"."kind" = 'CREDIT') = ("extra_education"."ledger_entries"."contract_id" is null)),
	CONSTRAINT "ledger_month" CHECK (("extra_education"."ledger_entries"."kind" = 'CHARGE') = ("extra_education"."ledger_entries"."month" is not null))
);
--> statement-breakpoint
CREATE TABLE "extra_education"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contract_id" uuid NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "extra_education"."programmes" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"direction" "extra_education"."programme_direction" NOT NULL,
	"age_from" smallint NOT NULL,
	"age_to" smallint NOT NULL,
	"duration_months" smallint NOT NULL,
	"hours" integer NOT NULL,
	"municipality_id" uuid NOT NULL,
	"address" text,
	"price_per_month" numeric(12, 2) DEFAULT '0' NOT NULL,
	"funding" "extra_education"."payment_method"[] NOT NULL,
	"status" "extra_education"."programme_status" DEFAULT 'DRAFT' NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programmes_ages" CHECK ("extra_education"."programmes"."age_from" >= 0 and "extra_education"."programmes"."age_from" <= "extra_education"."programmes"."age_to" and "extra_education"."programmes"."age_to" <= 18),
	CONSTRAINT "programmes_duration" CHECK ("extra_education"."programmes"."duration_months" > 0 and "extra_education"."programmes"."hours" > 0),
	CONSTRAINT "programmes_price" CHECK ("extra_education"."programmes"."price_per_month" >= 0),
	CONSTRAINT "programmes_funding" CHECK (cardinality("extra_education"."programmes"."funding") > 0)
);
--> statement-breakpoint
ALTER TABLE "extra_education"."application_status_history" ADD CONSTRAINT "application_status_history_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "extra_education"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extra_education"."applications" ADD CONSTRAINT "applications_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "extra_education"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extra_education"."certificate_status_changes" ADD CONSTRAINT "certificate_status_changes_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "extra_education"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extra_education"."contracts" ADD CONSTRAINT "contracts_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "extra_education"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extra_education"."contracts" ADD CONSTRAINT "contracts_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "extra_education"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extra_education"."contracts" ADD CONSTRAINT "contracts_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "extra_education"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extra_education"."groups" ADD CONSTRAINT "groups_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "extra_education"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extra_education"."ledger_entries" ADD CONSTRAINT "ledger_entries_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "extra_education"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extra_education"."ledger_entries" ADD CONSTRAINT "ledger_entries_period_id_funding_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "extra_education"."funding_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extra_education"."ledger_entries" ADD CONSTRAINT "ledger_entries_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "extra_education"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extra_education"."outbox" ADD CONSTRAINT "outbox_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "extra_education"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_status_history_application_idx" ON "extra_education"."application_status_history" USING btree ("application_id","changed_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_epgu_number_key" ON "extra_education"."applications" USING btree ("epgu_number") WHERE "extra_education"."applications"."epgu_number" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "applications_open_key" ON "extra_education"."applications" USING btree ("group_id","child_id") WHERE "extra_education"."applications"."status" in ('SUBMITTED', 'ACCEPTED');--> statement-breakpoint
CREATE INDEX "applications_group_idx" ON "extra_education"."applications" USING btree ("group_id","status");--> statement-breakpoint
CREATE INDEX "applications_organization_idx" ON "extra_education"."applications" USING btree ("organization_id","status","created_at");--> statement-breakpoint
CREATE INDEX "applications_child_idx" ON "extra_education"."applications" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "applications_applicant_idx" ON "extra_education"."applications" USING btree ("applicant_id");--> statement-breakpoint
CREATE INDEX "certificate_status_changes_certificate_idx" ON "extra_education"."certificate_status_changes" USING btree ("certificate_id","changed_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_epgu_number_key" ON "extra_education"."certificates" USING btree ("epgu_number") WHERE "extra_education"."certificates"."epgu_number" is not null;--> statement-breakpoint
CREATE INDEX "certificates_municipality_idx" ON "extra_education"."certificates" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "certificates_applicant_idx" ON "extra_education"."certificates" USING btree ("applicant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_active_key" ON "extra_education"."contracts" USING btree ("group_id","child_id") WHERE "extra_education"."contracts"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "contracts_group_active_idx" ON "extra_education"."contracts" USING btree ("group_id") WHERE "extra_education"."contracts"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "contracts_certificate_idx" ON "extra_education"."contracts" USING btree ("certificate_id");--> statement-breakpoint
CREATE INDEX "contracts_child_idx" ON "extra_education"."contracts" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "contracts_organization_idx" ON "extra_education"."contracts" USING btree ("organization_id","concluded_on");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_periods_starts_key" ON "extra_education"."funding_periods" USING btree ("starts_on");--> statement-breakpoint
CREATE INDEX "groups_programme_idx" ON "extra_education"."groups" USING btree ("programme_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_credit_key" ON "extra_education"."ledger_entries" USING btree ("certificate_id","period_id") WHERE "extra_education"."ledger_entries"."kind" = 'CREDIT';--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_charge_key" ON "extra_education"."ledger_entries" USING btree ("contract_id","month") WHERE "extra_education"."ledger_entries"."kind" = 'CHARGE';--> statement-breakpoint
CREATE INDEX "ledger_certificate_idx" ON "extra_education"."ledger_entries" USING btree ("certificate_id","period_id");--> statement-breakpoint
CREATE INDEX "ledger_contract_idx" ON "extra_education"."ledger_entries" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "extra_education"."outbox" USING btree ("next_attempt_at") WHERE "extra_education"."outbox"."delivered_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_contract_pending_idx" ON "extra_education"."outbox" USING btree ("contract_id","event","id") WHERE "extra_education"."outbox"."delivered_at" is null;--> statement-breakpoint
CREATE INDEX "programmes_catalogue_direction_idx" ON "extra_education"."programmes" USING btree ("direction","id") WHERE "extra_education"."programmes"."status" = 'PUBLISHED';--> statement-breakpoint
CREATE INDEX "programmes_catalogue_municipality_idx" ON "extra_education"."programmes" USING btree ("municipality_id","id") WHERE "extra_education"."programmes"."status" = 'PUBLISHED';--> statement-breakpoint
CREATE INDEX "programmes_catalogue_age_idx" ON "extra_education"."programmes" USING btree ("age_from","age_to") WHERE "extra_education"."programmes"."status" = 'PUBLISHED';--> statement-breakpoint
CREATE INDEX "programmes_funding_idx" ON "extra_education"."programmes" USING gin ("funding");--> statement-breakpoint
CREATE INDEX "programmes_organization_idx" ON "extra_education"."programmes" USING btree ("organization_id","status","id");