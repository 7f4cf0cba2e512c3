CREATE SCHEMA "learning";
--> statement-breakpoint
CREATE TYPE "learning"."attendance_status" AS ENUM('ABSENT', 'SICK', 'EXCUSED', 'LATE');--> statement-breakpoint
CREATE TYPE "learning"."class_kind" AS ENUM('SCHOOL_CLASS', 'KINDERGARTEN_GROUP', 'COLLEGE_GROUP', 'EXTRA_ASSOCIATION');--> statement-breakpoint
CREATE TYPE "learning"."event_kind" AS ENUM('PARENT_MEETING', 'CONTROL_WORK', 'EXCURSION', 'CELEBRATION', 'COMPETITION', 'OTHER');--> statement-breakpoint
CREATE TYPE "learning"."history_action" AS ENUM('SET', 'CORRECT', 'DELETE');--> statement-breakpoint
CREATE TYPE "learning"."mark_kind" AS ENUM('CURRENT', 'CONTROL', 'PERIOD', 'YEAR', 'FINAL');--> statement-breakpoint
CREATE TYPE "learning"."mark_value" AS ENUM('2', '3', '4', '5', 'PASS', 'FAIL');--> statement-breakpoint
CREATE TYPE "learning"."period_kind" AS ENUM('QUARTER', 'TRIMESTER', 'HALF_YEAR');--> statement-breakpoint
CREATE TYPE "learning"."school_year_status" AS ENUM('DRAFT', 'OPEN', 'CLOSED');--> statement-breakpoint
CREATE TABLE "learning"."assignments" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"class_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"teacher_id" uuid NOT NULL,
	"subgroup" smallint
);
--> statement-breakpoint
CREATE TABLE "learning"."attendance" (
	"id" uuid DEFAULT uuidv7() NOT NULL,
	"school_year" smallint NOT NULL,
	"organization_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"date" date NOT NULL,
	"status" "learning"."attendance_status" NOT NULL,
	"set_by" uuid NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_school_year_id_pk" PRIMARY KEY("school_year","id")
) PARTITION BY LIST ("school_year");
--> statement-breakpoint
CREATE TABLE "learning"."class_members" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"class_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"joined_on" date NOT NULL,
	"left_on" date,
	"repeater" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning"."classes" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"organization_id" uuid NOT NULL,
	"school_year" smallint NOT NULL,
	"kind" "learning"."class_kind" NOT NULL,
	"name" text NOT NULL,
	"grade" smallint,
	"letter" text,
	"class_teacher_id" uuid,
	"previous_class_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning"."curriculum" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"organization_id" uuid NOT NULL,
	"school_year" smallint NOT NULL,
	"grade" smallint NOT NULL,
	"subject_id" uuid NOT NULL,
	"hours_per_week" numeric(4, 1) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning"."events" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"school_year" smallint NOT NULL,
	"organization_id" uuid NOT NULL,
	"class_id" uuid,
	"kind" "learning"."event_kind" NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning"."holidays" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"school_year_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning"."homework_submissions" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"school_year" smallint NOT NULL,
	"lesson_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning"."lessons" (
	"id" uuid DEFAULT uuidv7() NOT NULL,
	"school_year" smallint NOT NULL,
	"organization_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"teacher_id" uuid NOT NULL,
	"subgroup" smallint,
	"date" date NOT NULL,
	"lesson_number" smallint NOT NULL,
	"topic" text,
	"homework" text,
	"homework_due_on" date,
	"homework_mandatory" boolean DEFAULT false NOT NULL,
	"homework_attachments" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lessons_school_year_id_pk" PRIMARY KEY("school_year","id")
) PARTITION BY LIST ("school_year");
--> statement-breakpoint
CREATE TABLE "learning"."mark_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"school_year" smallint NOT NULL,
	"mark_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"action" "learning"."history_action" NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning"."marks" (
	"id" uuid DEFAULT uuidv7() NOT NULL,
	"school_year" smallint NOT NULL,
	"organization_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"lesson_id" uuid,
	"period_id" uuid,
	"date" date NOT NULL,
	"kind" "learning"."mark_kind" NOT NULL,
	"value" "learning"."mark_value" NOT NULL,
	"weight" numeric(3, 1) DEFAULT 1 NOT NULL,
	"debt" boolean DEFAULT false NOT NULL,
	"comment" text,
	"set_by" uuid NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "marks_school_year_id_pk" PRIMARY KEY("school_year","id")
) PARTITION BY LIST ("school_year");
--> statement-breakpoint
CREATE TABLE "learning"."schedule_slots" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"class_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"teacher_id" uuid NOT NULL,
	"subgroup" smallint,
	"weekday" smallint NOT NULL,
	"lesson_number" smallint NOT NULL,
	"room" text,
	"valid_from" date NOT NULL,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "learning"."school_years" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"organization_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"period_kind" "learning"."period_kind" NOT NULL,
	"status" "learning"."school_year_status" DEFAULT 'DRAFT' NOT NULL,
	"opened_at" timestamp with time zone,
	"opened_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_years_dates" CHECK ("learning"."school_years"."starts_on" < "learning"."school_years"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "learning"."study_periods" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"school_year_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"number" smallint NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	CONSTRAINT "study_periods_dates" CHECK ("learning"."study_periods"."starts_on" <= "learning"."study_periods"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "learning"."subjects" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	CONSTRAINT "subjects_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "learning"."substitutions" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"school_year" smallint NOT NULL,
	"lesson_id" uuid NOT NULL,
	"original_teacher_id" uuid NOT NULL,
	"substitute_teacher_id" uuid NOT NULL,
	"date" date NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "learning"."assignments" ADD CONSTRAINT "assignments_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "learning"."classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning"."assignments" ADD CONSTRAINT "assignments_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "learning"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning"."class_members" ADD CONSTRAINT "class_members_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "learning"."classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning"."curriculum" ADD CONSTRAINT "curriculum_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "learning"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning"."holidays" ADD CONSTRAINT "holidays_school_year_id_school_years_id_fk" FOREIGN KEY ("school_year_id") REFERENCES "learning"."school_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning"."schedule_slots" ADD CONSTRAINT "schedule_slots_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "learning"."classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning"."schedule_slots" ADD CONSTRAINT "schedule_slots_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "learning"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning"."study_periods" ADD CONSTRAINT "study_periods_school_year_id_school_years_id_fk" FOREIGN KEY ("school_year_id") REFERENCES "learning"."school_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_key" ON "learning"."assignments" USING btree ("class_id","subject_id","teacher_id","subgroup");--> statement-breakpoint
CREATE INDEX "assignments_teacher_idx" ON "learning"."assignments" USING btree ("teacher_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_lesson_student_key" ON "learning"."attendance" USING btree ("school_year","lesson_id","student_id");--> statement-breakpoint
CREATE INDEX "attendance_class_date_idx" ON "learning"."attendance" USING btree ("school_year","class_id","date");--> statement-breakpoint
CREATE INDEX "attendance_student_date_idx" ON "learning"."attendance" USING btree ("school_year","student_id","date");--> statement-breakpoint
CREATE INDEX "class_members_class_idx" ON "learning"."class_members" USING btree ("class_id","joined_on");--> statement-breakpoint
CREATE INDEX "class_members_person_idx" ON "learning"."class_members" USING btree ("person_id","joined_on");--> statement-breakpoint
CREATE UNIQUE INDEX "classes_organization_year_name_key" ON "learning"."classes" USING btree ("organization_id","school_year","name");--> statement-breakpoint
CREATE INDEX "classes_class_teacher_idx" ON "learning"."classes" USING btree ("class_teacher_id");--> statement-breakpoint
CREATE UNIQUE INDEX "curriculum_key" ON "learning"."curriculum" USING btree ("organization_id","school_year","grade","subject_id");--> statement-breakpoint
CREATE INDEX "events_organization_idx" ON "learning"."events" USING btree ("organization_id","starts_at");--> statement-breakpoint
CREATE INDEX "events_class_idx" ON "learning"."events" USING btree ("class_id","starts_at");--> statement-breakpoint
CREATE INDEX "holidays_organization_idx" ON "learning"."holidays" USING btree ("organization_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "homework_submissions_key" ON "learning"."homework_submissions" USING btree ("school_year","lesson_id","student_id");--> statement-breakpoint
CREATE INDEX "homework_submissions_student_idx" ON "learning"."homework_submissions" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "lessons_class_subject_date_idx" ON "learning"."lessons" USING btree ("school_year","class_id","subject_id","date");--> statement-breakpoint
CREATE INDEX "lessons_class_date_idx" ON "learning"."lessons" USING btree ("school_year","class_id","date");--> statement-breakpoint
CREATE INDEX "lessons_teacher_date_idx" ON "learning"."lessons" USING btree ("school_year","teacher_id","date");--> statement-breakpoint
CREATE INDEX "mark_history_mark_idx" ON "learning"."mark_history" USING btree ("school_year","mark_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "marks_lesson_student_kind_key" ON "learning"."marks" USING btree ("school_year","lesson_id","student_id","kind") WHERE "learning"."marks"."deleted_at" is null and "learning"."marks"."lesson_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "marks_period_student_kind_key" ON "learning"."marks" USING btree ("school_year","period_id","subject_id","student_id","kind") WHERE "learning"."marks"."deleted_at" is null and "learning"."marks"."lesson_id" is null;--> statement-breakpoint
CREATE INDEX "marks_class_subject_date_idx" ON "learning"."marks" USING btree ("school_year","class_id","subject_id","date");--> statement-breakpoint
CREATE INDEX "marks_student_date_idx" ON "learning"."marks" USING btree ("school_year","student_id","date");--> statement-breakpoint
CREATE INDEX "schedule_slots_class_idx" ON "learning"."schedule_slots" USING btree ("class_id","weekday");--> statement-breakpoint
CREATE INDEX "schedule_slots_teacher_idx" ON "learning"."schedule_slots" USING btree ("teacher_id");--> statement-breakpoint
CREATE UNIQUE INDEX "school_years_organization_year_key" ON "learning"."school_years" USING btree ("organization_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "study_periods_year_number_key" ON "learning"."study_periods" USING btree ("school_year_id","number");--> statement-breakpoint
CREATE INDEX "study_periods_organization_idx" ON "learning"."study_periods" USING btree ("organization_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "substitutions_lesson_key" ON "learning"."substitutions" USING btree ("school_year","lesson_id");--> statement-breakpoint
CREATE INDEX "substitutions_substitute_idx" ON "learning"."substitutions" USING btree ("substitute_teacher_id","date");--> statement-breakpoint
-- Added by hand (drizzle-kit does not describe partitioning): lessons, marks and attendance are
-- partitioned by school year. learning.ensure_year_partitions(year) creates one year's partitions; it runs
-- as the migration owner (SECURITY DEFINER) so that opening a new school year needs no DDL rights.
CREATE FUNCTION "learning"."ensure_year_partitions"(year smallint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = learning, pg_temp AS $$
DECLARE
  parent text;
BEGIN
  IF year < 2000 OR year > 2100 THEN
    RAISE EXCEPTION 'school year % out of range', year;
  END IF;
  FOREACH parent IN ARRAY ARRAY['lessons', 'marks', 'attendance'] LOOP
    EXECUTE format('CREATE TABLE IF NOT EXISTS learning.%I PARTITION OF learning.%I FOR VALUES IN (%s)',
      parent || '_' || year, parent, year);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE TABLE "learning"."lessons_default" PARTITION OF "learning"."lessons" DEFAULT;--> statement-breakpoint
CREATE TABLE "learning"."marks_default" PARTITION OF "learning"."marks" DEFAULT;--> statement-breakpoint
CREATE TABLE "learning"."attendance_default" PARTITION OF "learning"."attendance" DEFAULT;--> statement-breakpoint
SELECT "learning"."ensure_year_partitions"(y::smallint) FROM generate_series(2024, 2028) AS y;
