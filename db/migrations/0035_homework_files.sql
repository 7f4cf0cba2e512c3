CREATE TYPE "learning"."file_scan_status" AS ENUM('PENDING', 'CLEAN', 'INFECTED');--> statement-breakpoint
CREATE TYPE "learning"."homework_file_kind" AS ENUM('ASSIGNMENT', 'SUBMISSION');--> statement-breakpoint
CREATE TABLE "learning"."homework_files" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"school_year" smallint NOT NULL,
	"lesson_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"kind" "learning"."homework_file_kind" NOT NULL,
	"student_id" uuid,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"size" integer NOT NULL,
	"content_type" text NOT NULL,
	"sha256" text NOT NULL,
	"scan_status" "learning"."file_scan_status" NOT NULL,
	"scan_signature" text,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"scanned_at" timestamp with time zone,
	CONSTRAINT "homework_files_student_of_submission" CHECK (("learning"."homework_files"."kind" = 'SUBMISSION') = ("learning"."homework_files"."student_id" is not null)),
	CONSTRAINT "homework_files_size" CHECK ("learning"."homework_files"."size" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "homework_files_storage_key" ON "learning"."homework_files" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "homework_files_lesson_idx" ON "learning"."homework_files" USING btree ("school_year","lesson_id","kind");--> statement-breakpoint
CREATE INDEX "homework_files_student_idx" ON "learning"."homework_files" USING btree ("student_id");