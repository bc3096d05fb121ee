CREATE INDEX "cases_org_due_idx" ON "cases" USING btree ("organisation_id","due_on","created_at","id");--> statement-breakpoint
CREATE INDEX "cases_org_created_idx" ON "cases" USING btree ("organisation_id","created_at","id");--> statement-breakpoint
CREATE INDEX "cases_unit_created_idx" ON "cases" USING btree ("organisation_id","unit_id","created_at","id");--> statement-breakpoint
CREATE INDEX "cases_open_due_idx" ON "cases" USING btree ("organisation_id","due_on","unit_id") WHERE "cases"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_pending_kind_idx" ON "outbox" USING btree ("kind") WHERE "outbox"."status" = 'pending';