import { relations, sql } from 'drizzle-orm'
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { roles, villageKinds } from '../../shared/roles'
import { oneOf } from './one-of'

/** 村 / 嘎查 / 社区, with the township (乡镇/苏木/街道) and county above it. */
export const villages = pgTable(
  'villages',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    kind: text({ enum: villageKinds }).notNull(),
    township: text().notNull(),
    county: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [oneOf('villages_kind', t.kind, villageKinds)],
)

/** 户: the unit of the household-representative quorum and of land awards. */
export const households = pgTable(
  'households',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    label: text().notNull(),
    // The head is a person of this household; no FK because people reference households too.
    headPersonId: uuid(),
    elderly: boolean().notNull().default(false),
    /** 村民小组 (一组), or in a 社区 courtyard the building and entrance (3号楼2单元): how villagers tell namesakes apart. */
    group: text('group_name'),
    /** 户号 (12号) or 门牌 (301). Null until the village records it (households made before it had these). */
    houseNumber: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.villageId),
    // One household per 组 and 户号 in a village: the pair is what a label shows (shared/people.ts), so
    // two households can never read the same. A courtyard's 门牌 repeat from building to building, hence the 组.
    uniqueIndex('households_one_per_house_number')
      .on(t.villageId, sql`coalesce(${t.group}, '')`, t.houseNumber)
      .where(sql`${t.houseNumber} is not null`),
  ],
)

export const people = pgTable(
  'people',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    // Birth year alone decides 18+ eligibility; full birth dates are more than the product needs to keep.
    birthYear: integer().notNull(),
    householdId: uuid().references(() => households.id),
    /** A fictional person of the demo villages: the only kind demo login will sign in as. */
    demoPersona: boolean().notNull().default(false),
    /**
     * Raised to end every session of this person at once (logout, a lost phone, an unbound WeChat):
     * a token carries the version it was issued at and is refused once the row has moved on.
     */
    sessionVersion: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.householdId)],
)

/** A role held in one village. A person may hold several roles and belong to several villages. */
export const memberships = pgTable(
  'memberships',
  {
    personId: uuid()
      .notNull()
      .references(() => people.id),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    role: text({ enum: roles }).notNull(),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.villageId, t.role] }), index().on(t.villageId, t.role), oneOf('memberships_role', t.role, roles)],
)

/** WeChat openid ↔ person. Created only through a secretary's invite, never self-assigned. */
export const accounts = pgTable('accounts', {
  id: uuid().primaryKey().defaultRandom(),
  personId: uuid()
    .notNull()
    .unique()
    .references(() => people.id),
  wechatOpenid: text().notNull().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastLoginAt: timestamp({ withTimezone: true }),
})

export const invites = pgTable('invites', {
  code: text().primaryKey(),
  villageId: uuid()
    .notNull()
    .references(() => villages.id),
  personId: uuid()
    .notNull()
    .references(() => people.id),
  createdBy: uuid()
    .notNull()
    .references(() => people.id),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true })
    .notNull()
    .default(sql`now()`),
})

export const villagesRelations = relations(villages, ({ many }) => ({
  households: many(households),
  memberships: many(memberships),
}))
export const householdsRelations = relations(households, ({ one, many }) => ({
  village: one(villages, { fields: [households.villageId], references: [villages.id] }),
  people: many(people),
}))
export const peopleRelations = relations(people, ({ one, many }) => ({
  household: one(households, { fields: [people.householdId], references: [households.id] }),
  memberships: many(memberships),
}))
export const membershipsRelations = relations(memberships, ({ one }) => ({
  person: one(people, { fields: [memberships.personId], references: [people.id] }),
  village: one(villages, { fields: [memberships.villageId], references: [villages.id] }),
}))

export type Village = typeof villages.$inferSelect
export type NewVillage = typeof villages.$inferInsert
export type Household = typeof households.$inferSelect
export type NewHousehold = typeof households.$inferInsert
export type Person = typeof people.$inferSelect
export type NewPerson = typeof people.$inferInsert
export type MembershipRow = typeof memberships.$inferSelect
export type Account = typeof accounts.$inferSelect
export type Invite = typeof invites.$inferSelect
