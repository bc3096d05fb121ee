CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"result" jsonb,
	"result_file" "bytea",
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "jobs_status_check" CHECK ("jobs"."status" in ('queued', 'running', 'done', 'failed')),
	CONSTRAINT "jobs_progress_check" CHECK ("jobs"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "strategy_follow_up_reminders" (
	"root_id" text NOT NULL,
	"period" text NOT NULL,
	"stage" text NOT NULL,
	"organisation_id" text NOT NULL,
	"recipients" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_follow_up_reminders_root_id_period_stage_organisation_id_pk" PRIMARY KEY("root_id","period","stage","organisation_id"),
	CONSTRAINT "strategy_follow_up_reminders_stage_check" CHECK ("strategy_follow_up_reminders"."stage" in ('soon', 'due', 'overdue'))
);
--> statement-breakpoint
CREATE TABLE "strategy_node_stats" (
	"root_id" text NOT NULL,
	"node_id" text NOT NULL,
	"period" text NOT NULL,
	"area" text NOT NULL,
	"companies" integer NOT NULL,
	"cases" integer NOT NULL,
	"women" integer NOT NULL,
	"gender_answered" integer NOT NULL,
	"young" integer NOT NULL,
	"age_answered" integer NOT NULL,
	"foreign_born" integer NOT NULL,
	"born_answered" integer NOT NULL,
	"establishments" integer NOT NULL,
	"companies_latest" integer NOT NULL,
	"median_handling_days" double precision,
	CONSTRAINT "strategy_node_stats_root_id_node_id_period_area_pk" PRIMARY KEY("root_id","node_id","period","area")
);
--> statement-breakpoint
CREATE TABLE "strategy_offering_stats" (
	"root_id" text NOT NULL,
	"offering_id" text NOT NULL,
	"period" text NOT NULL,
	"area" text NOT NULL,
	"cases" integer NOT NULL,
	CONSTRAINT "strategy_offering_stats_root_id_offering_id_period_area_pk" PRIMARY KEY("root_id","offering_id","period","area")
);
--> statement-breakpoint
CREATE TABLE "strategy_stats_state" (
	"root_id" text PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"cases" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "jobs_queued_idx" ON "jobs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "jobs_created_by_idx" ON "jobs" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE INDEX "strategy_node_stats_period_idx" ON "strategy_node_stats" USING btree ("root_id","period","area");--> statement-breakpoint
CREATE INDEX "cases_offering_received_idx" ON "cases" USING btree ("offering_id","received_on");