CREATE TABLE "garden_redemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"reward_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"points" integer NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"handed_over_at" timestamp with time zone,
	"handed_over_by" uuid,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_redemptions_points" CHECK ("garden_redemptions"."points" > 0),
	CONSTRAINT "garden_redemptions_status" CHECK ("garden_redemptions"."status" in ('requested', 'handed_over', 'cancelled')),
	CONSTRAINT "garden_redemptions_handed" CHECK (("garden_redemptions"."status" = 'handed_over') = ("garden_redemptions"."handed_over_at" is not null)),
	CONSTRAINT "garden_redemptions_cancelled" CHECK (("garden_redemptions"."status" = 'cancelled') = ("garden_redemptions"."cancelled_at" is not null and "garden_redemptions"."cancel_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "garden_rewards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"name" text NOT NULL,
	"points" integer NOT NULL,
	"stock" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_rewards_villageId_name_unique" UNIQUE("village_id","name"),
	CONSTRAINT "garden_rewards_points" CHECK ("garden_rewards"."points" between 1 and 10000),
	CONSTRAINT "garden_rewards_stock" CHECK ("garden_rewards"."stock" >= 0)
);
--> statement-breakpoint
ALTER TABLE "garden_points_ledger" DROP CONSTRAINT "garden_points_kind";--> statement-breakpoint
ALTER TABLE "garden_duties" ADD COLUMN "seasons" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "garden_duties" ADD COLUMN "active_from" date;--> statement-breakpoint
ALTER TABLE "garden_duties" ADD COLUMN "active_until" date;--> statement-breakpoint
ALTER TABLE "garden_duties" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "garden_points_ledger" ADD COLUMN "redemption_id" uuid;--> statement-breakpoint
ALTER TABLE "garden_swaps" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "garden_redemptions" ADD CONSTRAINT "garden_redemptions_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_redemptions" ADD CONSTRAINT "garden_redemptions_reward_id_garden_rewards_id_fk" FOREIGN KEY ("reward_id") REFERENCES "public"."garden_rewards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_redemptions" ADD CONSTRAINT "garden_redemptions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_redemptions" ADD CONSTRAINT "garden_redemptions_handed_over_by_people_id_fk" FOREIGN KEY ("handed_over_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_redemptions" ADD CONSTRAINT "garden_redemptions_cancelled_by_people_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_rewards" ADD CONSTRAINT "garden_rewards_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_rewards" ADD CONSTRAINT "garden_rewards_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "garden_redemptions_village_id_status_index" ON "garden_redemptions" USING btree ("village_id","status");--> statement-breakpoint
CREATE INDEX "garden_redemptions_person_id_index" ON "garden_redemptions" USING btree ("person_id");--> statement-breakpoint
ALTER TABLE "garden_points_ledger" ADD CONSTRAINT "garden_points_ledger_redemption_id_garden_redemptions_id_fk" FOREIGN KEY ("redemption_id") REFERENCES "public"."garden_redemptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "garden_points_one_per_redemption" ON "garden_points_ledger" USING btree ("redemption_id","kind") WHERE "garden_points_ledger"."kind" in ('redemption', 'refund');--> statement-breakpoint
ALTER TABLE "garden_duties" ADD CONSTRAINT "garden_duties_range" CHECK ("garden_duties"."active_from" is null or "garden_duties"."active_until" is null or "garden_duties"."active_from" <= "garden_duties"."active_until");--> statement-breakpoint
ALTER TABLE "garden_duties" ADD CONSTRAINT "garden_duties_seasons" CHECK ("garden_duties"."seasons" <@ array['spring', 'summer', 'autumn', 'winter']::text[]);--> statement-breakpoint
ALTER TABLE "garden_points_ledger" ADD CONSTRAINT "garden_points_kind" CHECK (("garden_points_ledger"."kind" = 'shift' and "garden_points_ledger"."signup_id" is not null and "garden_points_ledger"."points" >= 0) or ("garden_points_ledger"."kind" = 'adjustment' and "garden_points_ledger"."points" <> 0) or ("garden_points_ledger"."kind" = 'redemption' and "garden_points_ledger"."redemption_id" is not null and "garden_points_ledger"."points" < 0) or ("garden_points_ledger"."kind" = 'refund' and "garden_points_ledger"."redemption_id" is not null and "garden_points_ledger"."points" > 0));--> statement-breakpoint
-- custom (hand-written) --
-- A steward's reassignment carries a reason from now on; earlier ones had none and stay as history.
ALTER TABLE "garden_swaps" ADD CONSTRAINT "garden_swaps_reassign_reason" CHECK ("status" <> 'reassigned' or ("reason" is not null and btrim("reason") <> '')) NOT VALID;
--> statement-breakpoint
-- 积分超市: a redemption never takes a balance below zero. The person's row is locked first (the
-- order the handlers take), so two redemptions by one person at once are counted one after the other.
CREATE OR REPLACE FUNCTION garden_points_no_overdraft() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  balance bigint;
BEGIN
  PERFORM 1 FROM people WHERE id = NEW.person_id FOR UPDATE;
  SELECT coalesce(sum(points), 0) INTO balance FROM garden_points_ledger WHERE village_id = NEW.village_id AND person_id = NEW.person_id;
  IF balance + NEW.points < 0 THEN
    RAISE EXCEPTION 'garden points balance would go below zero' USING ERRCODE = 'P0001', HINT = 'garden_points_insufficient';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER garden_points_no_overdraft BEFORE INSERT ON "garden_points_ledger" FOR EACH ROW WHEN (NEW.kind = 'redemption') EXECUTE FUNCTION garden_points_no_overdraft();
