DROP INDEX "cases_org_status_idx";--> statement-breakpoint
DROP INDEX "cases_inbox_idx";--> statement-breakpoint
DROP INDEX "cases_org_due_idx";--> statement-breakpoint
DROP INDEX "cases_org_created_idx";--> statement-breakpoint
DROP INDEX "cases_unit_created_idx";--> statement-breakpoint
DROP INDEX "cases_open_due_idx";--> statement-breakpoint
DROP INDEX "cases_company_idx";--> statement-breakpoint
CREATE INDEX "cases_inbox_unit_due_idx" ON "cases" USING btree ("organisation_id","unit_id","due_on","created_at","id") WHERE ("cases"."email_verified_at" is not null or "cases"."submitted_by" is not null);--> statement-breakpoint
CREATE INDEX "cases_inbox_org_due_idx" ON "cases" USING btree ("organisation_id","due_on","created_at","id") WHERE ("cases"."email_verified_at" is not null or "cases"."submitted_by" is not null);--> statement-breakpoint
CREATE INDEX "cases_inbox_org_created_idx" ON "cases" USING btree ("organisation_id","created_at","id") WHERE ("cases"."email_verified_at" is not null or "cases"."submitted_by" is not null);--> statement-breakpoint
CREATE INDEX "cases_inbox_unit_created_idx" ON "cases" USING btree ("organisation_id","unit_id","created_at","id") WHERE ("cases"."email_verified_at" is not null or "cases"."submitted_by" is not null);--> statement-breakpoint
CREATE INDEX "cases_inbox_status_idx" ON "cases" USING btree ("organisation_id","status","due_on","created_at","id") WHERE ("cases"."email_verified_at" is not null or "cases"."submitted_by" is not null);--> statement-breakpoint
CREATE INDEX "cases_inbox_open_due_idx" ON "cases" USING btree ("organisation_id","due_on","unit_id") WHERE "cases"."closed_at" is null and ("cases"."email_verified_at" is not null or "cases"."submitted_by" is not null);--> statement-breakpoint
CREATE INDEX "outbox_claim_idx" ON "outbox" USING btree (("kind" <> 'email'),"id") WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "cases_company_idx" ON "cases" USING btree ("company_orgnr","created_at","id") WHERE "cases"."company_orgnr" is not null;