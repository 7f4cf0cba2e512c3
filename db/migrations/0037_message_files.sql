CREATE TYPE "people"."message_file_scan_status" AS ENUM('PENDING', 'CLEAN', 'INFECTED');--> statement-breakpoint
CREATE TABLE "people"."message_files" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"message_id" uuid,
	"uploaded_by" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"size" integer NOT NULL,
	"content_type" text NOT NULL,
	"sha256" text NOT NULL,
	"scan_status" "people"."message_file_scan_status" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_files_size" CHECK ("people"."message_files"."size" > 0)
);
--> statement-breakpoint
ALTER TABLE "people"."message_files" ADD CONSTRAINT "message_files_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "people"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."message_files" ADD CONSTRAINT "message_files_uploaded_by_persons_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_files_message_idx" ON "people"."message_files" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "message_files_uploader_idx" ON "people"."message_files" USING btree ("uploaded_by") WHERE "people"."message_files"."message_id" is null;--> statement-breakpoint
CREATE INDEX "message_files_storage_key_idx" ON "people"."message_files" USING btree ("storage_key");