CREATE INDEX "cases_updated_idx" ON "cases" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "company_profiles_updated_idx" ON "company_profiles" USING btree ("updated_at");