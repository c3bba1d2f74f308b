import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Attempt counters for guessable inputs (logins, invite codes), one row per bucket (a rule and a
 * hashed openid, address or village), in fixed windows. Kept in Postgres so that every serverless
 * instance counts against the same numbers.
 */
export const rateLimits = pgTable('rate_limits', {
  bucket: text().primaryKey(),
  windowStartedAt: timestamp({ withTimezone: true }).notNull(),
  windowSeconds: integer().notNull(),
  hits: integer().notNull(),
})

export type RateLimitRow = typeof rateLimits.$inferSelect
