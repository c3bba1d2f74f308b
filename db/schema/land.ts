import { sql } from 'drizzle-orm'
import { boolean, check, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import {
  attendanceMethods,
  awardYearStatuses,
  deedKinds,
  meetingChangeKinds,
  meetingStatuses,
  motionKinds,
  motionStatuses,
  nominationStatuses,
  noticeStatuses,
  photoTypes,
} from '../../shared/land'
import { assistanceNeeds, assistRequesters, meetingTypes, voteChoices, type Tally } from '../../shared/votes'
import { households, people, villages } from './core'
import { oneOf } from './one-of'

/** The village's named reserve-land parcels (机动地); area in tenth-mu. */
export const landParcels = pgTable(
  'land_parcels',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    name: text().notNull(),
    areaTenthMu: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.villageId, t.name), check('land_parcels_area_positive', sql`${t.areaTenthMu} > 0`)],
)

/** One award year: the pool, the share per household, the season of free tenure. */
export const landAwardYears = pgTable(
  'land_award_years',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    year: integer().notNull(),
    perHouseholdTenthMu: integer().notNull(),
    season: text().notNull(),
    status: text({ enum: awardYearStatuses }).notNull().default('nominating'),
    createdBy: uuid().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.villageId, t.year),
    check('land_award_years_share_positive', sql`${t.perHouseholdTenthMu} > 0`),
    oneOf('land_award_years_status', t.status, awardYearStatuses),
  ],
)

export const landPoolParcels = pgTable(
  'land_pool_parcels',
  {
    awardYearId: uuid()
      .notNull()
      .references(() => landAwardYears.id),
    parcelId: uuid()
      .notNull()
      .references(() => landParcels.id),
  },
  (t) => [primaryKey({ columns: [t.awardYearId, t.parcelId] })],
)

export const landNominations = pgTable(
  'land_nominations',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    awardYearId: uuid()
      .notNull()
      .references(() => landAwardYears.id),
    householdId: uuid()
      .notNull()
      .references(() => households.id),
    deedKind: text({ enum: deedKinds }).notNull(),
    deedDate: date({ mode: 'string' }).notNull(),
    notes: text().notNull().default(''),
    evidenceUrls: jsonb().$type<string[]>().notNull().default([]),
    selfApplied: boolean().notNull().default(false),
    status: text({ enum: nominationStatuses }).notNull().default('pending'),
    reviewReason: text(),
    reviewedBy: uuid().references(() => people.id),
    reviewedAt: timestamp({ withTimezone: true }),
    createdBy: uuid()
      .notNull()
      .references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // One nomination per household per year: several deeds go into its notes and photos.
  (t) => [
    unique().on(t.awardYearId, t.householdId),
    oneOf('land_nominations_deed_kind', t.deedKind, deedKinds),
    oneOf('land_nominations_status', t.status, nominationStatuses),
  ],
)

export const landMeetings = pgTable(
  'land_meetings',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    awardYearId: uuid()
      .notNull()
      .references(() => landAwardYears.id),
    type: text({ enum: meetingTypes }).notNull(),
    title: text().notNull(),
    meetingDate: date({ mode: 'string' }).notNull(),
    noticeDate: date({ mode: 'string' }).notNull(),
    urgentReason: text(),
    status: text({ enum: meetingStatuses }).notNull().default('scheduled'),
    createdBy: uuid().references(() => people.id),
    openedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    cancelReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.awardYearId),
    oneOf('land_meetings_type', t.type, meetingTypes),
    oneOf('land_meetings_status', t.status, meetingStatuses),
    check('land_meetings_cancel_reason', sql`${t.status} <> 'cancelled' or ${t.cancelReason} is not null`),
  ],
)

/**
 * What the village was told about a meeting after it was called: cancelled, or moved to another
 * day, with the reason. Append-only (a trigger refuses updates and deletes): the notice list.
 */
export const landMeetingChanges = pgTable(
  'land_meeting_changes',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    meetingId: uuid()
      .notNull()
      .references(() => landMeetings.id),
    kind: text({ enum: meetingChangeKinds }).notNull(),
    reason: text().notNull(),
    fromDate: date({ mode: 'string' }).notNull(),
    toDate: date({ mode: 'string' }),
    urgentReason: text(),
    /** People checked in before a postponement: their attendance does not carry to the new day. */
    attendanceCleared: integer().notNull().default(0),
    changedBy: uuid()
      .notNull()
      .references(() => people.id),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.meetingId),
    index().on(t.villageId, t.changedAt),
    oneOf('land_meeting_changes_kind', t.kind, meetingChangeKinds),
    check(
      'land_meeting_changes_dates',
      sql`(${t.kind} = 'cancelled' and ${t.toDate} is null) or (${t.kind} = 'postponed' and ${t.toDate} is not null and ${t.toDate} <> ${t.fromDate})`,
    ),
  ],
)

const bytea = customType<{ data: Uint8Array<ArrayBuffer>; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  // node-postgres hands back a Buffer (maybe a view on its pool), PGlite a Uint8Array: copied to one of its own.
  fromDriver: (value) => new Uint8Array(value),
})

/**
 * Evidence photos, kept by the product (Postgres bytea): compressed on the phone, sniffed and capped
 * by the server, the size and type backed by CHECKs. Uploaded first by one person, then attached
 * once to the nomination that person files; until then only the uploader sees it.
 */
export const landEvidencePhotos = pgTable(
  'land_evidence_photos',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    uploadedBy: uuid()
      .notNull()
      .references(() => people.id),
    nominationId: uuid().references(() => landNominations.id),
    /** Order among the nomination's photos. */
    position: integer(),
    contentType: text({ enum: photoTypes }).notNull(),
    byteSize: integer().notNull(),
    sha256: text().notNull(),
    data: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.nominationId),
    index().on(t.uploadedBy),
    oneOf('land_evidence_photos_type', t.contentType, photoTypes),
    check('land_evidence_photos_size', sql`${t.byteSize} > 0 and ${t.byteSize} <= 614400 and octet_length(${t.data}) = ${t.byteSize}`),
    check('land_evidence_photos_sha256', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
)

export const landAttendance = pgTable(
  'land_attendance',
  {
    meetingId: uuid()
      .notNull()
      .references(() => landMeetings.id),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    householdId: uuid().references(() => households.id),
    method: text({ enum: attendanceMethods }).notNull(),
    recordedBy: uuid().references(() => people.id),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * The household this attendance counts for, set by a trigger (from the person's household) only
     * in a household-representative meeting: the unique key below then lets one household in once,
     * however many of its representatives check in at the same moment.
     */
    countedHouseholdId: uuid().references(() => households.id),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.personId] }),
    unique('land_attendance_household_once').on(t.meetingId, t.countedHouseholdId),
    oneOf('land_attendance_method', t.method, attendanceMethods),
  ],
)

/** The village's mark that a person needs help to vote (需要代办): elderly, disabled, illiterate. */
export const landAssistanceNeeds = pgTable(
  'land_assistance_needs',
  {
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    need: text({ enum: assistanceNeeds }).notNull(),
    note: text().notNull().default(''),
    markedBy: uuid().references(() => people.id),
    markedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.villageId, t.personId] }), oneOf('land_assistance_needs_need', t.need, assistanceNeeds)],
)

export const landMotions = pgTable(
  'land_motions',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    meetingId: uuid()
      .notNull()
      .references(() => landMeetings.id),
    kind: text({ enum: motionKinds }).notNull(),
    title: text().notNull(),
    /** Nomination ids; for a ranking motion, in the order the meeting is asked to approve. */
    candidateIds: jsonb().$type<string[]>().notNull(),
    status: text({ enum: motionStatuses }).notNull().default('draft'),
    passed: boolean(),
    /** The tally frozen at close: what the notice shows and what can never be edited. */
    result: jsonb().$type<Tally>(),
    handsFor: integer(),
    handsAgainst: integer(),
    handsAbstain: integer(),
    handsEnteredBy: uuid().references(() => people.id),
    openedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.meetingId),
    oneOf('land_motions_kind', t.kind, motionKinds),
    oneOf('land_motions_status', t.status, motionStatuses),
    check(
      'land_motions_hands_nonnegative',
      sql`coalesce(${t.handsFor}, 0) >= 0 and coalesce(${t.handsAgainst}, 0) >= 0 and coalesce(${t.handsAbstain}, 0) >= 0`,
    ),
  ],
)

export const landVotes = pgTable(
  'land_votes',
  {
    id: uuid().primaryKey().defaultRandom(),
    motionId: uuid()
      .notNull()
      .references(() => landMotions.id),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    choice: text({ enum: voteChoices }).notNull(),
    assisted: boolean().notNull().default(false),
    /** Who entered it: the villager, or for an assisted ballot the cadre. */
    recordedBy: uuid()
      .notNull()
      .references(() => people.id),
    /** For an assisted ballot: who asked (the villager or a named family member), and any stated reason. */
    requestedBy: text({ enum: assistRequesters }),
    familyMemberName: text(),
    assistReason: text(),
    castAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // One ballot per person per motion, by construction: a re-cast updates it. The check that an
  // assisted ballot names who asked is hand-written in its migration (after fixing older rows).
  (t) => [
    unique('land_votes_motion_person').on(t.motionId, t.personId),
    oneOf('land_votes_choice', t.choice, voteChoices),
    oneOf('land_votes_requested_by', t.requestedBy, assistRequesters),
  ],
)

export const landNotices = pgTable(
  'land_notices',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    awardYearId: uuid()
      .notNull()
      .references(() => landAwardYears.id),
    status: text({ enum: noticeStatuses }).notNull().default('open'),
    publishedOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    periodDays: integer().notNull(),
    motionIds: jsonb().$type<string[]>().notNull(),
    waitlisted: jsonb().$type<string[]>().notNull().default([]),
    publishedBy: uuid().references(() => people.id),
    lockedAt: timestamp({ withTimezone: true }),
    lockedBy: uuid().references(() => people.id),
    /** A correction of a locked notice is a new notice pointing at the one it corrects. */
    correctsNoticeId: uuid(),
    correctionReason: text(),
    /** Published again after a withdrawal: the notice it replaces (whose objections it carries). */
    replacesNoticeId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.awardYearId),
    // A withdrawn notice is replaced once: two republications cannot both claim it.
    unique('land_notices_replaces_once').on(t.replacesNoticeId),
    check('land_notices_correction_reason', sql`${t.correctsNoticeId} is null or ${t.correctionReason} is not null`),
    oneOf('land_notices_status', t.status, noticeStatuses),
  ],
)

export const landAwards = pgTable(
  'land_awards',
  {
    id: uuid().primaryKey().defaultRandom(),
    noticeId: uuid()
      .notNull()
      .references(() => landNotices.id),
    awardYearId: uuid()
      .notNull()
      .references(() => landAwardYears.id),
    householdId: uuid()
      .notNull()
      .references(() => households.id),
    rank: integer().notNull(),
    tenthMu: integer().notNull(),
    /** Parcels proposed in the notice; the binding assignment is land_allocations. */
    plannedParcelIds: jsonb().$type<string[]>().notNull().default([]),
  },
  (t) => [unique().on(t.noticeId, t.householdId), index().on(t.awardYearId)],
)

export const landObjections = pgTable(
  'land_objections',
  {
    id: uuid().primaryKey().defaultRandom(),
    noticeId: uuid()
      .notNull()
      .references(() => landNotices.id),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    text: text().notNull(),
    filedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    reply: text(),
    repliedBy: uuid().references(() => people.id),
    repliedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.noticeId)],
)

export const landAllocations = pgTable(
  'land_allocations',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    awardYearId: uuid()
      .notNull()
      .references(() => landAwardYears.id),
    season: text().notNull(),
    parcelId: uuid()
      .notNull()
      .references(() => landParcels.id),
    householdId: uuid()
      .notNull()
      .references(() => households.id),
    areaTenthMu: integer().notNull(),
    allocatedBy: uuid().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // No parcel is given twice in one season, whatever the application does.
  (t) => [uniqueIndex('land_allocations_parcel_season').on(t.parcelId, t.season), index().on(t.awardYearId)],
)

export type LandParcel = typeof landParcels.$inferSelect
export type LandAwardYear = typeof landAwardYears.$inferSelect
export type LandNomination = typeof landNominations.$inferSelect
export type LandMeeting = typeof landMeetings.$inferSelect
export type LandMeetingChange = typeof landMeetingChanges.$inferSelect
export type LandEvidencePhoto = typeof landEvidencePhotos.$inferSelect
export type LandMotion = typeof landMotions.$inferSelect
export type LandVote = typeof landVotes.$inferSelect
export type LandAssistanceNeed = typeof landAssistanceNeeds.$inferSelect
export type LandNotice = typeof landNotices.$inferSelect
export type LandAward = typeof landAwards.$inferSelect
export type NewLandAward = typeof landAwards.$inferInsert
