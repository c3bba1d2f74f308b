import { describe, expect, it } from 'vitest'
import { checkCorrection, correctionText, effectiveCounts, type CorrectionInput } from '../../../shared/piecework'

const material = { perPiece: 100, netIssued: 1000, alreadyUsed: 600, toleranceBp: 0 }
const base: CorrectionInput = {
  current: { accepted: 6, rejected: 0, rework: 0, reworkReturn: false },
  target: { accepted: 5, rejected: 0, rework: 0 },
  rejectReason: null,
  material,
  openReworkPieces: 0,
  order: { quantity: 8, countedBefore: 6, toleranceBp: 0, overOrderAllowed: false },
  piecesThatDay: 6,
  day: '2026-12-01',
}

describe.each<[string, Partial<CorrectionInput>, string | { accepted: number; rejected: number; rework: number }]>([
  ['fewer pieces: a negative change', {}, { accepted: -1, rejected: 0, rework: 0 }],
  ['void: everything back', { target: 'void' }, { accepted: -6, rejected: 0, rework: 0 }],
  ['more pieces within the material and the order', { target: { accepted: 8, rejected: 0, rework: 0 } }, { accepted: 2, rejected: 0, rework: 0 }],
  [
    'more pieces than the material makes',
    { target: { accepted: 11, rejected: 0, rework: 0 }, order: { ...base.order, quantity: 100 } },
    'piecework_over_collection',
  ],
  ['more pieces than the order takes', { target: { accepted: 9, rejected: 0, rework: 0 } }, 'piecework_over_order'],
  [
    'beyond the order when it was already accepted as 超出订单',
    { target: { accepted: 9, rejected: 0, rework: 0 }, order: { ...base.order, overOrderAllowed: true } },
    { accepted: 3, rejected: 0, rework: 0 },
  ],
  ['accepted turned into rejected needs a reason', { target: { accepted: 5, rejected: 1, rework: 0 } }, 'piecework_reject_reason_required'],
  [
    'accepted turned into rejected with a reason: material unchanged',
    { target: { accepted: 5, rejected: 1, rework: 0 }, rejectReason: '破洞', material: { ...material, alreadyUsed: 1000 } },
    { accepted: -1, rejected: 1, rework: 0 },
  ],
  [
    'rework cut below what came back',
    { current: { accepted: 4, rejected: 0, rework: 2, reworkReturn: false }, target: { accepted: 5, rejected: 0, rework: 1 }, openReworkPieces: 0 },
    'piecework_rework_exceeds',
  ],
  ['nothing to change', { target: { accepted: 6, rejected: 0, rework: 0 } }, 'piecework_correction_unchanged'],
  ['zero is a void, not a correction', { target: { accepted: 0, rejected: 0, rework: 0 } }, 'piecework_invalid_count'],
  ['already voided', { current: { accepted: 0, rejected: 0, rework: 0, reworkReturn: false } }, 'piecework_correction_voided'],
  [
    'the daily limit',
    { target: { accepted: 10_000, rejected: 0, rework: 0 }, material: null, order: { ...base.order, quantity: 100_000 }, piecesThatDay: 9_000 },
    'piecework_daily_limit',
  ],
])('checkCorrection: %s', (_label, override, expected) => {
  it('decides', () => {
    const result = checkCorrection({ ...base, ...override })
    if (typeof expected === 'string') expect('code' in result ? result.code : null).toBe(expected)
    else expect(result).toEqual({ delta: expected })
  })
})

it('the counts that stand are the original plus its corrections, and the text says what changed', () => {
  const after = effectiveCounts({ accepted: 60, rejected: 0, rework: 0 }, [{ accepted: -54, rejected: 0, rework: 0 }])
  expect(after).toEqual({ accepted: 6, rejected: 0, rework: 0 })
  expect(correctionText({ accepted: 60, rejected: 0, rework: 0 }, after)).toBe('已更正：合格 60 → 6')
  expect(correctionText(after, { accepted: 0, rejected: 0, rework: 0 })).toBe('已作废')
})
