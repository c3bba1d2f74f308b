CREATE TABLE "garden_bed_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"bed_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"area_dm2" integer NOT NULL,
	"position_label" text NOT NULL,
	"reason" text NOT NULL,
	"corrected_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_bed_corrections_bedId_seq_unique" UNIQUE("bed_id","seq"),
	CONSTRAINT "garden_bed_corrections_area" CHECK ("garden_bed_corrections"."area_dm2" between 10 and 10000),
	CONSTRAINT "garden_bed_corrections_seq" CHECK ("garden_bed_corrections"."seq" >= 1),
	CONSTRAINT "garden_bed_corrections_reason" CHECK (btrim("garden_bed_corrections"."reason") <> '')
);
--> statement-breakpoint
CREATE TABLE "garden_harvest_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"harvest_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"bed_id" uuid,
	"crop" text NOT NULL,
	"grams" integer,
	"count" integer,
	"harvested_on" date NOT NULL,
	"reason" text NOT NULL,
	"corrected_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_harvest_corrections_harvestId_seq_unique" UNIQUE("harvest_id","seq"),
	CONSTRAINT "garden_harvest_corrections_seq" CHECK ("garden_harvest_corrections"."seq" >= 1),
	CONSTRAINT "garden_harvest_corrections_amount" CHECK (("garden_harvest_corrections"."grams" is not null or "garden_harvest_corrections"."count" is not null) and ("garden_harvest_corrections"."grams" is null or "garden_harvest_corrections"."grams" between 1 and 200000) and ("garden_harvest_corrections"."count" is null or "garden_harvest_corrections"."count" between 1 and 5000)),
	CONSTRAINT "garden_harvest_corrections_reason" CHECK (btrim("garden_harvest_corrections"."reason") <> '')
);
--> statement-breakpoint
CREATE TABLE "garden_planting_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"planting_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"bed_id" uuid NOT NULL,
	"crop" text NOT NULL,
	"sown_on" date NOT NULL,
	"expected_harvest_on" date,
	"note" text,
	"reason" text NOT NULL,
	"corrected_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_planting_corrections_plantingId_seq_unique" UNIQUE("planting_id","seq"),
	CONSTRAINT "garden_planting_corrections_seq" CHECK ("garden_planting_corrections"."seq" >= 1),
	CONSTRAINT "garden_planting_corrections_dates" CHECK ("garden_planting_corrections"."expected_harvest_on" is null or "garden_planting_corrections"."expected_harvest_on" >= "garden_planting_corrections"."sown_on"),
	CONSTRAINT "garden_planting_corrections_reason" CHECK (btrim("garden_planting_corrections"."reason") <> '')
);
--> statement-breakpoint
ALTER TABLE "garden_bed_corrections" ADD CONSTRAINT "garden_bed_corrections_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_bed_corrections" ADD CONSTRAINT "garden_bed_corrections_bed_id_garden_beds_id_fk" FOREIGN KEY ("bed_id") REFERENCES "public"."garden_beds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_bed_corrections" ADD CONSTRAINT "garden_bed_corrections_corrected_by_people_id_fk" FOREIGN KEY ("corrected_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_harvest_corrections" ADD CONSTRAINT "garden_harvest_corrections_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_harvest_corrections" ADD CONSTRAINT "garden_harvest_corrections_harvest_id_garden_harvests_id_fk" FOREIGN KEY ("harvest_id") REFERENCES "public"."garden_harvests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_harvest_corrections" ADD CONSTRAINT "garden_harvest_corrections_bed_id_garden_beds_id_fk" FOREIGN KEY ("bed_id") REFERENCES "public"."garden_beds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_harvest_corrections" ADD CONSTRAINT "garden_harvest_corrections_corrected_by_people_id_fk" FOREIGN KEY ("corrected_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_planting_corrections" ADD CONSTRAINT "garden_planting_corrections_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_planting_corrections" ADD CONSTRAINT "garden_planting_corrections_planting_id_garden_plantings_id_fk" FOREIGN KEY ("planting_id") REFERENCES "public"."garden_plantings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_planting_corrections" ADD CONSTRAINT "garden_planting_corrections_bed_id_garden_beds_id_fk" FOREIGN KEY ("bed_id") REFERENCES "public"."garden_beds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_planting_corrections" ADD CONSTRAINT "garden_planting_corrections_corrected_by_people_id_fk" FOREIGN KEY ("corrected_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- custom (hand-written) --
-- Beds, plantings and harvests are facts: recorded once, never edited or removed. A mistake is put
-- right by a correction row (which is itself never edited), so what was first written stays readable.
CREATE OR REPLACE FUNCTION garden_facts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: record a correction instead', TG_TABLE_NAME USING ERRCODE = 'P0001', HINT = 'garden_facts_append_only';
END
$$;
--> statement-breakpoint
CREATE TRIGGER garden_beds_append_only BEFORE UPDATE OR DELETE ON "garden_beds" FOR EACH ROW EXECUTE FUNCTION garden_facts_append_only();
--> statement-breakpoint
CREATE TRIGGER garden_beds_no_truncate BEFORE TRUNCATE ON "garden_beds" FOR EACH STATEMENT EXECUTE FUNCTION garden_facts_append_only();
--> statement-breakpoint
CREATE TRIGGER garden_plantings_append_only BEFORE UPDATE OR DELETE ON "garden_plantings" FOR EACH ROW EXECUTE FUNCTION garden_facts_append_only();
--> statement-breakpoint
CREATE TRIGGER garden_plantings_no_truncate BEFORE TRUNCATE ON "garden_plantings" FOR EACH STATEMENT EXECUTE FUNCTION garden_facts_append_only();
--> statement-breakpoint
CREATE TRIGGER garden_harvests_append_only BEFORE UPDATE OR DELETE ON "garden_harvests" FOR EACH ROW EXECUTE FUNCTION garden_facts_append_only();
--> statement-breakpoint
CREATE TRIGGER garden_harvests_no_truncate BEFORE TRUNCATE ON "garden_harvests" FOR EACH STATEMENT EXECUTE FUNCTION garden_facts_append_only();
--> statement-breakpoint
CREATE TRIGGER garden_bed_corrections_append_only BEFORE UPDATE OR DELETE ON "garden_bed_corrections" FOR EACH ROW EXECUTE FUNCTION garden_facts_append_only();
--> statement-breakpoint
CREATE TRIGGER garden_bed_corrections_no_truncate BEFORE TRUNCATE ON "garden_bed_corrections" FOR EACH STATEMENT EXECUTE FUNCTION garden_facts_append_only();
--> statement-breakpoint
CREATE TRIGGER garden_planting_corrections_append_only BEFORE UPDATE OR DELETE ON "garden_planting_corrections" FOR EACH ROW EXECUTE FUNCTION garden_facts_append_only();
--> statement-breakpoint
CREATE TRIGGER garden_planting_corrections_no_truncate BEFORE TRUNCATE ON "garden_planting_corrections" FOR EACH STATEMENT EXECUTE FUNCTION garden_facts_append_only();
--> statement-breakpoint
CREATE TRIGGER garden_harvest_corrections_append_only BEFORE UPDATE OR DELETE ON "garden_harvest_corrections" FOR EACH ROW EXECUTE FUNCTION garden_facts_append_only();
--> statement-breakpoint
CREATE TRIGGER garden_harvest_corrections_no_truncate BEFORE TRUNCATE ON "garden_harvest_corrections" FOR EACH STATEMENT EXECUTE FUNCTION garden_facts_append_only();
--> statement-breakpoint
-- A correction continues its fact's chain (the next number, the fact's own village, a bed of that
-- village). The original row is locked first, as the API does, so two corrections are one after the other.
CREATE OR REPLACE FUNCTION garden_bed_correction_in_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  fact_village uuid;
  last_seq integer;
BEGIN
  SELECT "village_id" INTO fact_village FROM "garden_beds" WHERE "id" = NEW."bed_id" FOR UPDATE;
  SELECT coalesce(max("seq"), 0) INTO last_seq FROM "garden_bed_corrections" WHERE "bed_id" = NEW."bed_id";
  IF fact_village IS DISTINCT FROM NEW."village_id" OR NEW."seq" <> last_seq + 1 THEN
    RAISE EXCEPTION 'correction of bed % out of its chain', NEW."bed_id" USING ERRCODE = 'check_violation', CONSTRAINT = 'garden_correction_in_chain';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER garden_bed_corrections_in_chain BEFORE INSERT ON "garden_bed_corrections" FOR EACH ROW EXECUTE FUNCTION garden_bed_correction_in_chain();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION garden_planting_correction_in_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  fact_village uuid;
  last_seq integer;
BEGIN
  SELECT "village_id" INTO fact_village FROM "garden_plantings" WHERE "id" = NEW."planting_id" FOR UPDATE;
  SELECT coalesce(max("seq"), 0) INTO last_seq FROM "garden_planting_corrections" WHERE "planting_id" = NEW."planting_id";
  IF fact_village IS DISTINCT FROM NEW."village_id" OR NEW."seq" <> last_seq + 1
     OR NOT EXISTS (SELECT 1 FROM "garden_beds" WHERE "id" = NEW."bed_id" AND "village_id" = NEW."village_id") THEN
    RAISE EXCEPTION 'correction of planting % out of its chain', NEW."planting_id" USING ERRCODE = 'check_violation', CONSTRAINT = 'garden_correction_in_chain';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER garden_planting_corrections_in_chain BEFORE INSERT ON "garden_planting_corrections" FOR EACH ROW EXECUTE FUNCTION garden_planting_correction_in_chain();
--> statement-breakpoint
-- A harvest's correction also keeps to what was already handed out: never less than the shares
-- together, and in the unit they were given in. The API refuses these itself with
-- garden_correction_below_shared / garden_correction_unit_locked; this is the backstop.
CREATE OR REPLACE FUNCTION garden_harvest_correction_fits_shares() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  fact record;
  latest record;
  last_seq integer := 0;
  by_weight boolean;
  shares bigint;
  given_grams bigint;
  given_count bigint;
BEGIN
  SELECT "village_id", "grams" INTO fact FROM "garden_harvests" WHERE "id" = NEW."harvest_id" FOR UPDATE;
  by_weight := fact."grams" IS NOT NULL;
  SELECT "seq", "grams" INTO latest FROM "garden_harvest_corrections" WHERE "harvest_id" = NEW."harvest_id" ORDER BY "seq" DESC LIMIT 1;
  IF FOUND THEN
    last_seq := latest."seq";
    by_weight := latest."grams" IS NOT NULL;
  END IF;
  IF fact."village_id" IS DISTINCT FROM NEW."village_id" OR NEW."seq" <> last_seq + 1
     OR (NEW."bed_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "garden_beds" WHERE "id" = NEW."bed_id" AND "village_id" = NEW."village_id")) THEN
    RAISE EXCEPTION 'correction of harvest % out of its chain', NEW."harvest_id" USING ERRCODE = 'check_violation', CONSTRAINT = 'garden_correction_in_chain';
  END IF;
  SELECT count(*), coalesce(sum("grams"), 0), coalesce(sum("count"), 0) INTO shares, given_grams, given_count FROM "garden_distributions" WHERE "harvest_id" = NEW."harvest_id";
  IF shares > 0 THEN
    IF by_weight <> (NEW."grams" IS NOT NULL) THEN
      RAISE EXCEPTION 'harvest % was shared in another unit', NEW."harvest_id" USING ERRCODE = 'check_violation', CONSTRAINT = 'garden_harvest_correction_fits_shares';
    END IF;
    IF (by_weight AND NEW."grams" < given_grams) OR (NOT by_weight AND NEW."count" < given_count) THEN
      RAISE EXCEPTION 'harvest % corrected below what was handed out', NEW."harvest_id" USING ERRCODE = 'check_violation', CONSTRAINT = 'garden_harvest_correction_fits_shares';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER garden_harvest_corrections_fit_shares BEFORE INSERT ON "garden_harvest_corrections" FOR EACH ROW EXECUTE FUNCTION garden_harvest_correction_fits_shares();
--> statement-breakpoint
-- Shares are checked against the harvest as corrected (its latest correction), not as first logged.
CREATE OR REPLACE FUNCTION garden_distribution_fits_harvest() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  harvest record;
  corrected record;
  given bigint;
BEGIN
  SELECT "grams", "count" INTO harvest FROM "garden_harvests" WHERE "id" = NEW."harvest_id" FOR UPDATE;
  SELECT "grams", "count" INTO corrected FROM "garden_harvest_corrections" WHERE "harvest_id" = NEW."harvest_id" ORDER BY "seq" DESC LIMIT 1;
  IF FOUND THEN
    harvest := corrected;
  END IF;
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
$$;
