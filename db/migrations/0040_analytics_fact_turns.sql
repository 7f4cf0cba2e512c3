CREATE TABLE "analytics"."fact_rebuilds" (
	"fact" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"rebuilt_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fact_rebuilds_fact_organization_id_pk" PRIMARY KEY("fact","organization_id")
);
--> statement-breakpoint
ALTER TABLE "analytics"."fact_attendance_summary" ADD COLUMN "marked" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "fact_rebuilds_turn_idx" ON "analytics"."fact_rebuilds" USING btree ("fact","rebuilt_at");--> statement-breakpoint
CREATE INDEX "attendance_set_at_idx" ON "learning"."attendance" USING btree ("set_at");--> statement-breakpoint
CREATE INDEX "lessons_organization_date_idx" ON "learning"."lessons" USING btree ("organization_id","date");--> statement-breakpoint
CREATE INDEX "lessons_created_at_idx" ON "learning"."lessons" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "marks_organization_date_idx" ON "learning"."marks" USING btree ("organization_id","date");