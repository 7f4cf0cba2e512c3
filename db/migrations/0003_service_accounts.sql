CREATE TABLE "people"."service_accounts" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"client_id" text NOT NULL,
	"name" text NOT NULL,
	"territory" "people"."territory_kind" NOT NULL,
	"municipality_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "service_accounts_client_id_unique" UNIQUE("client_id"),
	CONSTRAINT "service_accounts_territory_shape" CHECK ("people"."service_accounts"."territory" in ('REGION', 'MUNICIPALITY') and ("people"."service_accounts"."territory" = 'MUNICIPALITY') = ("people"."service_accounts"."municipality_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "admissions"."applications" ALTER COLUMN "applicant_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "admissions"."applications" ADD COLUMN "applicant_data" jsonb;--> statement-breakpoint
ALTER TABLE "people"."service_accounts" ADD CONSTRAINT "service_accounts_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "people"."municipalities"("id") ON DELETE no action ON UPDATE no action;