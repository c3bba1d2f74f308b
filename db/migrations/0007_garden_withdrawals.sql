-- Undoing a duty booking keeps history: withdrawn places and called-off shifts stay as rows with
-- who, when and why; only live places are unique per (shift, person), so a volunteer may sign up again.
ALTER TABLE "garden_signups" DROP CONSTRAINT "garden_signups_shift_person";--> statement-breakpoint
ALTER TABLE "garden_signups" DROP CONSTRAINT "garden_signups_status";--> statement-breakpoint
ALTER TABLE "garden_shifts" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "garden_shifts" ADD COLUMN "cancelled_by" uuid;--> statement-breakpoint
ALTER TABLE "garden_shifts" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "garden_signups" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "garden_signups" ADD COLUMN "withdrawn_by" uuid;--> statement-breakpoint
ALTER TABLE "garden_signups" ADD COLUMN "withdrawn_via" text;--> statement-breakpoint
ALTER TABLE "garden_signups" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "garden_shifts" ADD CONSTRAINT "garden_shifts_cancelled_by_people_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_signups" ADD CONSTRAINT "garden_signups_withdrawn_by_people_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "garden_signups_shift_person" ON "garden_signups" USING btree ("shift_id","person_id") WHERE "garden_signups"."status" <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "garden_signups_shift_id_index" ON "garden_signups" USING btree ("shift_id");--> statement-breakpoint
-- A shift flagged cancelled before this migration gets its creation time as the moment it was called off.
UPDATE "garden_shifts" SET "cancelled_at" = "created_at" WHERE "cancelled" AND "cancelled_at" IS NULL;--> statement-breakpoint
ALTER TABLE "garden_shifts" ADD CONSTRAINT "garden_shifts_cancelled" CHECK ("garden_shifts"."cancelled" = ("garden_shifts"."cancelled_at" is not null));--> statement-breakpoint
ALTER TABLE "garden_signups" ADD CONSTRAINT "garden_signups_withdrawn" CHECK (("garden_signups"."status" = 'withdrawn') = ("garden_signups"."withdrawn_at" is not null and "garden_signups"."withdrawn_via" is not null));--> statement-breakpoint
ALTER TABLE "garden_signups" ADD CONSTRAINT "garden_signups_status" CHECK ("garden_signups"."status" in ('booked', 'checked_in', 'done', 'no_show', 'withdrawn'));