CREATE SCHEMA "people";
--> statement-breakpoint
CREATE TYPE "people"."consent_kind" AS ENUM('PROCESSING', 'MINOR_LOGIN', 'DATA_TRANSFER');--> statement-breakpoint
CREATE TYPE "people"."esia_link_method" AS ENUM('OID', 'SNILS', 'NAME_BIRTH_DOCUMENT', 'MANUAL');--> statement-breakpoint
CREATE TYPE "people"."identity_document_type" AS ENUM('RF_PASSPORT', 'BIRTH_CERTIFICATE', 'FOREIGN_PASSPORT');--> statement-breakpoint
CREATE TYPE "people"."movement_kind" AS ENUM('ENROL', 'TRANSFER', 'EXPEL', 'GRADUATE');--> statement-breakpoint
CREATE TYPE "people"."organization_type" AS ENUM('SCHOOL', 'KINDERGARTEN', 'EXTRA_EDUCATION', 'COLLEGE');--> statement-breakpoint
CREATE TYPE "people"."qualification_category" AS ENUM('NONE', 'FIRST', 'HIGHEST');--> statement-breakpoint
CREATE TYPE "people"."role" AS ENUM('REGIONAL_OPERATOR', 'MINISTRY_ANALYST', 'MUNICIPAL_COORDINATOR', 'ORG_ADMIN', 'TEACHER', 'CLASS_TEACHER', 'GUARDIAN', 'STUDENT', 'SERVICE');--> statement-breakpoint
CREATE TYPE "people"."sex" AS ENUM('MALE', 'FEMALE');--> statement-breakpoint
CREATE TYPE "people"."territory_kind" AS ENUM('REGION', 'MUNICIPALITY', 'ORGANIZATION', 'CLASS', 'CHILDREN', 'SELF');--> statement-breakpoint
CREATE TABLE "people"."consent_requests" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" "people"."consent_kind" NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "people"."consents" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" "people"."consent_kind" NOT NULL,
	"granted_by" uuid,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid
);
--> statement-breakpoint
CREATE TABLE "people"."employments" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"person_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"position" text NOT NULL,
	"is_main" boolean DEFAULT true NOT NULL,
	"qualification_category" "people"."qualification_category",
	"maternity_leave" boolean DEFAULT false NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date
);
--> statement-breakpoint
CREATE TABLE "people"."enrolments" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"person_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"class_id" uuid,
	"class_name" text,
	"started_on" date NOT NULL,
	"ended_on" date
);
--> statement-breakpoint
CREATE TABLE "people"."esia_links" (
	"esia_oid" text PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"method" "people"."esia_link_method" NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people"."guardianships" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"guardian_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"relation" text DEFAULT 'PARENT' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guardianships_not_self" CHECK ("people"."guardianships"."guardian_id" <> "people"."guardianships"."child_id")
);
--> statement-breakpoint
CREATE TABLE "people"."history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"field" text NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people"."movements" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" "people"."movement_kind" NOT NULL,
	"organization_id" uuid NOT NULL,
	"class_id" uuid,
	"class_name" text,
	"from_organization_id" uuid,
	"from_class_id" uuid,
	"order_number" text NOT NULL,
	"order_date" date NOT NULL,
	"effective_on" date NOT NULL,
	"reason" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people"."municipalities" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"name" text NOT NULL,
	"oktmo" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "municipalities_oktmo_unique" UNIQUE("oktmo")
);
--> statement-breakpoint
CREATE TABLE "people"."organizations" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"type" "people"."organization_type" NOT NULL,
	"full_name" text NOT NULL,
	"short_name" text NOT NULL,
	"inn" text NOT NULL,
	"address" text,
	"pfdo_participant" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people"."persons" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"middle_name" text,
	"normalized_name" text NOT NULL,
	"birth_date" date,
	"sex" "people"."sex",
	"snils" text,
	"citizenship" text,
	"place_of_birth" text,
	"registration_address" text,
	"residence_address" text,
	"phone" text,
	"email" text,
	"document_type" "people"."identity_document_type",
	"document_series" text,
	"document_number" text,
	"document_issued_on" date,
	"education_form" text,
	"movement_first" boolean,
	"education" text,
	"registered_by_organization_id" uuid,
	"merged_into" uuid,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people"."role_grants" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"person_id" uuid NOT NULL,
	"role" "people"."role" NOT NULL,
	"territory" "people"."territory_kind" NOT NULL,
	"municipality_id" uuid,
	"organization_id" uuid,
	"class_id" uuid,
	"granted_by" uuid,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "role_grants_territory_shape" CHECK (("people"."role_grants"."territory" = 'MUNICIPALITY') = ("people"."role_grants"."municipality_id" is not null)
        and ("people"."role_grants"."territory" in ('ORGANIZATION', 'CLASS')) = ("people"."role_grants"."organization_id" is not null)
        and ("people"."role_grants"."territory" = 'CLASS') = ("people"."role_grants"."class_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "people"."consent_requests" ADD CONSTRAINT "consent_requests_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."consents" ADD CONSTRAINT "consents_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."consents" ADD CONSTRAINT "consents_granted_by_persons_id_fk" FOREIGN KEY ("granted_by") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."consents" ADD CONSTRAINT "consents_withdrawn_by_persons_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."employments" ADD CONSTRAINT "employments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."employments" ADD CONSTRAINT "employments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "people"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."enrolments" ADD CONSTRAINT "enrolments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."enrolments" ADD CONSTRAINT "enrolments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "people"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."esia_links" ADD CONSTRAINT "esia_links_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."guardianships" ADD CONSTRAINT "guardianships_guardian_id_persons_id_fk" FOREIGN KEY ("guardian_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."guardianships" ADD CONSTRAINT "guardianships_child_id_persons_id_fk" FOREIGN KEY ("child_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."movements" ADD CONSTRAINT "movements_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."movements" ADD CONSTRAINT "movements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "people"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."movements" ADD CONSTRAINT "movements_from_organization_id_organizations_id_fk" FOREIGN KEY ("from_organization_id") REFERENCES "people"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."organizations" ADD CONSTRAINT "organizations_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "people"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."persons" ADD CONSTRAINT "persons_registered_by_organization_id_organizations_id_fk" FOREIGN KEY ("registered_by_organization_id") REFERENCES "people"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."role_grants" ADD CONSTRAINT "role_grants_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."role_grants" ADD CONSTRAINT "role_grants_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "people"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."role_grants" ADD CONSTRAINT "role_grants_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "people"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "consent_requests_open_key" ON "people"."consent_requests" USING btree ("person_id","kind") WHERE "people"."consent_requests"."resolved_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "consents_active_key" ON "people"."consents" USING btree ("person_id","kind") WHERE "people"."consents"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "employments_person_idx" ON "people"."employments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "employments_organization_idx" ON "people"."employments" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_current_key" ON "people"."enrolments" USING btree ("person_id") WHERE "people"."enrolments"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "enrolments_class_idx" ON "people"."enrolments" USING btree ("class_id") WHERE "people"."enrolments"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "enrolments_organization_idx" ON "people"."enrolments" USING btree ("organization_id") WHERE "people"."enrolments"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "esia_links_person_idx" ON "people"."esia_links" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "guardianships_pair_key" ON "people"."guardianships" USING btree ("guardian_id","child_id");--> statement-breakpoint
CREATE INDEX "guardianships_child_idx" ON "people"."guardianships" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "history_entity_idx" ON "people"."history" USING btree ("entity","entity_id","changed_at");--> statement-breakpoint
CREATE INDEX "movements_person_idx" ON "people"."movements" USING btree ("person_id","effective_on");--> statement-breakpoint
CREATE INDEX "movements_organization_idx" ON "people"."movements" USING btree ("organization_id","effective_on");--> statement-breakpoint
CREATE INDEX "organizations_municipality_idx" ON "people"."organizations" USING btree ("municipality_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_snils_key" ON "people"."persons" USING btree ("snils") WHERE "people"."persons"."snils" is not null and "people"."persons"."merged_into" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "persons_document_key" ON "people"."persons" USING btree ("document_type","document_series","document_number") WHERE "people"."persons"."document_number" is not null and "people"."persons"."merged_into" is null;--> statement-breakpoint
CREATE INDEX "persons_name_birth_idx" ON "people"."persons" USING btree ("normalized_name","birth_date");--> statement-breakpoint
CREATE INDEX "persons_last_name_idx" ON "people"."persons" USING btree ("last_name","id");--> statement-breakpoint
CREATE INDEX "role_grants_person_idx" ON "people"."role_grants" USING btree ("person_id") WHERE "people"."role_grants"."withdrawn_at" is null;