CREATE TABLE "workshop_neighbour_villages" (
	"workshop_id" uuid NOT NULL,
	"village_id" uuid NOT NULL,
	CONSTRAINT "workshop_neighbour_villages_workshop_id_village_id_pk" PRIMARY KEY("workshop_id","village_id")
);
--> statement-breakpoint
ALTER TABLE "pay_period_lines" ALTER COLUMN "gross_fen" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "pay_period_lines" ALTER COLUMN "adjustments_fen" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "pay_period_lines" ALTER COLUMN "total_fen" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "piece_collections" ADD COLUMN "over_order_reason" text;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "order_tolerance_bp" integer DEFAULT 500 NOT NULL;--> statement-breakpoint
ALTER TABLE "workshop_neighbour_villages" ADD CONSTRAINT "workshop_neighbour_villages_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_neighbour_villages" ADD CONSTRAINT "workshop_neighbour_villages_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_order_tolerance_range" CHECK ("workshops"."order_tolerance_bp" between 0 and 5000);--> statement-breakpoint
-- custom (hand-written) --
-- Existing workshops keep taking households from the neighbouring villages they already work
-- with — those of the same county. A household of a far village (a Beijing courtyard added to a
-- 高井 workshop) stays as history but names no neighbour, so no more can be added from there.
INSERT INTO "workshop_neighbour_villages" ("workshop_id", "village_id")
SELECT DISTINCT w.id, h.village_id
  FROM "workshop_workers" ww
  JOIN "workshops" w ON w.id = ww.workshop_id
  JOIN "households" h ON h.id = ww.household_id
  JOIN "villages" home ON home.id = w.village_id
  JOIN "villages" v ON v.id = h.village_id
 WHERE h.village_id <> w.village_id AND v.county = home.county
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- The bounds of shared/piecework.ts, for every new row; NOT VALID leaves rows stored before them
-- in place (they still close: the pay-sheet sums are bigint now).
ALTER TABLE "piece_rates" ADD CONSTRAINT "piece_rates_fen_max" CHECK ("rate_fen" <= 50000) NOT VALID;--> statement-breakpoint
ALTER TABLE "piece_collections" ADD CONSTRAINT "piece_collections_counts_max" CHECK ("accepted" + "rejected" + "rework" <= 10000) NOT VALID;--> statement-breakpoint
ALTER TABLE "customer_orders" ADD CONSTRAINT "customer_orders_quantity_max" CHECK ("quantity" <= 1000000) NOT VALID;
