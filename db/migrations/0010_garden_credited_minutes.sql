ALTER TABLE "garden_distributions" ADD COLUMN "beyond_elderly_reason" text;--> statement-breakpoint
ALTER TABLE "garden_signups" ADD COLUMN "credited_minutes" integer;--> statement-breakpoint
ALTER TABLE "garden_signups" ADD COLUMN "done_by" uuid;--> statement-breakpoint
ALTER TABLE "garden_signups" ADD COLUMN "done_reason" text;--> statement-breakpoint
ALTER TABLE "garden_signups" ADD CONSTRAINT "garden_signups_done_by_people_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- custom (hand-written) --
-- Shifts marked done before this migration were credited with their full length (the ledger's
-- minutes say so); they keep exactly that, so nobody's hours or place on the roster move.
UPDATE "garden_signups" AS s SET
  "done_at" = coalesce(s."done_at", sh."ends_at"),
  "credited_minutes" = coalesce(
    (SELECT l."minutes" FROM "garden_points_ledger" AS l WHERE l."signup_id" = s."id" AND l."kind" = 'shift' LIMIT 1),
    round(extract(epoch FROM (sh."ends_at" - sh."starts_at")) / 60)::integer
  )
FROM "garden_shifts" AS sh
WHERE sh."id" = s."shift_id" AND s."status" = 'done' AND s."credited_minutes" IS NULL;--> statement-breakpoint
-- A steward could mark done someone who never checked in without saying why; say that it was so.
UPDATE "garden_signups" SET "done_reason" = '（新规则之前由主理人确认完成，当时没有记原因）'
WHERE "status" = 'done' AND "checked_in_at" IS NULL AND "done_reason" IS NULL;--> statement-breakpoint
ALTER TABLE "garden_signups" ADD CONSTRAINT "garden_signups_done" CHECK ("status" <> 'done' OR ("done_at" IS NOT NULL AND "credited_minutes" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "garden_signups" ADD CONSTRAINT "garden_signups_credited_minutes" CHECK ("credited_minutes" IS NULL OR "credited_minutes" BETWEEN 0 AND 1440);--> statement-breakpoint
ALTER TABLE "garden_signups" ADD CONSTRAINT "garden_signups_done_reason" CHECK ("status" <> 'done' OR "checked_in_at" IS NOT NULL OR "done_reason" IS NOT NULL);--> statement-breakpoint
-- Every share names exactly one amount. NOT VALID: shares recorded without an amount before this
-- stay as history (the audit log has them); every share from now on is checked.
ALTER TABLE "garden_distributions" ADD CONSTRAINT "garden_distributions_one_amount" CHECK (num_nonnulls("grams", "count") = 1) NOT VALID;--> statement-breakpoint
-- A share is in its harvest's unit (by weight when the harvest was weighed, else by count), and
-- all shares together never exceed the harvest. The harvest row is locked first, so two shares
-- racing for the last grams are counted one after the other. The API refuses these itself with
-- garden_share_wrong_unit / garden_harvest_over_distributed; this is the backstop.
CREATE OR REPLACE FUNCTION garden_distribution_fits_harvest() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  harvest record;
  given bigint;
BEGIN
  SELECT "grams", "count" INTO harvest FROM "garden_harvests" WHERE "id" = NEW."harvest_id" FOR UPDATE;
  IF harvest."grams" IS NOT NULL THEN
    IF NEW."grams" IS NULL OR NEW."count" IS NOT NULL THEN
      RAISE EXCEPTION 'share not in grams, the unit of harvest %', NEW."harvest_id" USING ERRCODE = 'check_violation', CONSTRAINT = 'garden_distribution_fits_harvest';
    END IF;
    SELECT coalesce(sum("grams"), 0) INTO given FROM "garden_distributions" WHERE "harvest_id" = NEW."harvest_id" AND "id" <> NEW."id";
    IF given + NEW."grams" > harvest."grams" THEN
      RAISE EXCEPTION 'shares exceed harvest %', NEW."harvest_id" USING ERRCODE = 'check_violation', CONSTRAINT = 'garden_distribution_fits_harvest';
    END IF;
  ELSE
    IF NEW."count" IS NULL OR NEW."grams" IS NOT NULL THEN
      RAISE EXCEPTION 'share not in pieces, the unit of harvest %', NEW."harvest_id" USING ERRCODE = 'check_violation', CONSTRAINT = 'garden_distribution_fits_harvest';
    END IF;
    SELECT coalesce(sum("count"), 0) INTO given FROM "garden_distributions" WHERE "harvest_id" = NEW."harvest_id" AND "id" <> NEW."id";
    IF given + NEW."count" > harvest."count" THEN
      RAISE EXCEPTION 'shares exceed harvest %', NEW."harvest_id" USING ERRCODE = 'check_violation', CONSTRAINT = 'garden_distribution_fits_harvest';
    END IF;
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER garden_distributions_fit_harvest BEFORE INSERT OR UPDATE ON "garden_distributions" FOR EACH ROW EXECUTE FUNCTION garden_distribution_fits_harvest();
