CREATE INDEX "persons_updated_at_idx" ON "people"."persons" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "marks_updated_at_idx" ON "learning"."marks" USING btree ("updated_at");