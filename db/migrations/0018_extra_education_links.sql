CREATE TABLE "people"."extra_education_links" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"visible_until" date,
	"changed_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "extra_education"."people_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
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
ALTER TABLE "people"."extra_education_links" ADD CONSTRAINT "extra_education_links_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."extra_education_links" ADD CONSTRAINT "extra_education_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "people"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "extra_education_links_organization_idx" ON "people"."extra_education_links" USING btree ("organization_id","person_id");--> statement-breakpoint
CREATE INDEX "people_outbox_pending_idx" ON "extra_education"."people_outbox" USING btree ("next_attempt_at") WHERE "extra_education"."people_outbox"."delivered_at" is null;--> statement-breakpoint
CREATE INDEX "people_outbox_application_pending_idx" ON "extra_education"."people_outbox" USING btree ("application_id","event","id") WHERE "extra_education"."people_outbox"."delivered_at" is null;