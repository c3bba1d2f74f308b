import type { ErrorCode } from '../errors'
import { z } from '../zod'
import type { SignupStatus, UndoVerdict } from './shifts'

/* 志愿服务积分 and the 积分超市 where points buy rice, soap or a haircut. */

export const pointsRuleSchema = z.object({
  /** whole points per hour of a completed shift */
  pointsPerHour: z.number().int().min(1).max(100),
  /** percentage applied to unpopular shifts: 150 = half as much again */
  unpopularPercent: z.number().int().min(100).max(300),
})
export type PointsRule = z.infer<typeof pointsRuleSchema>
export const defaultPointsRule: PointsRule = { pointsPerHour: 10, unpopularPercent: 150 }

/**
 * Integer points for one shift: minutes × points/hour × percent ÷ 6000, rounded down so a
 * fraction of a point is never created. Only a completed shift earns; a no-show earns nothing.
 */
export function pointsForShift(shift: { minutes: number; unpopular: boolean; outcome: SignupStatus }, rule: PointsRule): number {
  if (shift.outcome !== 'done') return 0
  const percent = shift.unpopular ? rule.unpopularPercent : 100
  return Math.floor((Math.max(0, shift.minutes) * rule.pointsPerHour * percent) / 6000)
}

// ---------------------------------------------------------------------------------------------
// 积分超市: points exchanged for rice, soap, a haircut
// ---------------------------------------------------------------------------------------------

/**
 * The points ledger's kinds. A redemption is a negative entry; cancelling it is a new positive
 * 'refund' entry pointing at it, so points come back without anything being rewritten.
 */
export const pointsEntryKinds = ['shift', 'adjustment', 'redemption', 'refund'] as const
export type PointsEntryKind = (typeof pointsEntryKinds)[number]
export const pointsEntryKindLabels: Record<PointsEntryKind, string> = { shift: '值班', adjustment: '调整', redemption: '兑换', refund: '兑换取消退回' }

/** A balance is the sum of the ledger; never a stored number that could drift from it. */
export const pointsBalance = (entries: readonly { points: number }[]): number => entries.reduce((sum, e) => sum + e.points, 0)

export const redemptionStatuses = ['requested', 'handed_over', 'cancelled'] as const
export type RedemptionStatus = (typeof redemptionStatuses)[number]
export const redemptionStatusLabels: Record<RedemptionStatus, string> = { requested: '待领取', handed_over: '已领取', cancelled: '已取消' }

/**
 * Why a volunteer may not redeem a reward now, or null. The reward must be on offer and in stock,
 * and the balance must cover its points: a balance never goes below zero.
 */
export function redemptionRefusal(input: { balance: number; reward: { points: number; stock: number; active: boolean } }): ErrorCode | null {
  if (!input.reward.active) return 'garden_reward_unavailable'
  if (input.reward.stock <= 0) return 'garden_reward_out_of_stock'
  if (input.balance < input.reward.points) return 'garden_points_insufficient'
  return null
}

/** The steward hands a requested reward over once; handing it over again changes nothing. */
export function handOverVerdict(status: RedemptionStatus): UndoVerdict {
  if (status === 'handed_over') return { kind: 'already' }
  if (status === 'cancelled') return { kind: 'refused', code: 'garden_redemption_cancelled' }
  return { kind: 'go' }
}

/**
 * A redemption not yet handed over can be cancelled by the volunteer who made it or a steward:
 * the points and the stock come back. What was handed over is not taken back here (a steward
 * corrects points with an adjustment). Cancelling twice changes nothing.
 */
export function cancelRedemptionVerdict(input: { status: RedemptionStatus; byOwner: boolean; bySteward: boolean }): UndoVerdict {
  if (!input.byOwner && !input.bySteward) return { kind: 'refused', code: 'forbidden' }
  if (input.status === 'cancelled') return { kind: 'already' }
  if (input.status === 'handed_over') return { kind: 'refused', code: 'garden_redemption_handed_over' }
  return { kind: 'go' }
}

export const MAX_REWARD_POINTS = 10_000
export const MAX_REWARD_STOCK = 1_000
