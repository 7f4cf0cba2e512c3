CREATE TYPE "people"."payment_method" AS ENUM('BUDGET', 'PAID', 'CERTIFICATE');--> statement-breakpoint
ALTER TABLE "people"."movements" ADD COLUMN "payment_method" "people"."payment_method";