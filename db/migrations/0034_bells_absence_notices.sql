CREATE TABLE "learning"."absence_notices" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"school_year" smallint NOT NULL,
	"organization_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"declared_by" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "absence_notices_dates" CHECK ("learning"."absence_notices"."starts_on" <= "learning"."absence_notices"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "learning"."bells" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"organization_id" uuid NOT NULL,
	"shift" smallint NOT NULL,
	"lesson_number" smallint NOT NULL,
	"starts_at" time NOT NULL,
	"ends_at" time NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bells_times" CHECK ("learning"."bells"."starts_at" < "learning"."bells"."ends_at"),
	CONSTRAINT "bells_shift" CHECK ("learning"."bells"."shift" between 1 and 2)
);
--> statement-breakpoint
ALTER TABLE "learning"."classes" ADD COLUMN "shift" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "absence_notices_student_idx" ON "learning"."absence_notices" USING btree ("student_id","starts_on");--> statement-breakpoint
CREATE INDEX "absence_notices_class_idx" ON "learning"."absence_notices" USING btree ("class_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "bells_organization_shift_number_key" ON "learning"."bells" USING btree ("organization_id","shift","lesson_number");