DROP INDEX "outbox_due_idx";--> statement-breakpoint
CREATE INDEX "outbox_dead_idx" ON "outbox" USING btree ("id") WHERE "outbox"."status" = 'dead';