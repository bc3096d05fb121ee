DROP INDEX "outbox_pending_kind_idx";--> statement-breakpoint
DROP INDEX "outbox_claim_idx";--> statement-breakpoint
CREATE INDEX "outbox_pending_email_idx" ON "outbox" USING btree ("id") WHERE "outbox"."status" = 'pending' and "outbox"."kind" = 'email';--> statement-breakpoint
CREATE INDEX "outbox_pending_other_idx" ON "outbox" USING btree ("id") WHERE "outbox"."status" = 'pending' and "outbox"."kind" <> 'email';