CREATE TABLE "offerings" (
	"id" text PRIMARY KEY NOT NULL,
	"provider_id" text NOT NULL,
	"unit_id" text,
	"title_sv" text NOT NULL,
	"title_en" text,
	"summary_sv" text NOT NULL,
	"summary_en" text,
	"topics" text[] DEFAULT '{}' NOT NULL,
	"kind" text NOT NULL,
	"case_type" text NOT NULL,
	"audience_stages" text[] DEFAULT '{}' NOT NULL,
	"audience_sizes" text[] DEFAULT '{}' NOT NULL,
	"geo_counties" text[] DEFAULT '{}' NOT NULL,
	"geo_municipalities" text[] DEFAULT '{}' NOT NULL,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"situations" text[] DEFAULT '{}' NOT NULL,
	"strategy_links" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offerings_case_type_check" CHECK ("offerings"."case_type" in ('advisory', 'application', 'inquiry', 'registration'))
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"website" text,
	"serves_counties" text[] DEFAULT '{}' NOT NULL,
	"serves_municipalities" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"municipality" text NOT NULL,
	"kind" text NOT NULL,
	"area_ha" numeric,
	"status" text NOT NULL,
	"notes" text,
	"fictional" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategy_nodes" (
	"id" text PRIMARY KEY NOT NULL,
	"parent_id" text,
	"root_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"kind" text NOT NULL,
	"title_sv" text NOT NULL,
	"title_en" text,
	"text_sv" text,
	"owner_id" text,
	"period_from" text,
	"period_to" text,
	"status" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "strategy_nodes_kind_check" CHECK ("strategy_nodes"."kind" in ('strategy', 'focus-area', 'goal', 'priority', 'action', 'commitment'))
);
--> statement-breakpoint
CREATE TABLE "thesaurus_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"phrases" text[] NOT NULL,
	"terms" text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"organisation_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "units_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "offerings" ADD CONSTRAINT "offerings_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offerings" ADD CONSTRAINT "offerings_provider_id_unit_id_units_organisation_id_id_fk" FOREIGN KEY ("provider_id","unit_id") REFERENCES "public"."units"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_nodes" ADD CONSTRAINT "strategy_nodes_parent_id_strategy_nodes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."strategy_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offerings_provider_idx" ON "offerings" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "strategy_nodes_parent_idx" ON "strategy_nodes" USING btree ("parent_id");