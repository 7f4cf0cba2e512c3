ALTER TABLE "admissions"."applications" ADD COLUMN "intake_account_id" uuid;--> statement-breakpoint
ALTER TABLE "admissions"."applications" ADD COLUMN "intake_content_hash" text;