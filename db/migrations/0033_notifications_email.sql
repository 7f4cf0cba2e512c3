ALTER TYPE "people"."notification_kind" ADD VALUE 'MARK';--> statement-breakpoint
ALTER TYPE "people"."notification_kind" ADD VALUE 'ABSENCE';--> statement-breakpoint
ALTER TYPE "people"."notification_kind" ADD VALUE 'HOMEWORK';--> statement-breakpoint
ALTER TYPE "people"."notification_kind" ADD VALUE 'CONSENT_REQUEST';--> statement-breakpoint
CREATE TABLE "learning"."people_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"about_id" uuid NOT NULL,
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
CREATE TABLE "people"."email_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
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
CREATE TABLE "people"."received_notices" (
	"key" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people"."notification_settings" ADD COLUMN "email" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "people"."notifications" ADD COLUMN "about_person_id" uuid;--> statement-breakpoint
CREATE INDEX "learning_people_outbox_pending_idx" ON "learning"."people_outbox" USING btree ("next_attempt_at") WHERE "learning"."people_outbox"."delivered_at" is null;--> statement-breakpoint
CREATE INDEX "learning_people_outbox_about_pending_idx" ON "learning"."people_outbox" USING btree ("about_id","event","id") WHERE "learning"."people_outbox"."delivered_at" is null;--> statement-breakpoint
CREATE INDEX "email_outbox_pending_idx" ON "people"."email_outbox" USING btree ("next_attempt_at") WHERE "people"."email_outbox"."delivered_at" is null;--> statement-breakpoint
CREATE INDEX "email_outbox_person_pending_idx" ON "people"."email_outbox" USING btree ("person_id","event","id") WHERE "people"."email_outbox"."delivered_at" is null;--> statement-breakpoint
ALTER TABLE "people"."notifications" ADD CONSTRAINT "notifications_about_person_id_persons_id_fk" FOREIGN KEY ("about_person_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;