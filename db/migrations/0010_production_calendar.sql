CREATE TABLE "admissions"."production_calendars" (
	"year" smallint PRIMARY KEY NOT NULL,
	"decree" text NOT NULL,
	"non_working_days" date[] NOT NULL,
	"working_weekends" date[] DEFAULT '{}'::date[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "production_calendars_year" CHECK ("admissions"."production_calendars"."year" between 2000 and 2100),
	CONSTRAINT "production_calendars_decree" CHECK (length(trim("admissions"."production_calendars"."decree")) > 0)
);
--> statement-breakpoint
ALTER TABLE "admissions"."applications" ADD COLUMN "enrolment_order_number" text;--> statement-breakpoint
ALTER TABLE "admissions"."applications" ADD COLUMN "enrolment_order_date" date;