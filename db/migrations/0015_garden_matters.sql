CREATE TABLE "garden_matter_attendance" (
	"matter_id" uuid NOT NULL,
	"counted_key" uuid NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_matter_attendance_matter_id_counted_key_pk" PRIMARY KEY("matter_id","counted_key")
);
--> statement-breakpoint
CREATE TABLE "garden_matter_ballots" (
	"matter_id" uuid NOT NULL,
	"counted_key" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"cast_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_matter_ballots_once" PRIMARY KEY("matter_id","counted_key"),
	CONSTRAINT "garden_matter_ballots_person" UNIQUE("matter_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "garden_matter_links" (
	"matter_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_matter_links_matter_id_subject_type_subject_id_pk" PRIMARY KEY("matter_id","subject_type","subject_id")
);
--> statement-breakpoint
CREATE TABLE "garden_matter_options" (
	"matter_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"position" integer NOT NULL,
	"hands" integer,
	CONSTRAINT "garden_matter_options_matter_id_key_pk" PRIMARY KEY("matter_id","key"),
	CONSTRAINT "garden_matter_options_hands" CHECK (coalesce("garden_matter_options"."hands", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "garden_matters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"kind" text NOT NULL,
	"electorate" text NOT NULL,
	"threshold" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"pauses_duty_id" uuid,
	"hands_entered_at" timestamp with time zone,
	"hands_entered_by" uuid,
	"result" jsonb,
	"passed" boolean,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "garden_matters_window" CHECK ("garden_matters"."closes_at" > "garden_matters"."opens_at"),
	CONSTRAINT "garden_matters_kind" CHECK ("garden_matters"."kind" in ('yes_no', 'choice')),
	CONSTRAINT "garden_matters_electorate" CHECK ("garden_matters"."electorate" in ('residents', 'households', 'council')),
	CONSTRAINT "garden_matters_threshold" CHECK ("garden_matters"."threshold" in ('voting', 'eligible')),
	CONSTRAINT "garden_matters_decided" CHECK (("garden_matters"."status" = 'decided') = ("garden_matters"."result" is not null and "garden_matters"."passed" is not null and "garden_matters"."decided_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "garden_matter_attendance" ADD CONSTRAINT "garden_matter_attendance_matter_id_garden_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."garden_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_matter_attendance" ADD CONSTRAINT "garden_matter_attendance_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_matter_ballots" ADD CONSTRAINT "garden_matter_ballots_matter_id_garden_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."garden_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_matter_ballots" ADD CONSTRAINT "garden_matter_ballots_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_matter_ballots" ADD CONSTRAINT "garden_matter_ballots_option" FOREIGN KEY ("matter_id","choice") REFERENCES "public"."garden_matter_options"("matter_id","key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_matter_links" ADD CONSTRAINT "garden_matter_links_matter_id_garden_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."garden_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_matter_options" ADD CONSTRAINT "garden_matter_options_matter_id_garden_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."garden_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_matters" ADD CONSTRAINT "garden_matters_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_matters" ADD CONSTRAINT "garden_matters_pauses_duty_id_garden_duties_id_fk" FOREIGN KEY ("pauses_duty_id") REFERENCES "public"."garden_duties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_matters" ADD CONSTRAINT "garden_matters_hands_entered_by_people_id_fk" FOREIGN KEY ("hands_entered_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_matters" ADD CONSTRAINT "garden_matters_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "garden_matters" ADD CONSTRAINT "garden_matters_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "garden_matter_links_subject_type_subject_id_index" ON "garden_matter_links" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "garden_matters_village_id_status_index" ON "garden_matters" USING btree ("village_id","status");
--> statement-breakpoint
-- custom (hand-written) --
-- A decided matter is history: its ballots, hands and roll never change after the result is
-- published, whatever a handler does. The handlers refuse first; this is the backstop.
CREATE OR REPLACE FUNCTION garden_matter_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM garden_matters WHERE id = coalesce(NEW.matter_id, OLD.matter_id) AND status = 'decided') THEN
    RAISE EXCEPTION 'garden matter already decided' USING ERRCODE = 'P0001', HINT = 'garden_matter_decided';
  END IF;
  RETURN coalesce(NEW, OLD);
END
$$;
--> statement-breakpoint
CREATE TRIGGER garden_matter_ballots_frozen BEFORE INSERT OR UPDATE OR DELETE ON "garden_matter_ballots" FOR EACH ROW EXECUTE FUNCTION garden_matter_frozen();
--> statement-breakpoint
CREATE TRIGGER garden_matter_options_frozen BEFORE INSERT OR UPDATE OR DELETE ON "garden_matter_options" FOR EACH ROW EXECUTE FUNCTION garden_matter_frozen();
--> statement-breakpoint
CREATE TRIGGER garden_matter_attendance_frozen BEFORE INSERT OR UPDATE OR DELETE ON "garden_matter_attendance" FOR EACH ROW EXECUTE FUNCTION garden_matter_frozen();
--> statement-breakpoint
-- The published result is never rewritten: a decided matter stays decided, with the same result.
CREATE OR REPLACE FUNCTION garden_matter_result_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'decided' AND (NEW.status IS DISTINCT FROM OLD.status OR NEW.result IS DISTINCT FROM OLD.result OR NEW.passed IS DISTINCT FROM OLD.passed) THEN
    RAISE EXCEPTION 'garden matter result is final' USING ERRCODE = 'P0001', HINT = 'garden_matter_decided';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER garden_matter_result_frozen BEFORE UPDATE ON "garden_matters" FOR EACH ROW EXECUTE FUNCTION garden_matter_result_frozen();
