CREATE TABLE "bundle_tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"code" text NOT NULL,
	"worker_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"operation_id" uuid NOT NULL,
	"pieces" integer NOT NULL,
	"movement_id" uuid,
	"issued_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bundle_tickets_pieces_range" CHECK ("bundle_tickets"."pieces" between 1 and 10000)
);
--> statement-breakpoint
ALTER TABLE "material_movements" DROP CONSTRAINT "material_movements_grams_pos";--> statement-breakpoint
ALTER TABLE "piece_collections" DROP CONSTRAINT "piece_collections_counts_nonneg";--> statement-breakpoint
ALTER TABLE "material_movements" ALTER COLUMN "grams" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "material_movements" ADD COLUMN "count" integer;--> statement-breakpoint
ALTER TABLE "material_movements" ADD COLUMN "unit" text;--> statement-breakpoint
ALTER TABLE "piece_collections" ADD COLUMN "corrects_id" uuid;--> statement-breakpoint
ALTER TABLE "piece_collections" ADD COLUMN "correction_reason" text;--> statement-breakpoint
ALTER TABLE "piece_collections" ADD COLUMN "ticket_id" uuid;--> statement-breakpoint
ALTER TABLE "piece_operations" ADD COLUMN "count_per_piece" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "piece_operations" ADD COLUMN "count_unit" text;--> statement-breakpoint
ALTER TABLE "piece_operations" ADD COLUMN "count_material_name" text;--> statement-breakpoint
ALTER TABLE "bundle_tickets" ADD CONSTRAINT "bundle_tickets_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundle_tickets" ADD CONSTRAINT "bundle_tickets_worker_id_workshop_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workshop_workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundle_tickets" ADD CONSTRAINT "bundle_tickets_order_id_customer_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."customer_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundle_tickets" ADD CONSTRAINT "bundle_tickets_operation_id_piece_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."piece_operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundle_tickets" ADD CONSTRAINT "bundle_tickets_movement_id_material_movements_id_fk" FOREIGN KEY ("movement_id") REFERENCES "public"."material_movements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundle_tickets" ADD CONSTRAINT "bundle_tickets_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bundle_tickets_code" ON "bundle_tickets" USING btree ("code");--> statement-breakpoint
CREATE INDEX "bundle_tickets_workshop_id_worker_id_index" ON "bundle_tickets" USING btree ("workshop_id","worker_id");--> statement-breakpoint
ALTER TABLE "piece_collections" ADD CONSTRAINT "piece_collections_corrects_id_piece_collections_id_fk" FOREIGN KEY ("corrects_id") REFERENCES "public"."piece_collections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "piece_collections" ADD CONSTRAINT "piece_collections_ticket_id_bundle_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."bundle_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "piece_collections_ticket_once" ON "piece_collections" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "piece_collections_corrects_id_index" ON "piece_collections" USING btree ("corrects_id");--> statement-breakpoint
ALTER TABLE "material_movements" ADD CONSTRAINT "material_movements_one_measure" CHECK (("material_movements"."grams" is not null and "material_movements"."grams" > 0 and "material_movements"."count" is null and "material_movements"."unit" is null) or ("material_movements"."grams" is null and "material_movements"."count" is not null and "material_movements"."count" > 0 and "material_movements"."unit" is not null));--> statement-breakpoint
ALTER TABLE "piece_collections" ADD CONSTRAINT "piece_collections_correction_reason" CHECK (("piece_collections"."corrects_id" is null) = ("piece_collections"."correction_reason" is null));--> statement-breakpoint
ALTER TABLE "piece_collections" ADD CONSTRAINT "piece_collections_correction_no_ticket" CHECK ("piece_collections"."corrects_id" is null or "piece_collections"."ticket_id" is null);--> statement-breakpoint
ALTER TABLE "piece_collections" ADD CONSTRAINT "piece_collections_counts_nonneg" CHECK ("piece_collections"."corrects_id" is not null or ("piece_collections"."accepted" >= 0 and "piece_collections"."rejected" >= 0 and "piece_collections"."rework" >= 0));--> statement-breakpoint
ALTER TABLE "piece_operations" ADD CONSTRAINT "piece_operations_count_nonneg" CHECK ("piece_operations"."count_per_piece" >= 0);--> statement-breakpoint
ALTER TABLE "piece_operations" ADD CONSTRAINT "piece_operations_one_measure" CHECK (not ("piece_operations"."grams_per_piece" > 0 and "piece_operations"."count_per_piece" > 0));--> statement-breakpoint
ALTER TABLE "piece_operations" ADD CONSTRAINT "piece_operations_count_unit" CHECK (("piece_operations"."count_per_piece" = 0) = ("piece_operations"."count_unit" is null));
--> statement-breakpoint
-- custom (hand-written) --
-- A collection is never edited: a typo is corrected by a new row linked to it (corrects_id) that
-- holds the change, so pay, material and order sums follow it and the original stays as typed.
CREATE OR REPLACE FUNCTION piece_collections_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'piece_collections is append-only: correct a collection with a linked record' USING ERRCODE = 'P0001', HINT = 'piece_collections_append_only';
END
$$;
--> statement-breakpoint
CREATE TRIGGER piece_collections_no_update_delete BEFORE UPDATE OR DELETE ON "piece_collections" FOR EACH ROW EXECUTE FUNCTION piece_collections_append_only();
--> statement-breakpoint
-- A correction changes the counts of the collection it names and nothing else: same household,
-- order, operation and day, never a correction of a correction, and the counts it leaves are
-- never negative (shared/piecework/corrections.ts decides the same before the insert).
CREATE OR REPLACE FUNCTION piece_collections_correction_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  original piece_collections%ROWTYPE;
  left_accepted bigint;
  left_rejected bigint;
  left_rework bigint;
BEGIN
  IF NEW.corrects_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT * INTO original FROM piece_collections WHERE id = NEW.corrects_id;
  IF NOT FOUND OR original.corrects_id IS NOT NULL
     OR original.workshop_id <> NEW.workshop_id OR original.worker_id <> NEW.worker_id
     OR original.order_id <> NEW.order_id OR original.operation_id <> NEW.operation_id
     OR original.collected_on <> NEW.collected_on OR original.rework_return <> NEW.rework_return THEN
    RAISE EXCEPTION 'a correction must change only the counts of an original collection' USING ERRCODE = 'P0001', HINT = 'piece_collections_correction';
  END IF;
  SELECT original.accepted + coalesce(sum(c.accepted), 0) + NEW.accepted,
         original.rejected + coalesce(sum(c.rejected), 0) + NEW.rejected,
         original.rework + coalesce(sum(c.rework), 0) + NEW.rework
    INTO left_accepted, left_rejected, left_rework
    FROM piece_collections c WHERE c.corrects_id = NEW.corrects_id;
  IF left_accepted < 0 OR left_rejected < 0 OR left_rework < 0 THEN
    RAISE EXCEPTION 'a correction cannot leave negative counts' USING ERRCODE = 'P0001', HINT = 'piece_collections_correction';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER piece_collections_correction_check BEFORE INSERT ON "piece_collections" FOR EACH ROW EXECUTE FUNCTION piece_collections_correction_check();
--> statement-breakpoint
-- Counted material comes in a unit of its own (个, 只 …), kept short.
ALTER TABLE "material_movements" ADD CONSTRAINT "material_movements_unit_short" CHECK ("unit" is null or char_length("unit") between 1 and 4);
--> statement-breakpoint
-- Ticket codes are what the label prints: 6 letters and digits without 0, O, 1, I or L.
ALTER TABLE "bundle_tickets" ADD CONSTRAINT "bundle_tickets_code_shape" CHECK ("code" ~ '^[2-9A-HJKMNP-Z]{6}$');
