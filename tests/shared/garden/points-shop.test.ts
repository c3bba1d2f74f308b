import { describe, expect, it } from 'vitest'
import { cancelRedemptionVerdict, handOverVerdict, pointsBalance, redemptionRefusal } from '../../../shared/garden'

describe('redemptionRefusal', () => {
  const rice = { points: 100, stock: 3, active: true }
  it.each([
    ['enough points and in stock', 100, rice, null],
    ['one point short', 99, rice, 'garden_points_insufficient'],
    ['no points at all', 0, rice, 'garden_points_insufficient'],
    ['the last one', 150, { ...rice, stock: 1 }, null],
    ['none left', 150, { ...rice, stock: 0 }, 'garden_reward_out_of_stock'],
    ['taken off the shelf', 150, { ...rice, active: false }, 'garden_reward_unavailable'],
  ])('%s', (_label, balance, reward, expected) => {
    expect(redemptionRefusal({ balance, reward })).toBe(expected)
  })
})

describe('handing over and cancelling', () => {
  it('hands over once', () => {
    expect(handOverVerdict('requested')).toEqual({ kind: 'go' })
    expect(handOverVerdict('handed_over')).toEqual({ kind: 'already' })
    expect(handOverVerdict('cancelled')).toEqual({ kind: 'refused', code: 'garden_redemption_cancelled' })
  })
  it.each([
    ['the owner, before hand-over', { status: 'requested', byOwner: true, bySteward: false }, { kind: 'go' }],
    ['a steward, before hand-over', { status: 'requested', byOwner: false, bySteward: true }, { kind: 'go' }],
    ['someone else', { status: 'requested', byOwner: false, bySteward: false }, { kind: 'refused', code: 'forbidden' }],
    ['after hand-over', { status: 'handed_over', byOwner: true, bySteward: true }, { kind: 'refused', code: 'garden_redemption_handed_over' }],
    ['twice', { status: 'cancelled', byOwner: true, bySteward: false }, { kind: 'already' }],
  ] as const)('cancel: %s', (_label, input, expected) => {
    expect(cancelRedemptionVerdict(input)).toEqual(expected)
  })
  it('a balance is the ledger summed: redemptions negative, refunds positive', () => {
    expect(pointsBalance([{ points: 60 }, { points: 60 }, { points: -100 }, { points: 100 }, { points: -20 }])).toBe(100)
    expect(pointsBalance([])).toBe(0)
  })
})
