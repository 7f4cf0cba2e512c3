CREATE TYPE "people"."external_platform" AS ENUM('SFERUM', 'MY_SCHOOL');--> statement-breakpoint
CREATE TYPE "people"."platform_organization_status" AS ENUM('ACTIVE', 'PENDING', 'BLOCKED');--> statement-breakpoint
CREATE TABLE "people"."platform_accounts" (
	"person_id" uuid NOT NULL,
	"platform" "people"."external_platform" NOT NULL,
	"registered_on" date NOT NULL,
	CONSTRAINT "platform_accounts_person_id_platform_pk" PRIMARY KEY("person_id","platform")
);
--> statement-breakpoint
CREATE TABLE "people"."platform_organizations" (
	"organization_id" uuid NOT NULL,
	"platform" "people"."external_platform" NOT NULL,
	"status" "people"."platform_organization_status" NOT NULL,
	"registered_on" date NOT NULL,
	CONSTRAINT "platform_organizations_organization_id_platform_pk" PRIMARY KEY("organization_id","platform")
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_attendance" (
	"person_key" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"organization_type" text NOT NULL,
	"class_id" uuid,
	"grade" smallint,
	"gender" text,
	"birth_year" smallint,
	"birth_month" smallint,
	"consented" boolean NOT NULL,
	"subject_id" uuid NOT NULL,
	"date" date NOT NULL,
	"slots" integer NOT NULL,
	"absences" integer NOT NULL,
	"sick" integer NOT NULL,
	"present" integer NOT NULL,
	"marked" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_attendance_summary" (
	"organization_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"organization_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"date" date NOT NULL,
	"persons" integer NOT NULL,
	"slots" integer NOT NULL,
	"absences" integer NOT NULL,
	"sick" integer NOT NULL,
	"present" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_contingent" (
	"organization_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"organization_type" text NOT NULL,
	"class_id" uuid,
	"grade" smallint,
	"gender" text,
	"birth_year" smallint,
	"birth_month" smallint,
	"consented" boolean NOT NULL,
	"school_year" smallint,
	"started_on" date NOT NULL,
	"ended_on" date,
	"persons" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_marks" (
	"person_key" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"organization_type" text NOT NULL,
	"class_id" uuid,
	"grade" smallint,
	"gender" text,
	"birth_year" smallint,
	"birth_month" smallint,
	"consented" boolean NOT NULL,
	"subject_id" uuid NOT NULL,
	"period_id" uuid,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"marks" integer NOT NULL,
	"twos" integer NOT NULL,
	"weight_sum" numeric NOT NULL,
	"weighted_sum" numeric NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_marks_summary" (
	"organization_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"organization_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"period_id" uuid,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"persons" integer NOT NULL,
	"marks" integer NOT NULL,
	"twos" integer NOT NULL,
	"weight_sum" numeric NOT NULL,
	"weighted_sum" numeric NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics"."fact_refresh" (
	"fact" text PRIMARY KEY NOT NULL,
	"watermark" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"rebuilt_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people"."platform_accounts" ADD CONSTRAINT "platform_accounts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."platform_organizations" ADD CONSTRAINT "platform_organizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "people"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fact_attendance_organization_idx" ON "analytics"."fact_attendance" USING btree ("organization_id","date");--> statement-breakpoint
CREATE INDEX "fact_attendance_summary_organization_idx" ON "analytics"."fact_attendance_summary" USING btree ("organization_id","date");--> statement-breakpoint
CREATE INDEX "fact_contingent_organization_idx" ON "analytics"."fact_contingent" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "fact_contingent_slice_idx" ON "analytics"."fact_contingent" USING btree ("started_on");--> statement-breakpoint
CREATE INDEX "fact_marks_organization_idx" ON "analytics"."fact_marks" USING btree ("organization_id","date");--> statement-breakpoint
CREATE INDEX "fact_marks_summary_organization_idx" ON "analytics"."fact_marks_summary" USING btree ("organization_id","date");