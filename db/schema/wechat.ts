import { sql } from 'drizzle-orm'
import { check, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { people } from './core'

/**
 * Consents to WeChat one-time subscription messages, counted: each "accept" the mini-program
 * reports allows one message of that template to that person, and each message sent spends one.
 * WeChat keeps the true count; a 43101 answer ("no consent left") sets ours back to zero.
 */
export const wechatSubscriptionCredits = pgTable(
  'wechat_subscription_credits',
  {
    personId: uuid()
      .notNull()
      .references(() => people.id),
    templateId: text().notNull(),
    credits: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.templateId] }), check('wechat_subscription_credits_range', sql`${t.credits} between 0 and 50`)],
)

export type WechatSubscriptionCreditRow = typeof wechatSubscriptionCredits.$inferSelect
