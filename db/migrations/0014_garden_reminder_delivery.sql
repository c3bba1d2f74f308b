CREATE TABLE "wechat_subscription_credits" (
	"person_id" uuid NOT NULL,
	"template_id" text NOT NULL,
	"credits" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wechat_subscription_credits_person_id_template_id_pk" PRIMARY KEY("person_id","template_id"),
	CONSTRAINT "wechat_subscription_credits_range" CHECK ("wechat_subscription_credits"."credits" between 0 and 50)
);
--> statement-breakpoint
ALTER TABLE "garden_reminders" DROP CONSTRAINT "garden_reminders_shiftId_personId_unique";--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD COLUMN "kind" text DEFAULT 'shift' NOT NULL;--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD COLUMN "delivery" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD COLUMN "app_only_reason" text;--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD COLUMN "credit_held" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD COLUMN "claim_token" uuid;--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "wechat_subscription_credits" ADD CONSTRAINT "wechat_subscription_credits_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "garden_reminders_pending" ON "garden_reminders" USING btree ("delivery") WHERE "garden_reminders"."delivery" in ('pending', 'sending');--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD CONSTRAINT "garden_reminders_shift_person_kind" UNIQUE("shift_id","person_id","kind");--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD CONSTRAINT "garden_reminders_kind" CHECK ("garden_reminders"."kind" in ('shift', 'reassigned'));--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD CONSTRAINT "garden_reminders_delivery" CHECK ("garden_reminders"."delivery" in ('pending', 'sending', 'sent', 'app_only'));--> statement-breakpoint
-- custom (hand-written) --
-- Reminders made before delivery existed never left the app unless a sender marked them sent.
UPDATE "garden_reminders" SET "delivery" = CASE WHEN "sent_at" IS NOT NULL THEN 'sent' ELSE 'app_only' END,
  "app_only_reason" = CASE WHEN "sent_at" IS NULL THEN 'no_consent' END;--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD CONSTRAINT "garden_reminders_sent" CHECK (("delivery" = 'sent') = ("sent_at" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD CONSTRAINT "garden_reminders_app_only" CHECK (("delivery" = 'app_only') = ("app_only_reason" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD CONSTRAINT "garden_reminders_claim" CHECK (("delivery" = 'sending') = ("claim_token" IS NOT NULL));
