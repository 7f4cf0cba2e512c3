CREATE TABLE "people"."esia_profiles" (
	"esia_oid" text PRIMARY KEY NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"middle_name" text,
	"birth_date" date,
	"snils" text,
	"document_type" "people"."identity_document_type",
	"document_series" text,
	"document_number" text,
	"kids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people"."esia_profiles" ADD CONSTRAINT "esia_profiles_esia_oid_esia_links_esia_oid_fk" FOREIGN KEY ("esia_oid") REFERENCES "people"."esia_links"("esia_oid") ON DELETE no action ON UPDATE no action;