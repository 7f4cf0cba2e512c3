CREATE TYPE "people"."announcement_audience" AS ENUM('GUARDIANS', 'LEARNERS', 'STAFF');--> statement-breakpoint
CREATE TYPE "people"."announcement_scope" AS ENUM('ORGANIZATION', 'CLASS', 'MUNICIPALITY');--> statement-breakpoint
CREATE TYPE "people"."notification_kind" AS ENUM('MESSAGE', 'ANNOUNCEMENT');--> statement-breakpoint
CREATE TABLE "people"."announcements" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"author_id" uuid NOT NULL,
	"scope" "people"."announcement_scope" NOT NULL,
	"organization_id" uuid,
	"class_id" uuid,
	"municipality_id" uuid,
	"audiences" "people"."announcement_audience"[] NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "announcements_scope_shape" CHECK (("people"."announcements"."scope" = 'MUNICIPALITY') = ("people"."announcements"."municipality_id" is not null)
        and ("people"."announcements"."scope" in ('ORGANIZATION', 'CLASS')) = ("people"."announcements"."organization_id" is not null)
        and ("people"."announcements"."scope" = 'CLASS') = ("people"."announcements"."class_id" is not null)),
	CONSTRAINT "announcements_period" CHECK ("people"."announcements"."valid_from" <= "people"."announcements"."valid_to"),
	CONSTRAINT "announcements_audience" CHECK (cardinality("people"."announcements"."audiences") > 0)
);
--> statement-breakpoint
CREATE TABLE "people"."message_participants" (
	"thread_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"last_read_at" timestamp with time zone,
	CONSTRAINT "message_participants_thread_id_person_id_pk" PRIMARY KEY("thread_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "people"."message_threads" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"subject" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people"."messages" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"thread_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people"."notification_settings" (
	"person_id" uuid NOT NULL,
	"kind" "people"."notification_kind" NOT NULL,
	"in_app" boolean DEFAULT true NOT NULL,
	CONSTRAINT "notification_settings_person_id_kind_pk" PRIMARY KEY("person_id","kind")
);
--> statement-breakpoint
CREATE TABLE "people"."notifications" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" "people"."notification_kind" NOT NULL,
	"title" text NOT NULL,
	"thread_id" uuid,
	"announcement_id" uuid,
	"visible_from" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "people"."announcements" ADD CONSTRAINT "announcements_author_id_persons_id_fk" FOREIGN KEY ("author_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."announcements" ADD CONSTRAINT "announcements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "people"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."announcements" ADD CONSTRAINT "announcements_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "people"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."message_participants" ADD CONSTRAINT "message_participants_thread_id_message_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "people"."message_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."message_participants" ADD CONSTRAINT "message_participants_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."message_threads" ADD CONSTRAINT "message_threads_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "people"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."message_threads" ADD CONSTRAINT "message_threads_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."messages" ADD CONSTRAINT "messages_thread_id_message_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "people"."message_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."messages" ADD CONSTRAINT "messages_author_id_persons_id_fk" FOREIGN KEY ("author_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."notification_settings" ADD CONSTRAINT "notification_settings_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."notifications" ADD CONSTRAINT "notifications_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."notifications" ADD CONSTRAINT "notifications_thread_id_message_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "people"."message_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."notifications" ADD CONSTRAINT "notifications_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "people"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "announcements_organization_idx" ON "people"."announcements" USING btree ("organization_id","valid_to");--> statement-breakpoint
CREATE INDEX "announcements_municipality_idx" ON "people"."announcements" USING btree ("municipality_id","valid_to");--> statement-breakpoint
CREATE INDEX "message_participants_person_idx" ON "people"."message_participants" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "message_threads_last_idx" ON "people"."message_threads" USING btree ("last_message_at");--> statement-breakpoint
CREATE INDEX "messages_thread_idx" ON "people"."messages" USING btree ("thread_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_person_idx" ON "people"."notifications" USING btree ("person_id","created_at");