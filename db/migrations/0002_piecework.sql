CREATE TABLE "customer_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"customer" text NOT NULL,
	"quantity" integer NOT NULL,
	"due_on" date NOT NULL,
	"unit_price_fen" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_orders_quantity_pos" CHECK ("customer_orders"."quantity" > 0),
	CONSTRAINT "customer_orders_price_nonneg" CHECK ("customer_orders"."unit_price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "material_movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"grams" integer NOT NULL,
	"expected_pieces" integer DEFAULT 0 NOT NULL,
	"moved_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "material_movements_grams_pos" CHECK ("material_movements"."grams" > 0),
	CONSTRAINT "material_movements_expected_nonneg" CHECK ("material_movements"."expected_pieces" >= 0),
	CONSTRAINT "material_movements_kind" CHECK ("material_movements"."kind" in ('issue', 'return'))
);
--> statement-breakpoint
CREATE TABLE "pay_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"amount_fen" integer NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pay_period_lines" (
	"period_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"accepted_pieces" integer NOT NULL,
	"rejected_pieces" integer NOT NULL,
	"rework_pieces" integer NOT NULL,
	"rates_fen" text NOT NULL,
	"gross_fen" integer NOT NULL,
	"adjustments_fen" integer NOT NULL,
	"total_fen" integer NOT NULL,
	CONSTRAINT "pay_period_lines_periodId_workerId_unique" UNIQUE("period_id","worker_id")
);
--> statement-breakpoint
CREATE TABLE "pay_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pay_periods_range" CHECK ("pay_periods"."starts_on" <= "pay_periods"."ends_on"),
	CONSTRAINT "pay_periods_status" CHECK ("pay_periods"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "piece_collections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"workshop_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"operation_id" uuid NOT NULL,
	"collected_on" date NOT NULL,
	"accepted" integer NOT NULL,
	"rejected" integer NOT NULL,
	"rework" integer NOT NULL,
	"reject_reason" text,
	"rework_return" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "piece_collections_counts_nonneg" CHECK ("piece_collections"."accepted" >= 0 and "piece_collections"."rejected" >= 0 and "piece_collections"."rework" >= 0)
);
--> statement-breakpoint
CREATE TABLE "piece_operations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"name" text NOT NULL,
	"grams_per_piece" integer NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "piece_operations_grams_nonneg" CHECK ("piece_operations"."grams_per_piece" >= 0)
);
--> statement-breakpoint
CREATE TABLE "piece_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"name" text NOT NULL,
	"material_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "piece_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operation_id" uuid NOT NULL,
	"rate_fen" integer NOT NULL,
	"effective_from" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "piece_rates_operationId_effectiveFrom_unique" UNIQUE("operation_id","effective_from"),
	CONSTRAINT "piece_rates_fen_nonneg" CHECK ("piece_rates"."rate_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "workshop_workers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshop_workers_workshopId_householdId_unique" UNIQUE("workshop_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "workshops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"name" text NOT NULL,
	"head_person_id" uuid NOT NULL,
	"tolerance_bp" integer DEFAULT 500 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshops_tolerance_range" CHECK ("workshops"."tolerance_bp" between 0 and 5000)
);
--> statement-breakpoint
ALTER TABLE "customer_orders" ADD CONSTRAINT "customer_orders_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_orders" ADD CONSTRAINT "customer_orders_product_id_piece_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."piece_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_orders" ADD CONSTRAINT "customer_orders_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_movements" ADD CONSTRAINT "material_movements_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_movements" ADD CONSTRAINT "material_movements_order_id_customer_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."customer_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_movements" ADD CONSTRAINT "material_movements_worker_id_workshop_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workshop_workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_movements" ADD CONSTRAINT "material_movements_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_adjustments" ADD CONSTRAINT "pay_adjustments_period_id_pay_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."pay_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_adjustments" ADD CONSTRAINT "pay_adjustments_worker_id_workshop_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workshop_workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_adjustments" ADD CONSTRAINT "pay_adjustments_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_period_lines" ADD CONSTRAINT "pay_period_lines_period_id_pay_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."pay_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_period_lines" ADD CONSTRAINT "pay_period_lines_worker_id_workshop_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workshop_workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_periods" ADD CONSTRAINT "pay_periods_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_periods" ADD CONSTRAINT "pay_periods_closed_by_people_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "piece_collections" ADD CONSTRAINT "piece_collections_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "piece_collections" ADD CONSTRAINT "piece_collections_worker_id_workshop_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workshop_workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "piece_collections" ADD CONSTRAINT "piece_collections_order_id_customer_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."customer_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "piece_collections" ADD CONSTRAINT "piece_collections_operation_id_piece_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."piece_operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "piece_collections" ADD CONSTRAINT "piece_collections_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "piece_operations" ADD CONSTRAINT "piece_operations_product_id_piece_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."piece_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "piece_products" ADD CONSTRAINT "piece_products_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "piece_rates" ADD CONSTRAINT "piece_rates_operation_id_piece_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."piece_operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "piece_rates" ADD CONSTRAINT "piece_rates_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_workers" ADD CONSTRAINT "workshop_workers_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_workers" ADD CONSTRAINT "workshop_workers_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_head_person_id_people_id_fk" FOREIGN KEY ("head_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_orders_workshop_id_index" ON "customer_orders" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "material_movements_workshop_id_worker_id_index" ON "material_movements" USING btree ("workshop_id","worker_id");--> statement-breakpoint
CREATE INDEX "pay_adjustments_period_id_index" ON "pay_adjustments" USING btree ("period_id");--> statement-breakpoint
CREATE INDEX "pay_periods_workshop_id_index" ON "pay_periods" USING btree ("workshop_id");--> statement-breakpoint
CREATE UNIQUE INDEX "piece_collections_client_id" ON "piece_collections" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "piece_collections_workshop_id_collected_on_index" ON "piece_collections" USING btree ("workshop_id","collected_on");--> statement-breakpoint
CREATE INDEX "piece_collections_worker_id_index" ON "piece_collections" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "piece_operations_product_id_index" ON "piece_operations" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "piece_products_workshop_id_index" ON "piece_products" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "workshop_workers_household_id_index" ON "workshop_workers" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "workshops_village_id_index" ON "workshops" USING btree ("village_id");