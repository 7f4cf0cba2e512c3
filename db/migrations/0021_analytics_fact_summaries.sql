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
CREATE INDEX "fact_attendance_summary_organization_idx" ON "analytics"."fact_attendance_summary" USING btree ("organization_id","date");--> statement-breakpoint
CREATE INDEX "fact_marks_summary_organization_idx" ON "analytics"."fact_marks_summary" USING btree ("organization_id","date");