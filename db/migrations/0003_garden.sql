CREATE TABLE "garden_availability" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	CONSTRAINT "garden_availability_window" CHECK ("garden_availability"."weekday" between 1 and 7 and "garden_availability"."start_minute" >= 0 and "garden_availability"."end_minute" <= 1440 and "garden_availability"."end_minute" > "garden_availability"."start_minute")
);
--> statement-breakpoint
CREATE TABLE "garden_beds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"name" text NOT NULL,
	"area_dm2" integer NOT NULL,
	"position_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_beds_villageId_name_unique" UNIQUE("village_id","name"),
	CONSTRAINT "garden_beds_area" CHECK ("garden_beds"."area_dm2" between 10 and 10000)
);
--> statement-breakpoint
CREATE TABLE "garden_distributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"harvest_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"grams" integer,
	"count" integer,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_distributions_harvestId_householdId_unique" UNIQUE("harvest_id","household_id"),
	CONSTRAINT "garden_distributions_amount" CHECK (("garden_distributions"."grams" is null or "garden_distributions"."grams" > 0) and ("garden_distributions"."count" is null or "garden_distributions"."count" > 0))
);
--> statement-breakpoint
CREATE TABLE "garden_duties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"weekdays" integer[] NOT NULL,
	"start_minute" integer NOT NULL,
	"duration_minutes" integer NOT NULL,
	"capacity" integer NOT NULL,
	"unpopular" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_duties_capacity" CHECK ("garden_duties"."capacity" between 1 and 20),
	CONSTRAINT "garden_duties_time" CHECK ("garden_duties"."start_minute" >= 0 and "garden_duties"."duration_minutes" > 0 and "garden_duties"."start_minute" + "garden_duties"."duration_minutes" <= 1440)
);
--> statement-breakpoint
CREATE TABLE "garden_harvests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"bed_id" uuid,
	"crop" text NOT NULL,
	"grams" integer,
	"count" integer,
	"harvested_on" date NOT NULL,
	"logged_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_harvests_amount" CHECK (("garden_harvests"."grams" is not null or "garden_harvests"."count" is not null) and ("garden_harvests"."grams" is null or "garden_harvests"."grams" between 1 and 200000) and ("garden_harvests"."count" is null or "garden_harvests"."count" between 1 and 5000))
);
--> statement-breakpoint
CREATE TABLE "garden_plantings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"bed_id" uuid NOT NULL,
	"crop" text NOT NULL,
	"sown_on" date NOT NULL,
	"expected_harvest_on" date,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "garden_points_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"signup_id" uuid,
	"minutes" integer DEFAULT 0 NOT NULL,
	"points" integer NOT NULL,
	"reason" text NOT NULL,
	"corrects_entry_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_points_kind" CHECK (("garden_points_ledger"."kind" = 'shift' and "garden_points_ledger"."signup_id" is not null and "garden_points_ledger"."points" >= 0) or ("garden_points_ledger"."kind" = 'adjustment' and "garden_points_ledger"."points" <> 0))
);
--> statement-breakpoint
CREATE TABLE "garden_points_rules" (
	"village_id" uuid PRIMARY KEY NOT NULL,
	"points_per_hour" integer NOT NULL,
	"unpopular_percent" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_points_rules_range" CHECK ("garden_points_rules"."points_per_hour" between 1 and 100 and "garden_points_rules"."unpopular_percent" between 100 and 300)
);
--> statement-breakpoint
CREATE TABLE "garden_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"signup_id" uuid NOT NULL,
	"shift_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"sent_at" timestamp with time zone,
	"send_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_reminders_shiftId_personId_unique" UNIQUE("shift_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "garden_shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"duty_id" uuid,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"unpopular" boolean DEFAULT false NOT NULL,
	"cancelled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_shifts_dutyId_startsAt_unique" UNIQUE("duty_id","starts_at"),
	CONSTRAINT "garden_shifts_capacity" CHECK ("garden_shifts"."capacity" between 1 and 20),
	CONSTRAINT "garden_shifts_time" CHECK ("garden_shifts"."ends_at" > "garden_shifts"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "garden_signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"shift_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"checked_in_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_signups_shift_person" UNIQUE("shift_id","person_id"),
	CONSTRAINT "garden_signups_status" CHECK ("garden_signups"."status" in ('booked', 'checked_in', 'done', 'no_show'))
);
--> statement-breakpoint
CREATE TABLE "garden_swaps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"signup_id" uuid NOT NULL,
	"from_person_id" uuid NOT NULL,
	"to_person_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_swaps_not_self" CHECK ("garden_swaps"."from_person_id" <> "garden_swaps"."to_person_id")
);
--> statement-breakpoint
CREATE TABLE "garden_task_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"season" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "garden_availability" ADD CONSTRAINT "garden_availability_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_availability" ADD CONSTRAINT "garden_availability_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_beds" ADD CONSTRAINT "garden_beds_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_distributions" ADD CONSTRAINT "garden_distributions_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_distributions" ADD CONSTRAINT "garden_distributions_harvest_id_garden_harvests_id_fk" FOREIGN KEY ("harvest_id") REFERENCES "public"."garden_harvests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_distributions" ADD CONSTRAINT "garden_distributions_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_distributions" ADD CONSTRAINT "garden_distributions_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_duties" ADD CONSTRAINT "garden_duties_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_harvests" ADD CONSTRAINT "garden_harvests_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_harvests" ADD CONSTRAINT "garden_harvests_bed_id_garden_beds_id_fk" FOREIGN KEY ("bed_id") REFERENCES "public"."garden_beds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_harvests" ADD CONSTRAINT "garden_harvests_logged_by_people_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_plantings" ADD CONSTRAINT "garden_plantings_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_plantings" ADD CONSTRAINT "garden_plantings_bed_id_garden_beds_id_fk" FOREIGN KEY ("bed_id") REFERENCES "public"."garden_beds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_plantings" ADD CONSTRAINT "garden_plantings_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_points_ledger" ADD CONSTRAINT "garden_points_ledger_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_points_ledger" ADD CONSTRAINT "garden_points_ledger_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_points_ledger" ADD CONSTRAINT "garden_points_ledger_signup_id_garden_signups_id_fk" FOREIGN KEY ("signup_id") REFERENCES "public"."garden_signups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_points_ledger" ADD CONSTRAINT "garden_points_ledger_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_points_rules" ADD CONSTRAINT "garden_points_rules_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_points_rules" ADD CONSTRAINT "garden_points_rules_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD CONSTRAINT "garden_reminders_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD CONSTRAINT "garden_reminders_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD CONSTRAINT "garden_reminders_signup_id_garden_signups_id_fk" FOREIGN KEY ("signup_id") REFERENCES "public"."garden_signups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD CONSTRAINT "garden_reminders_shift_id_garden_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."garden_shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_shifts" ADD CONSTRAINT "garden_shifts_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_shifts" ADD CONSTRAINT "garden_shifts_duty_id_garden_duties_id_fk" FOREIGN KEY ("duty_id") REFERENCES "public"."garden_duties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_signups" ADD CONSTRAINT "garden_signups_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_signups" ADD CONSTRAINT "garden_signups_shift_id_garden_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."garden_shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_signups" ADD CONSTRAINT "garden_signups_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_swaps" ADD CONSTRAINT "garden_swaps_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_swaps" ADD CONSTRAINT "garden_swaps_signup_id_garden_signups_id_fk" FOREIGN KEY ("signup_id") REFERENCES "public"."garden_signups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_swaps" ADD CONSTRAINT "garden_swaps_from_person_id_people_id_fk" FOREIGN KEY ("from_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_swaps" ADD CONSTRAINT "garden_swaps_to_person_id_people_id_fk" FOREIGN KEY ("to_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_swaps" ADD CONSTRAINT "garden_swaps_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_task_templates" ADD CONSTRAINT "garden_task_templates_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "garden_availability_village_id_person_id_index" ON "garden_availability" USING btree ("village_id","person_id");--> statement-breakpoint
CREATE INDEX "garden_distributions_village_id_index" ON "garden_distributions" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "garden_duties_village_id_index" ON "garden_duties" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "garden_harvests_village_id_harvested_on_index" ON "garden_harvests" USING btree ("village_id","harvested_on");--> statement-breakpoint
CREATE INDEX "garden_plantings_village_id_sown_on_index" ON "garden_plantings" USING btree ("village_id","sown_on");--> statement-breakpoint
CREATE INDEX "garden_plantings_bed_id_index" ON "garden_plantings" USING btree ("bed_id");--> statement-breakpoint
CREATE INDEX "garden_points_ledger_village_id_person_id_index" ON "garden_points_ledger" USING btree ("village_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "garden_points_one_per_signup" ON "garden_points_ledger" USING btree ("signup_id") WHERE "garden_points_ledger"."kind" = 'shift';--> statement-breakpoint
CREATE INDEX "garden_reminders_village_id_person_id_index" ON "garden_reminders" USING btree ("village_id","person_id");--> statement-breakpoint
CREATE INDEX "garden_shifts_village_id_starts_at_index" ON "garden_shifts" USING btree ("village_id","starts_at");--> statement-breakpoint
CREATE INDEX "garden_signups_village_id_person_id_index" ON "garden_signups" USING btree ("village_id","person_id");--> statement-breakpoint
CREATE INDEX "garden_swaps_village_id_to_person_id_index" ON "garden_swaps" USING btree ("village_id","to_person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "garden_swaps_one_pending" ON "garden_swaps" USING btree ("signup_id") WHERE "garden_swaps"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "garden_task_templates_village_id_season_index" ON "garden_task_templates" USING btree ("village_id","season");