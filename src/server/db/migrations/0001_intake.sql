CREATE TABLE "intakes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"text" text NOT NULL,
	"municipality" text,
	"stage" text,
	"size" text,
	"sni" text,
	"language" text DEFAULT 'sv' NOT NULL,
	"result" jsonb NOT NULL,
	"chosen_offering_id" text,
	"chosen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"text" text NOT NULL,
	"offering_id" text NOT NULL,
	"previous_offering_id" text,
	"source" text NOT NULL,
	"intake_id" uuid,
	"case_id" text,
	"corrected_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routing_corrections_source_check" CHECK ("routing_corrections"."source" in ('intake', 'case', 'referral', 'import'))
);
--> statement-breakpoint
ALTER TABLE "intakes" ADD CONSTRAINT "intakes_chosen_offering_id_offerings_id_fk" FOREIGN KEY ("chosen_offering_id") REFERENCES "public"."offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_corrections" ADD CONSTRAINT "routing_corrections_offering_id_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_corrections" ADD CONSTRAINT "routing_corrections_intake_id_intakes_id_fk" FOREIGN KEY ("intake_id") REFERENCES "public"."intakes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intakes_created_idx" ON "intakes" USING btree ("created_at");