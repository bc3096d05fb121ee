CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_kind" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"organisation_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"visibility" text NOT NULL,
	"author_id" uuid,
	"author_name" text,
	"body" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"read_by_company_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_events_visibility_check" CHECK ("case_events"."visibility" in ('company', 'internal')),
	CONSTRAINT "case_events_kind_check" CHECK ("case_events"."kind" in ('submitted', 'verified', 'status', 'assigned', 'message', 'note', 'reply', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "case_workflows" (
	"case_type" text PRIMARY KEY NOT NULL,
	"definition" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"diarienummer" text NOT NULL,
	"organisation_id" text NOT NULL,
	"unit_id" text,
	"offering_id" text NOT NULL,
	"case_type" text NOT NULL,
	"status" text NOT NULL,
	"company_orgnr" text,
	"company_name" text,
	"contact_name" text,
	"contact_email" text,
	"municipality" text,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"intake_id" uuid,
	"submitted_by" uuid,
	"assignee_id" uuid,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"closed_at" timestamp with time zone,
	"email_verified_at" timestamp with time zone,
	"follow_token_hash" text,
	"idempotency_key" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_diarienummer_unique" UNIQUE("organisation_id","diarienummer"),
	CONSTRAINT "cases_idempotency_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "cases_follow_token_unique" UNIQUE("follow_token_hash"),
	CONSTRAINT "cases_case_type_check" CHECK ("cases"."case_type" in ('advisory', 'application', 'inquiry', 'registration'))
);
--> statement-breakpoint
CREATE TABLE "diarium_counters" (
	"organisation_id" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "diarium_counters_organisation_id_year_pk" PRIMARY KEY("organisation_id","year")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_status_check" CHECK ("outbox"."status" in ('pending', 'sent', 'dead'))
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_offering_id_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diarium_counters" ADD CONSTRAINT "diarium_counters_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "cases_org_status_idx" ON "cases" USING btree ("organisation_id","status","due_on");--> statement-breakpoint
CREATE INDEX "cases_company_idx" ON "cases" USING btree ("company_orgnr","created_at");--> statement-breakpoint
CREATE INDEX "cases_assignee_idx" ON "cases" USING btree ("assignee_id");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("status","next_attempt_at");