CREATE TABLE "investment_inquiries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" text NOT NULL,
	"shared_with" text[] DEFAULT '{}' NOT NULL,
	"code_name" text NOT NULL,
	"investor" text,
	"investor_country" text,
	"sector" text,
	"description" text,
	"stage" text DEFAULT 'lead' NOT NULL,
	"area_ha" numeric,
	"power_mw" numeric,
	"needs_rail" boolean DEFAULT false NOT NULL,
	"staff" integer,
	"municipalities" text[] DEFAULT '{}' NOT NULL,
	"lost_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "investment_inquiries_stage_check" CHECK ("investment_inquiries"."stage" in ('lead', 'dialogue', 'site-visit', 'offer', 'decision', 'established', 'lost')),
	CONSTRAINT "investment_inquiries_area_check" CHECK ("investment_inquiries"."area_ha" is null or "investment_inquiries"."area_ha" >= 0),
	CONSTRAINT "investment_inquiries_power_check" CHECK ("investment_inquiries"."power_mw" is null or "investment_inquiries"."power_mw" >= 0),
	CONSTRAINT "investment_inquiries_staff_check" CHECK ("investment_inquiries"."staff" is null or "investment_inquiries"."staff" >= 0)
);
--> statement-breakpoint
CREATE TABLE "investment_inquiry_cases" (
	"inquiry_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"linked_by" uuid,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "investment_inquiry_cases_inquiry_id_case_id_pk" PRIMARY KEY("inquiry_id","case_id")
);
--> statement-breakpoint
CREATE TABLE "investment_inquiry_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"inquiry_id" uuid NOT NULL,
	"from_stage" text,
	"to_stage" text,
	"note" text,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_details" (
	"site_id" text PRIMARY KEY NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"plan_status" text DEFAULT 'none' NOT NULL,
	"availability" text DEFAULT 'available' NOT NULL,
	"power_mw" numeric,
	"rail_siding" boolean,
	"road_name" text,
	"road_km" numeric,
	"contact_organisation_id" text,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_details_plan_status_check" CHECK ("site_details"."plan_status" in ('none', 'in-progress', 'adopted')),
	CONSTRAINT "site_details_availability_check" CHECK ("site_details"."availability" in ('available', 'partly-available', 'reserved', 'not-available')),
	CONSTRAINT "site_details_lat_check" CHECK ("site_details"."lat" is null or ("site_details"."lat" between -90 and 90)),
	CONSTRAINT "site_details_lon_check" CHECK ("site_details"."lon" is null or ("site_details"."lon" between -180 and 180))
);
--> statement-breakpoint
CREATE TABLE "event_attendance" (
	"registration_id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"organisation_id" text NOT NULL,
	"company_orgnr" text,
	"municipality" text,
	"offering_ids" text[] DEFAULT '{}' NOT NULL,
	"strategy_node_ids" text[] DEFAULT '{}' NOT NULL,
	"event_starts_at" timestamp with time zone NOT NULL,
	"marked_by" uuid,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"name" text,
	"email" text,
	"company_orgnr" text,
	"company_name" text,
	"status" text NOT NULL,
	"cancel_token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "event_registrations_cancel_token_unique" UNIQUE("cancel_token_hash"),
	CONSTRAINT "event_registrations_status_check" CHECK ("event_registrations"."status" in ('confirmed', 'waitlisted', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"location" text NOT NULL,
	"municipality" text,
	"capacity" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"offering_ids" text[] DEFAULT '{}' NOT NULL,
	"strategy_node_ids" text[] DEFAULT '{}' NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "events_kind_check" CHECK ("events"."kind" in ('breakfast-meeting', 'workshop', 'network-meeting', 'seminar')),
	CONSTRAINT "events_status_check" CHECK ("events"."status" in ('draft', 'published', 'cancelled')),
	CONSTRAINT "events_capacity_check" CHECK ("events"."capacity" is null or "events"."capacity" > 0),
	CONSTRAINT "events_time_check" CHECK ("events"."ends_at" > "events"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "match_interests" (
	"from_profile_id" uuid NOT NULL,
	"to_profile_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_interests_from_profile_id_to_profile_id_pk" PRIMARY KEY("from_profile_id","to_profile_id"),
	CONSTRAINT "match_interests_not_self" CHECK ("match_interests"."from_profile_id" <> "match_interests"."to_profile_id")
);
--> statement-breakpoint
CREATE TABLE "match_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_orgnr" text,
	"organisation_id" text,
	"display_name" text NOT NULL,
	"actor" text NOT NULL,
	"summary" text NOT NULL,
	"seeks" text[] DEFAULT '{}' NOT NULL,
	"offers" text[] DEFAULT '{}' NOT NULL,
	"topics" text[] DEFAULT '{}' NOT NULL,
	"markets" text[] DEFAULT '{}' NOT NULL,
	"municipality" text,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_profiles_owner_check" CHECK (("match_profiles"."company_orgnr" is null) <> ("match_profiles"."organisation_id" is null)),
	CONSTRAINT "match_profiles_actor_check" CHECK ("match_profiles"."actor" in ('sme', 'large-company', 'researcher', 'other'))
);
--> statement-breakpoint
ALTER TABLE "investment_inquiries" ADD CONSTRAINT "investment_inquiries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_inquiries" ADD CONSTRAINT "investment_inquiries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_inquiry_cases" ADD CONSTRAINT "investment_inquiry_cases_inquiry_id_investment_inquiries_id_fk" FOREIGN KEY ("inquiry_id") REFERENCES "public"."investment_inquiries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_inquiry_cases" ADD CONSTRAINT "investment_inquiry_cases_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_inquiry_cases" ADD CONSTRAINT "investment_inquiry_cases_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_inquiry_events" ADD CONSTRAINT "investment_inquiry_events_inquiry_id_investment_inquiries_id_fk" FOREIGN KEY ("inquiry_id") REFERENCES "public"."investment_inquiries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_inquiry_events" ADD CONSTRAINT "investment_inquiry_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_details" ADD CONSTRAINT "site_details_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_details" ADD CONSTRAINT "site_details_contact_organisation_id_organisations_id_fk" FOREIGN KEY ("contact_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_attendance" ADD CONSTRAINT "event_attendance_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_attendance" ADD CONSTRAINT "event_attendance_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_interests" ADD CONSTRAINT "match_interests_from_profile_id_match_profiles_id_fk" FOREIGN KEY ("from_profile_id") REFERENCES "public"."match_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_interests" ADD CONSTRAINT "match_interests_to_profile_id_match_profiles_id_fk" FOREIGN KEY ("to_profile_id") REFERENCES "public"."match_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_interests" ADD CONSTRAINT "match_interests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_profiles" ADD CONSTRAINT "match_profiles_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_profiles" ADD CONSTRAINT "match_profiles_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "investment_inquiries_org_idx" ON "investment_inquiries" USING btree ("organisation_id","stage");--> statement-breakpoint
CREATE INDEX "investment_inquiry_events_inquiry_idx" ON "investment_inquiry_events" USING btree ("inquiry_id","id");--> statement-breakpoint
CREATE INDEX "event_attendance_event_idx" ON "event_attendance" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_attendance_orgnr_idx" ON "event_attendance" USING btree ("company_orgnr");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_email_unique" ON "event_registrations" USING btree ("event_id",lower("email")) WHERE "event_registrations"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "event_registrations_event_idx" ON "event_registrations" USING btree ("event_id","status","seq");--> statement-breakpoint
CREATE INDEX "events_status_start_idx" ON "events" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "events_org_idx" ON "events" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "match_interests_to_idx" ON "match_interests" USING btree ("to_profile_id");--> statement-breakpoint
CREATE INDEX "match_profiles_company_idx" ON "match_profiles" USING btree ("company_orgnr");--> statement-breakpoint
CREATE INDEX "match_profiles_org_idx" ON "match_profiles" USING btree ("organisation_id");