import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, pgTable, text, timestamp, unique, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core'
import {
  appOnlyReasons,
  pointsEntryKinds,
  redemptionStatuses,
  reminderDeliveries,
  reminderKinds,
  seasons,
  signupSources,
  signupStatuses,
  swapStatuses,
  taskKinds,
  withdrawWays,
  type Season,
} from '../../shared/garden'
import { households, people, villages } from './core'
import { allOf, oneOf } from './one-of'

/** 菜畦: a bed or plot of the shared garden. Area in square decimetres (1 m² = 100 dm²). */
export const gardenBeds = pgTable(
  'garden_beds',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    name: text().notNull(),
    areaDm2: integer().notNull(),
    positionLabel: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.villageId, t.name), check('garden_beds_area', sql`${t.areaDm2} between 10 and 10000`)],
)

export const gardenPlantings = pgTable(
  'garden_plantings',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    bedId: uuid()
      .notNull()
      .references(() => gardenBeds.id),
    crop: text().notNull(),
    sownOn: date().notNull(),
    expectedHarvestOn: date(),
    note: text(),
    createdBy: uuid().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.villageId, t.sownOn), index().on(t.bedId)],
)

/** The season calendar: what work each season brings (春播 / 夏长 / 秋收 / 冬藏). */
export const gardenTaskTemplates = pgTable(
  'garden_task_templates',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    season: text({ enum: seasons }).notNull(),
    kind: text({ enum: taskKinds }).notNull(),
    title: text().notNull(),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.villageId, t.season), oneOf('garden_task_templates_season', t.season, seasons), oneOf('garden_task_templates_kind', t.kind, taskKinds)],
)

/** A recurring duty: on the given ISO weekdays, local start minute, duration, people needed. */
export const gardenDuties = pgTable(
  'garden_duties',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    title: text().notNull(),
    kind: text({ enum: taskKinds }).notNull(),
    weekdays: integer().array().notNull(),
    startMinute: integer().notNull(),
    durationMinutes: integer().notNull(),
    capacity: integer().notNull(),
    unpopular: boolean().notNull().default(false),
    // false: paused by a steward (shared dutyActiveOn); the roster makes and fills no shifts for it.
    active: boolean().notNull().default(true),
    // The seasons it runs in (empty: all year) and an optional date range, both ends inclusive.
    seasons: text()
      .array()
      .$type<Season[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    activeFrom: date(),
    activeUntil: date(),
    updatedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.villageId),
    check('garden_duties_capacity', sql`${t.capacity} between 1 and 20`),
    check('garden_duties_range', sql`${t.activeFrom} is null or ${t.activeUntil} is null or ${t.activeFrom} <= ${t.activeUntil}`),
    allOf('garden_duties_seasons', t.seasons, seasons),
    oneOf('garden_duties_kind', t.kind, taskKinds),
    check('garden_duties_time', sql`${t.startMinute} >= 0 and ${t.durationMinutes} > 0 and ${t.startMinute} + ${t.durationMinutes} <= 1440`),
  ],
)

/** One dated occurrence of a duty (or a one-off shift), with its capacity copied at creation. */
export const gardenShifts = pgTable(
  'garden_shifts',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    dutyId: uuid().references(() => gardenDuties.id),
    title: text().notNull(),
    kind: text({ enum: taskKinds }).notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    capacity: integer().notNull(),
    unpopular: boolean().notNull().default(false),
    cancelled: boolean().notNull().default(false),
    // Who called the shift off and why (rain, a holiday); the row stays so the history does.
    cancelledAt: timestamp({ withTimezone: true }),
    cancelledBy: uuid().references(() => people.id),
    cancelReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Generating a month twice must not create the same occurrence twice.
    unique().on(t.dutyId, t.startsAt),
    index().on(t.villageId, t.startsAt),
    check('garden_shifts_capacity', sql`${t.capacity} between 1 and 20`),
    check('garden_shifts_time', sql`${t.endsAt} > ${t.startsAt}`),
    check('garden_shifts_cancelled', sql`${t.cancelled} = (${t.cancelledAt} is not null)`),
    oneOf('garden_shifts_kind', t.kind, taskKinds),
  ],
)

/** Weekly availability windows (local time) a volunteer declares. */
export const gardenAvailability = pgTable(
  'garden_availability',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    weekday: integer().notNull(),
    startMinute: integer().notNull(),
    endMinute: integer().notNull(),
  },
  (t) => [
    index().on(t.villageId, t.personId),
    check(
      'garden_availability_window',
      sql`${t.weekday} between 1 and 7 and ${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.endMinute} > ${t.startMinute}`,
    ),
  ],
)

/**
 * A person's place on a shift. A swap moves the place to another person; it is never duplicated.
 * A place given up (by the volunteer, by a steward, or because the shift was called off) keeps its
 * row as 'withdrawn' with who, when and why; only live places are unique per shift and person, so
 * someone who withdrew can sign up again.
 */
export const gardenSignups = pgTable(
  'garden_signups',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    shiftId: uuid()
      .notNull()
      .references(() => gardenShifts.id),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    source: text({ enum: signupSources }).notNull(),
    status: text({ enum: signupStatuses }).notNull().default('booked'),
    checkedInAt: timestamp({ withTimezone: true }),
    doneAt: timestamp({ withTimezone: true }),
    // Minutes credited when done (shared creditedMinutes): the points and the roster's hours come
    // from these, not from the shift's length. Who marked it done, and, for someone who never
    // checked in, the steward's reason. Checks garden_signups_done / _done_reason are hand-written
    // in migration garden_credited_minutes (after the backfill of earlier rows).
    creditedMinutes: integer(),
    doneBy: uuid().references(() => people.id),
    doneReason: text(),
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawnBy: uuid().references(() => people.id),
    withdrawnVia: text({ enum: withdrawWays }),
    withdrawnReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('garden_signups_shift_person')
      .on(t.shiftId, t.personId)
      .where(sql`${t.status} <> 'withdrawn'`),
    index().on(t.villageId, t.personId),
    index().on(t.shiftId),
    oneOf('garden_signups_status', t.status, signupStatuses),
    oneOf('garden_signups_source', t.source, signupSources),
    oneOf('garden_signups_withdrawn_via', t.withdrawnVia, withdrawWays),
    check('garden_signups_withdrawn', sql`(${t.status} = 'withdrawn') = (${t.withdrawnAt} is not null and ${t.withdrawnVia} is not null)`),
  ],
)

export const gardenSwaps = pgTable(
  'garden_swaps',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    signupId: uuid()
      .notNull()
      .references(() => gardenSignups.id),
    fromPersonId: uuid()
      .notNull()
      .references(() => people.id),
    toPersonId: uuid()
      .notNull()
      .references(() => people.id),
    status: text({ enum: swapStatuses }).notNull().default('pending'),
    decidedBy: uuid().references(() => people.id),
    decidedAt: timestamp({ withTimezone: true }),
    // A steward's reassignment says why (the volunteer who lost the place reads it). Check
    // garden_swaps_reassign_reason is hand-written NOT VALID: earlier reassignments had none.
    reason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.villageId, t.toPersonId),
    check('garden_swaps_not_self', sql`${t.fromPersonId} <> ${t.toPersonId}`),
    // One open request per place at a time.
    uniqueIndex('garden_swaps_one_pending')
      .on(t.signupId)
      .where(sql`${t.status} = 'pending'`),
    oneOf('garden_swaps_status', t.status, swapStatuses),
  ],
)

/** The stewards' current points rule; changes are audited. */
export const gardenPointsRules = pgTable(
  'garden_points_rules',
  {
    villageId: uuid()
      .primaryKey()
      .references(() => villages.id),
    pointsPerHour: integer().notNull(),
    unpopularPercent: integer().notNull(),
    updatedBy: uuid().references(() => people.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('garden_points_rules_range', sql`${t.pointsPerHour} between 1 and 100 and ${t.unpopularPercent} between 100 and 300`)],
)

/**
 * 志愿服务积分 ledger. Append-only: the shared append_only() trigger (migration status_checks) refuses
 * UPDATE and DELETE; a correction is a new 'adjustment' row pointing at the entry it corrects.
 */
export const gardenPointsLedger = pgTable(
  'garden_points_ledger',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    kind: text({ enum: pointsEntryKinds }).notNull(),
    signupId: uuid().references(() => gardenSignups.id),
    // 积分超市: the redemption this entry pays for ('redemption', negative) or returns ('refund').
    redemptionId: uuid().references((): AnyPgColumn => gardenRedemptions.id),
    minutes: integer().notNull().default(0),
    points: integer().notNull(),
    reason: text().notNull(),
    correctsEntryId: uuid(),
    createdBy: uuid().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.villageId, t.personId),
    // A shift earns points once, however often "done" is pressed.
    uniqueIndex('garden_points_one_per_signup')
      .on(t.signupId)
      .where(sql`${t.kind} = 'shift'`),
    check(
      'garden_points_kind',
      sql`(${t.kind} = 'shift' and ${t.signupId} is not null and ${t.points} >= 0) or (${t.kind} = 'adjustment' and ${t.points} <> 0) or (${t.kind} = 'redemption' and ${t.redemptionId} is not null and ${t.points} < 0) or (${t.kind} = 'refund' and ${t.redemptionId} is not null and ${t.points} > 0)`,
    ),
    // A redemption is paid once and refunded at most once. The balance a redemption leaves is
    // checked by the hand-written trigger garden_points_no_overdraft.
    uniqueIndex('garden_points_one_per_redemption')
      .on(t.redemptionId, t.kind)
      .where(sql`${t.kind} in ('redemption', 'refund')`),
    oneOf('garden_points_ledger_kind', t.kind, pointsEntryKinds),
  ],
)

/** 积分超市: what points can be exchanged for. Stock never below zero (check + a guarded decrement). */
export const gardenRewards = pgTable(
  'garden_rewards',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    name: text().notNull(),
    points: integer().notNull(),
    stock: integer().notNull(),
    active: boolean().notNull().default(true),
    createdBy: uuid().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.villageId, t.name),
    check('garden_rewards_points', sql`${t.points} between 1 and 10000`),
    check('garden_rewards_stock', sql`${t.stock} >= 0`),
  ],
)

/**
 * One exchange: requested (points paid, one taken from stock), then handed over by a steward, or
 * cancelled (a refund entry puts the points back, the stock goes back up). The row stays.
 */
export const gardenRedemptions = pgTable(
  'garden_redemptions',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    rewardId: uuid()
      .notNull()
      .references(() => gardenRewards.id),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    points: integer().notNull(),
    status: text({ enum: redemptionStatuses }).notNull().default('requested'),
    handedOverAt: timestamp({ withTimezone: true }),
    handedOverBy: uuid().references(() => people.id),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelledBy: uuid().references(() => people.id),
    cancelReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.villageId, t.status),
    index().on(t.personId),
    check('garden_redemptions_points', sql`${t.points} > 0`),
    oneOf('garden_redemptions_status', t.status, redemptionStatuses),
    check('garden_redemptions_handed', sql`(${t.status} = 'handed_over') = (${t.handedOverAt} is not null)`),
    check('garden_redemptions_cancelled', sql`(${t.status} = 'cancelled') = (${t.cancelledAt} is not null and ${t.cancelReason} is not null)`),
  ],
)

export const gardenHarvests = pgTable(
  'garden_harvests',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    bedId: uuid().references(() => gardenBeds.id),
    crop: text().notNull(),
    grams: integer(),
    count: integer(),
    harvestedOn: date().notNull(),
    loggedBy: uuid().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.villageId, t.harvestedOn),
    check(
      'garden_harvests_amount',
      sql`(${t.grams} is not null or ${t.count} is not null) and (${t.grams} is null or ${t.grams} between 1 and 200000) and (${t.count} is null or ${t.count} between 1 and 5000)`,
    ),
  ],
)

export const gardenDistributions = pgTable(
  'garden_distributions',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    harvestId: uuid()
      .notNull()
      .references(() => gardenHarvests.id),
    householdId: uuid()
      .notNull()
      .references(() => households.id),
    grams: integer(),
    count: integer(),
    // A first harvest given beyond the elderly while some had none: the steward's written reason.
    beyondElderlyReason: text(),
    recordedBy: uuid().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.harvestId, t.householdId),
    index().on(t.villageId),
    check('garden_distributions_amount', sql`(${t.grams} is null or ${t.grams} > 0) and (${t.count} is null or ${t.count} > 0)`),
    // Hand-written in migration garden_credited_minutes: garden_distributions_one_amount (exactly
    // one amount; NOT VALID, so shares recorded without one before it stay as history) and the
    // trigger garden_distribution_fits_harvest (the harvest's own unit, never more than picked).
  ],
)

/*
 * Corrections of beds, plantings and harvests (shared/garden/corrections.ts). The original rows
 * never change: hand-written triggers (migration garden_corrections) refuse UPDATE, DELETE and
 * TRUNCATE on them and on these tables. Each correction holds the whole corrected fact, numbered
 * 1, 2, 3… per original (a trigger checks the next number and the village), so the latest is what
 * everyone reads and the chain is the history.
 */
export const gardenBedCorrections = pgTable(
  'garden_bed_corrections',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    bedId: uuid()
      .notNull()
      .references(() => gardenBeds.id),
    seq: integer().notNull(),
    name: text().notNull(),
    areaDm2: integer().notNull(),
    positionLabel: text().notNull(),
    reason: text().notNull(),
    correctedBy: uuid()
      .notNull()
      .references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.bedId, t.seq),
    check('garden_bed_corrections_area', sql`${t.areaDm2} between 10 and 10000`),
    check('garden_bed_corrections_seq', sql`${t.seq} >= 1`),
    check('garden_bed_corrections_reason', sql`btrim(${t.reason}) <> ''`),
  ],
)

export const gardenPlantingCorrections = pgTable(
  'garden_planting_corrections',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    plantingId: uuid()
      .notNull()
      .references(() => gardenPlantings.id),
    seq: integer().notNull(),
    bedId: uuid()
      .notNull()
      .references(() => gardenBeds.id),
    crop: text().notNull(),
    sownOn: date().notNull(),
    expectedHarvestOn: date(),
    note: text(),
    reason: text().notNull(),
    correctedBy: uuid()
      .notNull()
      .references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.plantingId, t.seq),
    check('garden_planting_corrections_seq', sql`${t.seq} >= 1`),
    check('garden_planting_corrections_dates', sql`${t.expectedHarvestOn} is null or ${t.expectedHarvestOn} >= ${t.sownOn}`),
    check('garden_planting_corrections_reason', sql`btrim(${t.reason}) <> ''`),
  ],
)

export const gardenHarvestCorrections = pgTable(
  'garden_harvest_corrections',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    harvestId: uuid()
      .notNull()
      .references(() => gardenHarvests.id),
    seq: integer().notNull(),
    bedId: uuid().references(() => gardenBeds.id),
    crop: text().notNull(),
    grams: integer(),
    count: integer(),
    harvestedOn: date().notNull(),
    reason: text().notNull(),
    correctedBy: uuid()
      .notNull()
      .references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.harvestId, t.seq),
    check('garden_harvest_corrections_seq', sql`${t.seq} >= 1`),
    check(
      'garden_harvest_corrections_amount',
      sql`(${t.grams} is not null or ${t.count} is not null) and (${t.grams} is null or ${t.grams} between 1 and 200000) and (${t.count} is null or ${t.count} between 1 and 5000)`,
    ),
    check('garden_harvest_corrections_reason', sql`btrim(${t.reason}) <> ''`),
    // Hand-written: garden_harvest_correction_fits_shares (never below what was handed out, the
    // shares' unit kept) and the distribution trigger reading the corrected amount.
  ],
)

/**
 * Shift reminders: what the mini-program lists, and what a WeChat subscription message carries
 * when the person has a consent to spend. `delivery` moves pending → sending (one run's claim,
 * `claimToken`) → sent, or to app_only with the reason; `creditHeld` says the reminder already
 * spent a consent, so a retry after a network failure never spends a second one.
 */
export const gardenReminders = pgTable(
  'garden_reminders',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    signupId: uuid()
      .notNull()
      .references(() => gardenSignups.id),
    shiftId: uuid()
      .notNull()
      .references(() => gardenShifts.id),
    kind: text({ enum: reminderKinds }).notNull().default('shift'),
    title: text().notNull(),
    body: text().notNull(),
    /** For a reassignment: the steward's reason, carried into the WeChat message. */
    reason: text(),
    delivery: text({ enum: reminderDeliveries }).notNull().default('pending'),
    appOnlyReason: text({ enum: appOnlyReasons }),
    creditHeld: boolean().notNull().default(false),
    attempts: integer().notNull().default(0),
    claimToken: uuid(),
    claimedAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
    sendError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // One reminder of each kind per person per shift, however often the cron runs.
  (t) => [
    unique('garden_reminders_shift_person_kind').on(t.shiftId, t.personId, t.kind),
    index().on(t.villageId, t.personId),
    index('garden_reminders_pending')
      .on(t.delivery)
      .where(sql`${t.delivery} in ('pending', 'sending')`),
    oneOf('garden_reminders_kind', t.kind, reminderKinds),
    oneOf('garden_reminders_delivery', t.delivery, reminderDeliveries),
    oneOf('garden_reminders_app_only_reason', t.appOnlyReason, appOnlyReasons),
    // garden_reminders_sent / _app_only / _claim (delivery agrees with sent_at, the reason and the
    // claim) are hand-written in migration garden_reminder_delivery, after earlier rows are settled.
  ],
)

export type GardenBed = typeof gardenBeds.$inferSelect
export type GardenShiftRow = typeof gardenShifts.$inferSelect
export type GardenSignupRow = typeof gardenSignups.$inferSelect
export type GardenDutyRow = typeof gardenDuties.$inferSelect
export type NewGardenSignup = typeof gardenSignups.$inferInsert
export type GardenHarvestRow = typeof gardenHarvests.$inferSelect
export type GardenPlantingRow = typeof gardenPlantings.$inferSelect
export type GardenRewardRow = typeof gardenRewards.$inferSelect
export type GardenRedemptionRow = typeof gardenRedemptions.$inferSelect
