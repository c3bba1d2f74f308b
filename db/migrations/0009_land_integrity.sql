CREATE TABLE "land_assistance_needs" (
	"village_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"need" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"marked_by" uuid,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "land_assistance_needs_village_id_person_id_pk" PRIMARY KEY("village_id","person_id"),
	CONSTRAINT "land_assistance_needs_need" CHECK ("land_assistance_needs"."need" in ('elderly','disabled','illiterate','other'))
);
--> statement-breakpoint
ALTER TABLE "land_attendance" ADD COLUMN "counted_household_id" uuid;--> statement-breakpoint
ALTER TABLE "land_notices" ADD COLUMN "replaces_notice_id" uuid;--> statement-breakpoint
ALTER TABLE "land_votes" ADD COLUMN "requested_by" text;--> statement-breakpoint
ALTER TABLE "land_votes" ADD COLUMN "family_member_name" text;--> statement-breakpoint
ALTER TABLE "land_votes" ADD COLUMN "assist_reason" text;--> statement-breakpoint
ALTER TABLE "land_assistance_needs" ADD CONSTRAINT "land_assistance_needs_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_assistance_needs" ADD CONSTRAINT "land_assistance_needs_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_assistance_needs" ADD CONSTRAINT "land_assistance_needs_marked_by_people_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_attendance" ADD CONSTRAINT "land_attendance_counted_household_id_households_id_fk" FOREIGN KEY ("counted_household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_attendance" ADD CONSTRAINT "land_attendance_household_once" UNIQUE("meeting_id","counted_household_id");--> statement-breakpoint
ALTER TABLE "land_notices" ADD CONSTRAINT "land_notices_replaces_once" UNIQUE("replaces_notice_id");--> statement-breakpoint
-- custom (hand-written) --
-- Assisted ballots entered before this migration named no requester: mark them as asked by the
-- villager, with a note saying so, so the check below holds for every row that ever existed.
UPDATE "land_votes" SET "requested_by" = 'self', "assist_reason" = '本功能上线前录入，未记录请求人'
 WHERE "assisted" AND "requested_by" IS NULL;
--> statement-breakpoint
ALTER TABLE "land_votes" ADD CONSTRAINT "land_votes_assist_recorded" CHECK (
  ("assisted" = ("requested_by" IS NOT NULL))
  AND ("requested_by" IS NULL OR "requested_by" IN ('self', 'family'))
  AND ("requested_by" IS DISTINCT FROM 'family' OR coalesce(length(trim("family_member_name")), 0) > 0)
);
--> statement-breakpoint
-- Frozen tallies gain the count of assisted ballots: a closed motion's ballots can no longer change.
UPDATE "land_motions" m SET "result" = m."result" || jsonb_build_object('assisted',
  (SELECT count(*) FROM "land_votes" v WHERE v."motion_id" = m."id" AND v."assisted"))
 WHERE m."result" IS NOT NULL AND NOT (m."result" ? 'assisted');
--> statement-breakpoint
-- Existing household-form attendance: the first representative of each household is the one counted.
UPDATE "land_attendance" a SET "counted_household_id" = ranked."household_id"
  FROM (SELECT x."meeting_id", x."person_id", p."household_id",
               row_number() OVER (PARTITION BY x."meeting_id", p."household_id" ORDER BY x."recorded_at", x."person_id") AS n
          FROM "land_attendance" x
          JOIN "land_meetings" g ON g."id" = x."meeting_id" AND g."type" = 'assembly_households'
          JOIN "people" p ON p."id" = x."person_id"
         WHERE p."household_id" IS NOT NULL) ranked
 WHERE a."meeting_id" = ranked."meeting_id" AND a."person_id" = ranked."person_id" AND ranked.n = 1;
--> statement-breakpoint
-- The database, not the application, decides which household an attendance counts for.
CREATE OR REPLACE FUNCTION land_attendance_count_household() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT g."type" FROM "land_meetings" g WHERE g."id" = NEW."meeting_id") = 'assembly_households' THEN
    NEW."counted_household_id" := (SELECT p."household_id" FROM "people" p WHERE p."id" = NEW."person_id");
  ELSE
    NEW."counted_household_id" := NULL;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER land_attendance_count_household BEFORE INSERT OR UPDATE OF "meeting_id", "person_id", "counted_household_id" ON "land_attendance"
  FOR EACH ROW EXECUTE FUNCTION land_attendance_count_household();
--> statement-breakpoint
-- An objection is never erased and its reply is written once; a notice with an unanswered
-- objection can be neither withdrawn nor locked (the routes refuse first; this is the backstop).
CREATE OR REPLACE FUNCTION land_objections_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'land objections are never deleted' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."notice_id" IS DISTINCT FROM OLD."notice_id" OR NEW."person_id" IS DISTINCT FROM OLD."person_id"
     OR NEW."text" IS DISTINCT FROM OLD."text" OR NEW."filed_at" IS DISTINCT FROM OLD."filed_at"
     OR (OLD."reply" IS NOT NULL AND NEW."reply" IS DISTINCT FROM OLD."reply") THEN
    RAISE EXCEPTION 'a land objection and its reply are written once' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER land_objections_keep BEFORE UPDATE OR DELETE ON "land_objections" FOR EACH ROW EXECUTE FUNCTION land_objections_keep();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION land_notices_answer_first() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."status" IN ('withdrawn', 'locked') AND OLD."status" = 'open'
     AND EXISTS (SELECT 1 FROM "land_objections" o WHERE o."notice_id" = NEW."id" AND o."reply" IS NULL) THEN
    RAISE EXCEPTION 'land notice % has unanswered objections', NEW."id" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER land_notices_answer_first BEFORE UPDATE OF "status" ON "land_notices" FOR EACH ROW EXECUTE FUNCTION land_notices_answer_first();
