CREATE TYPE "people"."external_platform" AS ENUM('SFERUM', 'MY_SCHOOL');--> statement-breakpoint
CREATE TYPE "people"."platform_organization_status" AS ENUM('ACTIVE', 'PENDING', 'BLOCKED');--> statement-breakpoint
CREATE TABLE "people"."platform_accounts" (
	"person_id" uuid NOT NULL,
	"platform" "people"."external_platform" NOT NULL,
	"registered_on" date NOT NULL,
	CONSTRAINT "platform_accounts_person_id_platform_pk" PRIMARY KEY("person_id","platform")
);
--> statement-breakpoint
CREATE TABLE "people"."platform_organizations" (
	"organization_id" uuid NOT NULL,
	"platform" "people"."external_platform" NOT NULL,
	"status" "people"."platform_organization_status" NOT NULL,
	"registered_on" date NOT NULL,
	CONSTRAINT "platform_organizations_organization_id_platform_pk" PRIMARY KEY("organization_id","platform")
);
--> statement-breakpoint
ALTER TABLE "people"."platform_accounts" ADD CONSTRAINT "platform_accounts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "people"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."platform_organizations" ADD CONSTRAINT "platform_organizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "people"."organizations"("id") ON DELETE no action ON UPDATE no action;