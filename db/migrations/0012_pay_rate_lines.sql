CREATE TABLE "pay_period_rate_lines" (
	"period_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"operation_id" uuid NOT NULL,
	"rate_fen" integer NOT NULL,
	"accepted_pieces" integer NOT NULL,
	"gross_fen" bigint NOT NULL,
	CONSTRAINT "pay_period_rate_lines_period_id_worker_id_operation_id_rate_fen_pk" PRIMARY KEY("period_id","worker_id","operation_id","rate_fen"),
	CONSTRAINT "pay_period_rate_lines_nonneg" CHECK ("pay_period_rate_lines"."accepted_pieces" >= 0 and "pay_period_rate_lines"."rate_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "pay_period_rate_lines" ADD CONSTRAINT "pay_period_rate_lines_period_id_pay_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."pay_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_period_rate_lines" ADD CONSTRAINT "pay_period_rate_lines_worker_id_workshop_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workshop_workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_period_rate_lines" ADD CONSTRAINT "pay_period_rate_lines_operation_id_piece_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."piece_operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- custom (hand-written) --
-- Periods closed before this table existed get their arithmetic from their collections: accepted
-- pieces × the rate in force on each day, which is what the closing snapshot paid (a closed
-- period's collections and rates can no longer change).
INSERT INTO "pay_period_rate_lines" ("period_id", "worker_id", "operation_id", "rate_fen", "accepted_pieces", "gross_fen")
SELECT p."id", c."worker_id", c."operation_id", r."rate_fen", sum(c."accepted")::integer, sum(c."accepted"::bigint * r."rate_fen")
FROM "pay_periods" p
JOIN "piece_collections" c ON c."workshop_id" = p."workshop_id" AND c."collected_on" BETWEEN p."starts_on" AND p."ends_on" AND c."accepted" > 0
JOIN LATERAL (
  SELECT pr."rate_fen" FROM "piece_rates" pr
  WHERE pr."operation_id" = c."operation_id" AND pr."effective_from" <= c."collected_on"
  ORDER BY pr."effective_from" DESC LIMIT 1
) r ON true
WHERE p."status" = 'closed'
GROUP BY p."id", c."worker_id", c."operation_id", r."rate_fen"
ON CONFLICT DO NOTHING;
