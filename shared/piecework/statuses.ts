/*
 * The closed sets of the piecework tables, each written once: the wire schemas take them with
 * z.enum, the drizzle columns with text({ enum }) and a CHECK (db/schema/piecework.ts).
 */

/** Material handed to a household for an order, or handed back. */
export const movementKinds = ['issue', 'return'] as const
export type MovementKind = (typeof movementKinds)[number]

/** A pay period is open until the head closes it; nothing inside a closed one changes. */
export const periodStatuses = ['open', 'closed'] as const
export type PeriodStatus = (typeof periodStatuses)[number]
