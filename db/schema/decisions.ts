import { sql } from 'drizzle-orm'
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { electorates, matterKinds, matterLinkSubjects, matterStatuses, matterThresholds, type MatterTally } from '../../shared/garden'
import { people, villages } from './core'
import { oneOf } from './one-of'
import { gardenDuties } from './garden'

/**
 * 居民议事会: a matter put to the courtyard. Its options, electorate, window and threshold are
 * fixed when it is put; the result is frozen when it is decided, and never recounted.
 */
export const gardenMatters = pgTable(
  'garden_matters',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    title: text().notNull(),
    body: text().notNull(),
    kind: text({ enum: matterKinds }).notNull(),
    electorate: text({ enum: electorates }).notNull(),
    threshold: text({ enum: matterThresholds }).notNull(),
    opensAt: timestamp({ withTimezone: true }).notNull(),
    closesAt: timestamp({ withTimezone: true }).notNull(),
    status: text({ enum: matterStatuses }).notNull().default('open'),
    /** A duty the decision pauses if it passes. */
    pausesDutyId: uuid().references(() => gardenDuties.id),
    handsEnteredAt: timestamp({ withTimezone: true }),
    handsEnteredBy: uuid().references(() => people.id),
    result: jsonb().$type<MatterTally>(),
    passed: boolean(),
    decidedAt: timestamp({ withTimezone: true }),
    decidedBy: uuid().references(() => people.id),
    createdBy: uuid()
      .notNull()
      .references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.villageId, t.status),
    check('garden_matters_window', sql`${t.closesAt} > ${t.opensAt}`),
    oneOf('garden_matters_kind', t.kind, matterKinds),
    oneOf('garden_matters_electorate', t.electorate, electorates),
    oneOf('garden_matters_threshold', t.threshold, matterThresholds),
    oneOf('garden_matters_status', t.status, matterStatuses),
    check('garden_matters_decided', sql`(${t.status} = 'decided') = (${t.result} is not null and ${t.passed} is not null and ${t.decidedAt} is not null)`),
  ],
)

/** The options of a matter, with the hands raised for each at the courtyard meeting (null until entered). */
export const gardenMatterOptions = pgTable(
  'garden_matter_options',
  {
    matterId: uuid()
      .notNull()
      .references(() => gardenMatters.id),
    key: text().notNull(),
    label: text().notNull(),
    position: integer().notNull(),
    hands: integer(),
  },
  (t) => [primaryKey({ columns: [t.matterId, t.key] }), check('garden_matter_options_hands', sql`coalesce(${t.hands}, 0) >= 0`)],
)

/**
 * One ballot per vote key: the person, or their household when the matter is one vote per household.
 * A re-cast updates it; the choice must be one of the matter's own options (the foreign key).
 */
export const gardenMatterBallots = pgTable(
  'garden_matter_ballots',
  {
    matterId: uuid()
      .notNull()
      .references(() => gardenMatters.id),
    countedKey: uuid().notNull(),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    choice: text().notNull(),
    castAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'garden_matter_ballots_once', columns: [t.matterId, t.countedKey] }),
    unique('garden_matter_ballots_person').on(t.matterId, t.personId),
    foreignKey({
      name: 'garden_matter_ballots_option',
      columns: [t.matterId, t.choice],
      foreignColumns: [gardenMatterOptions.matterId, gardenMatterOptions.key],
    }),
  ],
)

/** Who was at the courtyard meeting when hands were raised, by vote key: each once. */
export const gardenMatterAttendance = pgTable(
  'garden_matter_attendance',
  {
    matterId: uuid()
      .notNull()
      .references(() => gardenMatters.id),
    countedKey: uuid().notNull(),
    recordedBy: uuid()
      .notNull()
      .references(() => people.id),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.matterId, t.countedKey] })],
)

/** What a decision changed, so the thing changed links back to the decision (a duty it paused). */
export const gardenMatterLinks = pgTable(
  'garden_matter_links',
  {
    matterId: uuid()
      .notNull()
      .references(() => gardenMatters.id),
    subjectType: text({ enum: matterLinkSubjects }).notNull(),
    subjectId: uuid().notNull(),
    note: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.matterId, t.subjectType, t.subjectId] }),
    index().on(t.subjectType, t.subjectId),
    oneOf('garden_matter_links_subject_type', t.subjectType, matterLinkSubjects),
  ],
)

export type GardenMatterRow = typeof gardenMatters.$inferSelect
export type GardenMatterOptionRow = typeof gardenMatterOptions.$inferSelect
