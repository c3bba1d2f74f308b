ALTER TABLE "households" ADD COLUMN "group_name" text;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "house_number" text;--> statement-breakpoint
CREATE UNIQUE INDEX "households_one_per_house_number" ON "households" USING btree ("village_id",coalesce("group_name", ''),"house_number") WHERE "households"."house_number" is not null;
--> statement-breakpoint
-- custom (hand-written) --
-- A blank 组 or 户号 would print as nothing and let two households read alike; unknown is null.
ALTER TABLE "households" ADD CONSTRAINT "households_place_not_blank" CHECK (("group_name" is null or btrim("group_name") <> '') and ("house_number" is null or btrim("house_number") <> ''));
