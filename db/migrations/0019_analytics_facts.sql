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
CREATE TABLE "analytics"."fact_refresh" (
	"fact" text PRIMARY KEY NOT NULL,
	"watermark" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"rebuilt_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "fact_attendance_organization_idx" ON "analytics"."fact_attendance" USING btree ("organization_id","date");--> statement-breakpoint
CREATE INDEX "fact_contingent_organization_idx" ON "analytics"."fact_contingent" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "fact_contingent_slice_idx" ON "analytics"."fact_contingent" USING btree ("started_on");--> statement-breakpoint
CREATE INDEX "fact_marks_organization_idx" ON "analytics"."fact_marks" USING btree ("organization_id","date");