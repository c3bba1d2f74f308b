import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { gardenPointsLedger, gardenRedemptions, gardenRewards, people } from '../../db/schema'
import type { GardenRedemptionRow } from '../../db/schema/garden'
import { AppError } from '../../shared/errors'
import type { Redemption } from '../../shared/garden'

/** 积分超市 helpers. Lock order everywhere: the person's row, then the redemption, then the reward. */

/** The balance: the sum of the person's ledger, read after the caller locked the person. */
export async function balanceOf(db: Db, villageId: string, personId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${gardenPointsLedger.points}), 0)`.mapWith(Number) })
    .from(gardenPointsLedger)
    .where(and(eq(gardenPointsLedger.villageId, villageId), eq(gardenPointsLedger.personId, personId)))
  return row?.total ?? 0
}

export async function loadRedemption(db: Db, villageId: string, redemptionId: string, lock = false): Promise<GardenRedemptionRow> {
  const query = db
    .select()
    .from(gardenRedemptions)
    .where(and(eq(gardenRedemptions.id, redemptionId), eq(gardenRedemptions.villageId, villageId)))
  const [row] = lock ? await query.for('update') : await query
  if (!row) throw new AppError('not_found', '找不到这次兑换')
  return row
}

export async function stockOf(db: Db, rewardId: string): Promise<number> {
  const [row] = await db.select({ stock: gardenRewards.stock }).from(gardenRewards).where(eq(gardenRewards.id, rewardId))
  return row?.stock ?? 0
}

export async function describeRedemption(db: Db, row: GardenRedemptionRow): Promise<Redemption> {
  const [names] = await db
    .select({ rewardName: gardenRewards.name, name: people.name })
    .from(gardenRewards)
    .innerJoin(people, eq(people.id, row.personId))
    .where(eq(gardenRewards.id, row.rewardId))
  return toRedemption(row, names?.rewardName ?? '', names?.name ?? '')
}

export const toRedemption = (row: GardenRedemptionRow, rewardName: string, name: string): Redemption => ({
  id: row.id,
  rewardId: row.rewardId,
  rewardName,
  personId: row.personId,
  name,
  points: row.points,
  status: row.status,
  createdAt: row.createdAt.toISOString(),
  handedOverAt: row.handedOverAt?.toISOString() ?? null,
  cancelledAt: row.cancelledAt?.toISOString() ?? null,
  cancelReason: row.cancelReason,
})
