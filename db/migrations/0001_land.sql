CREATE TABLE "land_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"award_year_id" uuid NOT NULL,
	"season" text NOT NULL,
	"parcel_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"area_tenth_mu" integer NOT NULL,
	"allocated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "land_attendance" (
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"household_id" uuid,
	"method" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "land_attendance_meeting_id_person_id_pk" PRIMARY KEY("meeting_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "land_award_years" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"per_household_tenth_mu" integer NOT NULL,
	"season" text NOT NULL,
	"status" text DEFAULT 'nominating' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "land_award_years_villageId_year_unique" UNIQUE("village_id","year"),
	CONSTRAINT "land_award_years_share_positive" CHECK ("land_award_years"."per_household_tenth_mu" > 0)
);
--> statement-breakpoint
CREATE TABLE "land_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"award_year_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"tenth_mu" integer NOT NULL,
	"planned_parcel_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "land_awards_noticeId_householdId_unique" UNIQUE("notice_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "land_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"award_year_id" uuid NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"meeting_date" date NOT NULL,
	"notice_date" date NOT NULL,
	"urgent_reason" text,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"created_by" uuid,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "land_motions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"candidate_ids" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"passed" boolean,
	"result" jsonb,
	"hands_for" integer,
	"hands_against" integer,
	"hands_abstain" integer,
	"hands_entered_by" uuid,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "land_motions_hands_nonnegative" CHECK (coalesce("land_motions"."hands_for", 0) >= 0 and coalesce("land_motions"."hands_against", 0) >= 0 and coalesce("land_motions"."hands_abstain", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "land_nominations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"award_year_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"deed_kind" text NOT NULL,
	"deed_date" date NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"evidence_urls" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"self_applied" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"review_reason" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "land_nominations_awardYearId_householdId_unique" UNIQUE("award_year_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "land_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"award_year_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"published_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"period_days" integer NOT NULL,
	"motion_ids" jsonb NOT NULL,
	"waitlisted" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published_by" uuid,
	"locked_at" timestamp with time zone,
	"locked_by" uuid,
	"corrects_notice_id" uuid,
	"correction_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "land_notices_correction_reason" CHECK ("land_notices"."corrects_notice_id" is null or "land_notices"."correction_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "land_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"text" text NOT NULL,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reply" text,
	"replied_by" uuid,
	"replied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "land_parcels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"name" text NOT NULL,
	"area_tenth_mu" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "land_parcels_villageId_name_unique" UNIQUE("village_id","name"),
	CONSTRAINT "land_parcels_area_positive" CHECK ("land_parcels"."area_tenth_mu" > 0)
);
--> statement-breakpoint
CREATE TABLE "land_pool_parcels" (
	"award_year_id" uuid NOT NULL,
	"parcel_id" uuid NOT NULL,
	CONSTRAINT "land_pool_parcels_award_year_id_parcel_id_pk" PRIMARY KEY("award_year_id","parcel_id")
);
--> statement-breakpoint
CREATE TABLE "land_votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"motion_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"assisted" boolean DEFAULT false NOT NULL,
	"recorded_by" uuid NOT NULL,
	"cast_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "land_votes_motion_person" UNIQUE("motion_id","person_id"),
	CONSTRAINT "land_votes_choice" CHECK ("land_votes"."choice" in ('for','against','abstain'))
);
--> statement-breakpoint
ALTER TABLE "land_allocations" ADD CONSTRAINT "land_allocations_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_allocations" ADD CONSTRAINT "land_allocations_award_year_id_land_award_years_id_fk" FOREIGN KEY ("award_year_id") REFERENCES "public"."land_award_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_allocations" ADD CONSTRAINT "land_allocations_parcel_id_land_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."land_parcels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_allocations" ADD CONSTRAINT "land_allocations_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_allocations" ADD CONSTRAINT "land_allocations_allocated_by_people_id_fk" FOREIGN KEY ("allocated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_attendance" ADD CONSTRAINT "land_attendance_meeting_id_land_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."land_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_attendance" ADD CONSTRAINT "land_attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_attendance" ADD CONSTRAINT "land_attendance_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_attendance" ADD CONSTRAINT "land_attendance_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_award_years" ADD CONSTRAINT "land_award_years_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_award_years" ADD CONSTRAINT "land_award_years_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_awards" ADD CONSTRAINT "land_awards_notice_id_land_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."land_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_awards" ADD CONSTRAINT "land_awards_award_year_id_land_award_years_id_fk" FOREIGN KEY ("award_year_id") REFERENCES "public"."land_award_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_awards" ADD CONSTRAINT "land_awards_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_meetings" ADD CONSTRAINT "land_meetings_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_meetings" ADD CONSTRAINT "land_meetings_award_year_id_land_award_years_id_fk" FOREIGN KEY ("award_year_id") REFERENCES "public"."land_award_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_meetings" ADD CONSTRAINT "land_meetings_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_motions" ADD CONSTRAINT "land_motions_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_motions" ADD CONSTRAINT "land_motions_meeting_id_land_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."land_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_motions" ADD CONSTRAINT "land_motions_hands_entered_by_people_id_fk" FOREIGN KEY ("hands_entered_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_nominations" ADD CONSTRAINT "land_nominations_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_nominations" ADD CONSTRAINT "land_nominations_award_year_id_land_award_years_id_fk" FOREIGN KEY ("award_year_id") REFERENCES "public"."land_award_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_nominations" ADD CONSTRAINT "land_nominations_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_nominations" ADD CONSTRAINT "land_nominations_reviewed_by_people_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_nominations" ADD CONSTRAINT "land_nominations_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_notices" ADD CONSTRAINT "land_notices_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_notices" ADD CONSTRAINT "land_notices_award_year_id_land_award_years_id_fk" FOREIGN KEY ("award_year_id") REFERENCES "public"."land_award_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_notices" ADD CONSTRAINT "land_notices_published_by_people_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_notices" ADD CONSTRAINT "land_notices_locked_by_people_id_fk" FOREIGN KEY ("locked_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_objections" ADD CONSTRAINT "land_objections_notice_id_land_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."land_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_objections" ADD CONSTRAINT "land_objections_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_objections" ADD CONSTRAINT "land_objections_replied_by_people_id_fk" FOREIGN KEY ("replied_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_parcels" ADD CONSTRAINT "land_parcels_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_pool_parcels" ADD CONSTRAINT "land_pool_parcels_award_year_id_land_award_years_id_fk" FOREIGN KEY ("award_year_id") REFERENCES "public"."land_award_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_pool_parcels" ADD CONSTRAINT "land_pool_parcels_parcel_id_land_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."land_parcels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_votes" ADD CONSTRAINT "land_votes_motion_id_land_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."land_motions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_votes" ADD CONSTRAINT "land_votes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_votes" ADD CONSTRAINT "land_votes_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "land_allocations_parcel_season" ON "land_allocations" USING btree ("parcel_id","season");--> statement-breakpoint
CREATE INDEX "land_allocations_award_year_id_index" ON "land_allocations" USING btree ("award_year_id");--> statement-breakpoint
CREATE INDEX "land_awards_award_year_id_index" ON "land_awards" USING btree ("award_year_id");--> statement-breakpoint
CREATE INDEX "land_meetings_award_year_id_index" ON "land_meetings" USING btree ("award_year_id");--> statement-breakpoint
CREATE INDEX "land_motions_meeting_id_index" ON "land_motions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "land_notices_award_year_id_index" ON "land_notices" USING btree ("award_year_id");--> statement-breakpoint
CREATE INDEX "land_objections_notice_id_index" ON "land_objections" USING btree ("notice_id");