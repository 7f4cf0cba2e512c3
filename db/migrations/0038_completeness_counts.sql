CREATE TABLE "people"."completeness_counts" (
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"cards" integer DEFAULT 0 NOT NULL,
	"with_gaps" integer DEFAULT 0 NOT NULL,
	"gap_full_name" integer DEFAULT 0 NOT NULL,
	"gap_birth_date" integer DEFAULT 0 NOT NULL,
	"gap_sex" integer DEFAULT 0 NOT NULL,
	"gap_identity_document" integer DEFAULT 0 NOT NULL,
	"gap_passport" integer DEFAULT 0 NOT NULL,
	"gap_citizenship" integer DEFAULT 0 NOT NULL,
	"gap_place_of_birth" integer DEFAULT 0 NOT NULL,
	"gap_registration_address" integer DEFAULT 0 NOT NULL,
	"gap_residence_address" integer DEFAULT 0 NOT NULL,
	"gap_education_form" integer DEFAULT 0 NOT NULL,
	"gap_snils" integer DEFAULT 0 NOT NULL,
	"gap_movement_first" integer DEFAULT 0 NOT NULL,
	"gap_main_position" integer DEFAULT 0 NOT NULL,
	"gap_qualification_category" integer DEFAULT 0 NOT NULL,
	"gap_phone" integer DEFAULT 0 NOT NULL,
	"gap_email" integer DEFAULT 0 NOT NULL,
	"gap_education" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "completeness_counts_organization_id_kind_pk" PRIMARY KEY("organization_id","kind"),
	CONSTRAINT "completeness_counts_kind" CHECK ("people"."completeness_counts"."kind" in ('STUDENT', 'STAFF'))
);
--> statement-breakpoint
CREATE TABLE "people"."completeness_pending" (
	"transaction_id" bigint DEFAULT (pg_current_xact_id()::text)::bigint NOT NULL,
	"organization_id" uuid NOT NULL,
	CONSTRAINT "completeness_pending_transaction_id_organization_id_pk" PRIMARY KEY("transaction_id","organization_id")
);
--> statement-breakpoint
ALTER TABLE "people"."completeness_counts" ADD CONSTRAINT "completeness_counts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "people"."organizations"("id") ON DELETE cascade ON UPDATE no action;