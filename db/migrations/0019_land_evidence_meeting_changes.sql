CREATE TABLE "land_evidence_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"nomination_id" uuid,
	"position" integer,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "land_evidence_photos_type" CHECK ("land_evidence_photos"."content_type" in ('image/jpeg','image/png','image/webp')),
	CONSTRAINT "land_evidence_photos_size" CHECK ("land_evidence_photos"."byte_size" > 0 and "land_evidence_photos"."byte_size" <= 614400 and octet_length("land_evidence_photos"."data") = "land_evidence_photos"."byte_size"),
	CONSTRAINT "land_evidence_photos_sha256" CHECK ("land_evidence_photos"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "land_meeting_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	"urgent_reason" text,
	"attendance_cleared" integer DEFAULT 0 NOT NULL,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "land_meeting_changes_kind" CHECK ("land_meeting_changes"."kind" in ('cancelled','postponed')),
	CONSTRAINT "land_meeting_changes_dates" CHECK (("land_meeting_changes"."kind" = 'cancelled' and "land_meeting_changes"."to_date" is null) or ("land_meeting_changes"."kind" = 'postponed' and "land_meeting_changes"."to_date" is not null and "land_meeting_changes"."to_date" <> "land_meeting_changes"."from_date"))
);
--> statement-breakpoint
ALTER TABLE "land_meetings" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "land_evidence_photos" ADD CONSTRAINT "land_evidence_photos_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_evidence_photos" ADD CONSTRAINT "land_evidence_photos_uploaded_by_people_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_evidence_photos" ADD CONSTRAINT "land_evidence_photos_nomination_id_land_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."land_nominations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_meeting_changes" ADD CONSTRAINT "land_meeting_changes_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_meeting_changes" ADD CONSTRAINT "land_meeting_changes_meeting_id_land_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."land_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "land_meeting_changes" ADD CONSTRAINT "land_meeting_changes_changed_by_people_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "land_evidence_photos_nomination_id_index" ON "land_evidence_photos" USING btree ("nomination_id");--> statement-breakpoint
CREATE INDEX "land_evidence_photos_uploaded_by_index" ON "land_evidence_photos" USING btree ("uploaded_by");--> statement-breakpoint
CREATE INDEX "land_meeting_changes_meeting_id_index" ON "land_meeting_changes" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "land_meeting_changes_village_id_changed_at_index" ON "land_meeting_changes" USING btree ("village_id","changed_at");--> statement-breakpoint
ALTER TABLE "land_meetings" ADD CONSTRAINT "land_meetings_status" CHECK ("land_meetings"."status" in ('scheduled','open','closed','cancelled'));--> statement-breakpoint
ALTER TABLE "land_meetings" ADD CONSTRAINT "land_meetings_cancel_reason" CHECK ("land_meetings"."status" <> 'cancelled' or "land_meetings"."cancel_reason" is not null);
--> statement-breakpoint
-- custom (hand-written) --
-- The village's notices of a meeting change are history: never edited, never taken down.
CREATE OR REPLACE FUNCTION land_meeting_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'land_meeting_changes is append-only' USING ERRCODE = 'P0001';
END
$$;
--> statement-breakpoint
CREATE TRIGGER land_meeting_changes_append_only BEFORE UPDATE OR DELETE ON "land_meeting_changes" FOR EACH ROW EXECUTE FUNCTION land_meeting_changes_append_only();
--> statement-breakpoint
-- Once a motion of the meeting has been opened, the meeting can be neither cancelled nor moved:
-- the ballots already cast belong to that day. The routes refuse first; this holds whatever runs.
CREATE OR REPLACE FUNCTION land_meetings_no_change_after_voting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM land_motions WHERE meeting_id = NEW.id AND status <> 'draft') THEN
    RAISE EXCEPTION 'meeting % has started voting', NEW.id USING ERRCODE = 'P0001', HINT = 'meeting_voting_started';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER land_meetings_no_change_after_voting BEFORE UPDATE ON "land_meetings" FOR EACH ROW
  WHEN ((NEW.status = 'cancelled' AND OLD.status <> 'cancelled') OR NEW.meeting_date <> OLD.meeting_date)
  EXECUTE FUNCTION land_meetings_no_change_after_voting();
--> statement-breakpoint
-- A kept photo never changes: its bytes, type, size and hash are what was checked on upload, and
-- it is attached to a nomination once (the attach is a guarded update; this backs it).
CREATE OR REPLACE FUNCTION land_evidence_photos_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.data IS DISTINCT FROM OLD.data OR NEW.sha256 <> OLD.sha256 OR NEW.content_type <> OLD.content_type
     OR NEW.byte_size <> OLD.byte_size OR NEW.village_id <> OLD.village_id OR NEW.uploaded_by <> OLD.uploaded_by
     OR (OLD.nomination_id IS NOT NULL AND NEW.nomination_id IS DISTINCT FROM OLD.nomination_id) THEN
    RAISE EXCEPTION 'an evidence photo does not change once kept' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER land_evidence_photos_immutable BEFORE UPDATE ON "land_evidence_photos" FOR EACH ROW EXECUTE FUNCTION land_evidence_photos_immutable();
