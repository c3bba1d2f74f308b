CREATE TABLE "rate_limits" (
	"bucket" text PRIMARY KEY NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"window_seconds" integer NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "demo_persona" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "session_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- custom (hand-written) --
-- Databases seeded before this migration: the people of the villages the demo seed created (each
-- logged 'village.seeded' with no actor, which nothing else writes) are the demo personas.
UPDATE "people" SET "demo_persona" = true WHERE "id" IN (
  SELECT m."person_id" FROM "memberships" m WHERE m."village_id" IN (
    SELECT "village_id" FROM "audit_log" WHERE "action" = 'village.seeded' AND "actor_person_id" IS NULL
    UNION SELECT "village_id" FROM "audit_outbox" WHERE "action" = 'village.seeded' AND "actor_person_id" IS NULL
  )
  UNION
  SELECT p."id" FROM "people" p JOIN "households" h ON h."id" = p."household_id" WHERE h."village_id" IN (
    SELECT "village_id" FROM "audit_log" WHERE "action" = 'village.seeded' AND "actor_person_id" IS NULL
    UNION SELECT "village_id" FROM "audit_outbox" WHERE "action" = 'village.seeded' AND "actor_person_id" IS NULL
  )
);
