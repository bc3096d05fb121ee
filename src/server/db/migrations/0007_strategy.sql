CREATE TABLE "company_profiles" (
	"orgnr" text PRIMARY KEY NOT NULL,
	"leader_gender" text,
	"leader_age_band" text,
	"leader_born_abroad" boolean,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_profiles_gender_check" CHECK ("company_profiles"."leader_gender" in ('woman', 'man', 'other')),
	CONSTRAINT "company_profiles_age_check" CHECK ("company_profiles"."leader_age_band" in ('under-30', '30-44', '45-64', '65-plus'))
);
--> statement-breakpoint
CREATE TABLE "strategy_follow_up_deadlines" (
	"root_id" text NOT NULL,
	"period" text NOT NULL,
	"due_on" date NOT NULL,
	CONSTRAINT "strategy_follow_up_deadlines_root_id_period_pk" PRIMARY KEY("root_id","period")
);
--> statement-breakpoint
CREATE TABLE "strategy_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"node_id" text NOT NULL,
	"node_version" integer NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"written_by" uuid,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_follow_ups_node_period_unique" UNIQUE("node_id","period"),
	CONSTRAINT "strategy_follow_ups_status_check" CHECK ("strategy_follow_ups"."status" in ('on-track', 'at-risk', 'off-track', 'done')),
	CONSTRAINT "strategy_follow_ups_period_check" CHECK ("strategy_follow_ups"."period" ~ '^[0-9]{4}(-T[1-3])?$')
);
--> statement-breakpoint
CREATE TABLE "strategy_indicator_values" (
	"indicator_id" uuid NOT NULL,
	"period" text NOT NULL,
	"area" text DEFAULT '' NOT NULL,
	"value" numeric,
	"source" text NOT NULL,
	"entered_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_indicator_values_indicator_id_period_area_pk" PRIMARY KEY("indicator_id","period","area"),
	CONSTRAINT "strategy_indicator_values_period_check" CHECK ("strategy_indicator_values"."period" ~ '^[0-9]{4}(-T[1-3])?$')
);
--> statement-breakpoint
CREATE TABLE "strategy_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"node_id" text NOT NULL,
	"key" text NOT NULL,
	"title_sv" text NOT NULL,
	"title_en" text,
	"unit" text NOT NULL,
	"source" text NOT NULL,
	"measure" text,
	"source_ref" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"direction" text DEFAULT 'increase' NOT NULL,
	"baseline_period" text,
	"baseline_value" numeric,
	"target_period" text,
	"target_value" numeric,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_indicators_node_key_unique" UNIQUE("node_id","key"),
	CONSTRAINT "strategy_indicators_source_check" CHECK ("strategy_indicators"."source" in ('computed', 'manual', 'scb', 'kolada')),
	CONSTRAINT "strategy_indicators_direction_check" CHECK ("strategy_indicators"."direction" in ('increase', 'decrease')),
	CONSTRAINT "strategy_indicators_measure_check" CHECK (("strategy_indicators"."source" = 'computed') = ("strategy_indicators"."measure" is not null))
);
--> statement-breakpoint
CREATE TABLE "strategy_node_revisions" (
	"node_id" text NOT NULL,
	"version" integer NOT NULL,
	"parent_id" text,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"title_sv" text NOT NULL,
	"title_en" text,
	"text_sv" text,
	"owner_id" text,
	"period_from" text,
	"period_to" text,
	"status" text,
	"note" text,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_node_revisions_node_id_version_pk" PRIMARY KEY("node_id","version"),
	CONSTRAINT "strategy_node_revisions_version_check" CHECK ("strategy_node_revisions"."version" > 0)
);
--> statement-breakpoint
ALTER TABLE "company_profiles" ADD CONSTRAINT "company_profiles_orgnr_companies_orgnr_fk" FOREIGN KEY ("orgnr") REFERENCES "public"."companies"("orgnr") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_follow_up_deadlines" ADD CONSTRAINT "strategy_follow_up_deadlines_root_id_strategy_nodes_id_fk" FOREIGN KEY ("root_id") REFERENCES "public"."strategy_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_follow_ups" ADD CONSTRAINT "strategy_follow_ups_node_id_node_version_strategy_node_revisions_node_id_version_fk" FOREIGN KEY ("node_id","node_version") REFERENCES "public"."strategy_node_revisions"("node_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_indicator_values" ADD CONSTRAINT "strategy_indicator_values_indicator_id_strategy_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."strategy_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_indicators" ADD CONSTRAINT "strategy_indicators_node_id_strategy_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."strategy_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "strategy_follow_ups_period_idx" ON "strategy_follow_ups" USING btree ("period");