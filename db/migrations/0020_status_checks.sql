ALTER TABLE "land_assistance_needs" DROP CONSTRAINT "land_assistance_needs_need";--> statement-breakpoint
ALTER TABLE "land_evidence_photos" DROP CONSTRAINT "land_evidence_photos_type";--> statement-breakpoint
ALTER TABLE "land_meeting_changes" DROP CONSTRAINT "land_meeting_changes_kind";--> statement-breakpoint
ALTER TABLE "land_meetings" DROP CONSTRAINT "land_meetings_status";--> statement-breakpoint
ALTER TABLE "land_votes" DROP CONSTRAINT "land_votes_choice";--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role" CHECK ("memberships"."role" in ('villager', 'household_rep', 'villager_rep', 'secretary', 'deputy_secretary', 'committee_member', 'council_member', 'garden_steward', 'workshop_head'));--> statement-breakpoint
ALTER TABLE "villages" ADD CONSTRAINT "villages_kind" CHECK ("villages"."kind" in ('village', 'gachaa', 'community'));--> statement-breakpoint
ALTER TABLE "land_assistance_needs" ADD CONSTRAINT "land_assistance_needs_need" CHECK ("land_assistance_needs"."need" in ('elderly', 'disabled', 'illiterate', 'other'));--> statement-breakpoint
ALTER TABLE "land_attendance" ADD CONSTRAINT "land_attendance_method" CHECK ("land_attendance"."method" in ('roll_call', 'self_check_in'));--> statement-breakpoint
ALTER TABLE "land_award_years" ADD CONSTRAINT "land_award_years_status" CHECK ("land_award_years"."status" in ('nominating', 'published', 'locked'));--> statement-breakpoint
ALTER TABLE "land_evidence_photos" ADD CONSTRAINT "land_evidence_photos_type" CHECK ("land_evidence_photos"."content_type" in ('image/jpeg', 'image/png', 'image/webp'));--> statement-breakpoint
ALTER TABLE "land_meeting_changes" ADD CONSTRAINT "land_meeting_changes_kind" CHECK ("land_meeting_changes"."kind" in ('cancelled', 'postponed'));--> statement-breakpoint
ALTER TABLE "land_meetings" ADD CONSTRAINT "land_meetings_type" CHECK ("land_meetings"."type" in ('assembly', 'assembly_households', 'representatives'));--> statement-breakpoint
ALTER TABLE "land_meetings" ADD CONSTRAINT "land_meetings_status" CHECK ("land_meetings"."status" in ('scheduled', 'open', 'closed', 'cancelled'));--> statement-breakpoint
ALTER TABLE "land_motions" ADD CONSTRAINT "land_motions_kind" CHECK ("land_motions"."kind" in ('whole_list', 'candidate', 'ranking'));--> statement-breakpoint
ALTER TABLE "land_motions" ADD CONSTRAINT "land_motions_status" CHECK ("land_motions"."status" in ('draft', 'open', 'closed'));--> statement-breakpoint
ALTER TABLE "land_nominations" ADD CONSTRAINT "land_nominations_deed_kind" CHECK ("land_nominations"."deed_kind" in ('no_birthday_banquet', 'no_graduation_banquet', 'no_full_month_banquet', 'simple_wedding', 'simple_funeral', 'other'));--> statement-breakpoint
ALTER TABLE "land_nominations" ADD CONSTRAINT "land_nominations_status" CHECK ("land_nominations"."status" in ('pending', 'approved', 'rejected'));--> statement-breakpoint
ALTER TABLE "land_notices" ADD CONSTRAINT "land_notices_status" CHECK ("land_notices"."status" in ('open', 'locked', 'withdrawn'));--> statement-breakpoint
ALTER TABLE "land_votes" ADD CONSTRAINT "land_votes_requested_by" CHECK ("land_votes"."requested_by" in ('self', 'family'));--> statement-breakpoint
ALTER TABLE "land_votes" ADD CONSTRAINT "land_votes_choice" CHECK ("land_votes"."choice" in ('for', 'against', 'abstain'));--> statement-breakpoint
ALTER TABLE "material_movements" ADD CONSTRAINT "material_movements_unit" CHECK ("material_movements"."unit" in ('个', '只', '件', '根', '片', '套'));--> statement-breakpoint
ALTER TABLE "piece_operations" ADD CONSTRAINT "piece_operations_count_unit_known" CHECK ("piece_operations"."count_unit" in ('个', '只', '件', '根', '片', '套'));--> statement-breakpoint
ALTER TABLE "garden_duties" ADD CONSTRAINT "garden_duties_kind" CHECK ("garden_duties"."kind" in ('sowing', 'watering', 'weeding', 'fertilising', 'harvesting', 'composting', 'covering', 'gate', 'cleaning', 'sorting'));--> statement-breakpoint
ALTER TABLE "garden_points_ledger" ADD CONSTRAINT "garden_points_ledger_kind" CHECK ("garden_points_ledger"."kind" in ('shift', 'adjustment', 'redemption', 'refund'));--> statement-breakpoint
ALTER TABLE "garden_reminders" ADD CONSTRAINT "garden_reminders_app_only_reason" CHECK ("garden_reminders"."app_only_reason" in ('no_wechat', 'no_consent', 'refused', 'rejected', 'failed', 'not_configured'));--> statement-breakpoint
ALTER TABLE "garden_shifts" ADD CONSTRAINT "garden_shifts_kind" CHECK ("garden_shifts"."kind" in ('sowing', 'watering', 'weeding', 'fertilising', 'harvesting', 'composting', 'covering', 'gate', 'cleaning', 'sorting'));--> statement-breakpoint
ALTER TABLE "garden_signups" ADD CONSTRAINT "garden_signups_source" CHECK ("garden_signups"."source" in ('self', 'roster', 'steward', 'swap'));--> statement-breakpoint
ALTER TABLE "garden_signups" ADD CONSTRAINT "garden_signups_withdrawn_via" CHECK ("garden_signups"."withdrawn_via" in ('self', 'steward', 'shift_cancelled'));--> statement-breakpoint
ALTER TABLE "garden_swaps" ADD CONSTRAINT "garden_swaps_status" CHECK ("garden_swaps"."status" in ('pending', 'accepted', 'declined', 'reassigned', 'cancelled'));--> statement-breakpoint
ALTER TABLE "garden_task_templates" ADD CONSTRAINT "garden_task_templates_season" CHECK ("garden_task_templates"."season" in ('spring', 'summer', 'autumn', 'winter'));--> statement-breakpoint
ALTER TABLE "garden_task_templates" ADD CONSTRAINT "garden_task_templates_kind" CHECK ("garden_task_templates"."kind" in ('sowing', 'watering', 'weeding', 'fertilising', 'harvesting', 'composting', 'covering', 'gate', 'cleaning', 'sorting'));--> statement-breakpoint
ALTER TABLE "garden_matter_links" ADD CONSTRAINT "garden_matter_links_subject_type" CHECK ("garden_matter_links"."subject_type" in ('garden_duty'));--> statement-breakpoint
ALTER TABLE "garden_matters" ADD CONSTRAINT "garden_matters_status" CHECK ("garden_matters"."status" in ('open', 'decided'));--> statement-breakpoint
-- custom (hand-written) --
-- One refusal for every append-only table (the audit log, the points ledger, the garden's facts
-- and their corrections, piece collections and their corrections, the notices of a meeting
-- change): each used to carry its own copy of the same function. The trigger's argument is the
-- hint a caller can tell the tables apart by (the hints are those the copies raised).
CREATE OR REPLACE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: a mistake is put right by a new row, never by an edit', TG_TABLE_NAME USING ERRCODE = 'P0001', HINT = TG_ARGV[0];
END
$$;
--> statement-breakpoint
DROP TRIGGER "audit_log_no_update_delete" ON "audit_log";--> statement-breakpoint
DROP TRIGGER "audit_log_no_truncate" ON "audit_log";--> statement-breakpoint
DROP TRIGGER "garden_points_ledger_no_update_delete" ON "garden_points_ledger";--> statement-breakpoint
DROP TRIGGER "garden_points_ledger_no_truncate" ON "garden_points_ledger";--> statement-breakpoint
DROP TRIGGER "garden_beds_append_only" ON "garden_beds";--> statement-breakpoint
DROP TRIGGER "garden_beds_no_truncate" ON "garden_beds";--> statement-breakpoint
DROP TRIGGER "garden_plantings_append_only" ON "garden_plantings";--> statement-breakpoint
DROP TRIGGER "garden_plantings_no_truncate" ON "garden_plantings";--> statement-breakpoint
DROP TRIGGER "garden_harvests_append_only" ON "garden_harvests";--> statement-breakpoint
DROP TRIGGER "garden_harvests_no_truncate" ON "garden_harvests";--> statement-breakpoint
DROP TRIGGER "garden_bed_corrections_append_only" ON "garden_bed_corrections";--> statement-breakpoint
DROP TRIGGER "garden_bed_corrections_no_truncate" ON "garden_bed_corrections";--> statement-breakpoint
DROP TRIGGER "garden_planting_corrections_append_only" ON "garden_planting_corrections";--> statement-breakpoint
DROP TRIGGER "garden_planting_corrections_no_truncate" ON "garden_planting_corrections";--> statement-breakpoint
DROP TRIGGER "garden_harvest_corrections_append_only" ON "garden_harvest_corrections";--> statement-breakpoint
DROP TRIGGER "garden_harvest_corrections_no_truncate" ON "garden_harvest_corrections";--> statement-breakpoint
DROP TRIGGER "piece_collections_no_update_delete" ON "piece_collections";--> statement-breakpoint
DROP TRIGGER "land_meeting_changes_append_only" ON "land_meeting_changes";--> statement-breakpoint
DROP FUNCTION audit_log_append_only();--> statement-breakpoint
DROP FUNCTION garden_points_ledger_append_only();--> statement-breakpoint
DROP FUNCTION garden_facts_append_only();--> statement-breakpoint
DROP FUNCTION piece_collections_append_only();--> statement-breakpoint
DROP FUNCTION land_meeting_changes_append_only();--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION append_only('audit_append_only');--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION append_only('audit_append_only');--> statement-breakpoint
CREATE TRIGGER "garden_points_ledger_append_only" BEFORE UPDATE OR DELETE ON "garden_points_ledger" FOR EACH ROW EXECUTE FUNCTION append_only('garden_points_append_only');--> statement-breakpoint
CREATE TRIGGER "garden_points_ledger_no_truncate" BEFORE TRUNCATE ON "garden_points_ledger" FOR EACH STATEMENT EXECUTE FUNCTION append_only('garden_points_append_only');--> statement-breakpoint
CREATE TRIGGER "garden_beds_append_only" BEFORE UPDATE OR DELETE ON "garden_beds" FOR EACH ROW EXECUTE FUNCTION append_only('garden_facts_append_only');--> statement-breakpoint
CREATE TRIGGER "garden_beds_no_truncate" BEFORE TRUNCATE ON "garden_beds" FOR EACH STATEMENT EXECUTE FUNCTION append_only('garden_facts_append_only');--> statement-breakpoint
CREATE TRIGGER "garden_plantings_append_only" BEFORE UPDATE OR DELETE ON "garden_plantings" FOR EACH ROW EXECUTE FUNCTION append_only('garden_facts_append_only');--> statement-breakpoint
CREATE TRIGGER "garden_plantings_no_truncate" BEFORE TRUNCATE ON "garden_plantings" FOR EACH STATEMENT EXECUTE FUNCTION append_only('garden_facts_append_only');--> statement-breakpoint
CREATE TRIGGER "garden_harvests_append_only" BEFORE UPDATE OR DELETE ON "garden_harvests" FOR EACH ROW EXECUTE FUNCTION append_only('garden_facts_append_only');--> statement-breakpoint
CREATE TRIGGER "garden_harvests_no_truncate" BEFORE TRUNCATE ON "garden_harvests" FOR EACH STATEMENT EXECUTE FUNCTION append_only('garden_facts_append_only');--> statement-breakpoint
CREATE TRIGGER "garden_bed_corrections_append_only" BEFORE UPDATE OR DELETE ON "garden_bed_corrections" FOR EACH ROW EXECUTE FUNCTION append_only('garden_facts_append_only');--> statement-breakpoint
CREATE TRIGGER "garden_bed_corrections_no_truncate" BEFORE TRUNCATE ON "garden_bed_corrections" FOR EACH STATEMENT EXECUTE FUNCTION append_only('garden_facts_append_only');--> statement-breakpoint
CREATE TRIGGER "garden_planting_corrections_append_only" BEFORE UPDATE OR DELETE ON "garden_planting_corrections" FOR EACH ROW EXECUTE FUNCTION append_only('garden_facts_append_only');--> statement-breakpoint
CREATE TRIGGER "garden_planting_corrections_no_truncate" BEFORE TRUNCATE ON "garden_planting_corrections" FOR EACH STATEMENT EXECUTE FUNCTION append_only('garden_facts_append_only');--> statement-breakpoint
CREATE TRIGGER "garden_harvest_corrections_append_only" BEFORE UPDATE OR DELETE ON "garden_harvest_corrections" FOR EACH ROW EXECUTE FUNCTION append_only('garden_facts_append_only');--> statement-breakpoint
CREATE TRIGGER "garden_harvest_corrections_no_truncate" BEFORE TRUNCATE ON "garden_harvest_corrections" FOR EACH STATEMENT EXECUTE FUNCTION append_only('garden_facts_append_only');--> statement-breakpoint
-- piece_collections and land_meeting_changes now refuse TRUNCATE too, as the other append-only tables do.
CREATE TRIGGER "piece_collections_append_only" BEFORE UPDATE OR DELETE ON "piece_collections" FOR EACH ROW EXECUTE FUNCTION append_only('piece_collections_append_only');--> statement-breakpoint
CREATE TRIGGER "piece_collections_no_truncate" BEFORE TRUNCATE ON "piece_collections" FOR EACH STATEMENT EXECUTE FUNCTION append_only('piece_collections_append_only');--> statement-breakpoint
CREATE TRIGGER "land_meeting_changes_append_only" BEFORE UPDATE OR DELETE ON "land_meeting_changes" FOR EACH ROW EXECUTE FUNCTION append_only('land_meeting_changes_append_only');--> statement-breakpoint
CREATE TRIGGER "land_meeting_changes_no_truncate" BEFORE TRUNCATE ON "land_meeting_changes" FOR EACH STATEMENT EXECUTE FUNCTION append_only('land_meeting_changes_append_only');
