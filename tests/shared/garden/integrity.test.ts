import { describe, expect, it } from 'vitest'
import {
  creditedMinutes,
  doneVerdict,
  firstHarvestIdsByCrop,
  elderlyStillWaiting,
  firstHarvestRefusal,
  harvestDateRefusal,
  harvestUnit,
  shareRefusal,
} from '../../../shared/garden'

const shift = { startMin: 1000, endMin: 1060 }

describe('creditedMinutes: the time actually worked within the shift', () => {
  it.each([
    ['checked in 10 early, done a second later (before the start)', 990, 990, false, 0],
    ['checked in 10 early, done 45 minutes in', 990, 1045, false, 45],
    ['checked in early, done long after the end', 990, 1200, false, 60],
    ['checked in 15 late, done after the end', 1015, 1100, false, 45],
    ['checked in after the end', 1070, 1080, false, 0],
    ['never checked in, not confirmed', null, 1100, false, 0],
    ['never checked in, confirmed by a steward', null, 1020, true, 60],
    ['checked in late, confirmed by a steward', 1030, 1040, true, 60],
  ] as const)('%s → %i', (_name, checkedIn, doneAt, confirmed, expected) => {
    expect(creditedMinutes(shift, checkedIn, doneAt, confirmed)).toBe(expected)
  })

  it('is never negative nor more than the shift, whatever the instants', () => {
    for (let checkedIn = 900; checkedIn <= 1200; checkedIn += 7) {
      for (let doneAt = 900; doneAt <= 1200; doneAt += 11) {
        const m = creditedMinutes(shift, checkedIn, doneAt, false)
        expect(m).toBeGreaterThanOrEqual(0)
        expect(m).toBeLessThanOrEqual(60)
      }
    }
  })
})

describe('doneVerdict', () => {
  it.each([
    ['self', 'checked_in', 999, undefined, { kind: 'refused', code: 'garden_done_before_start' }],
    ['self', 'checked_in', 1000, undefined, { kind: 'go' }],
    ['self', 'checked_in', 1060 + 360, undefined, { kind: 'go' }],
    ['self', 'checked_in', 1060 + 361, undefined, { kind: 'refused', code: 'garden_shift_closed' }],
    ['self', 'booked', 1030, undefined, { kind: 'refused', code: 'garden_not_checked_in' }],
    ['self', 'done', 1030, undefined, { kind: 'already' }],
    ['self', 'withdrawn', 1030, undefined, { kind: 'refused', code: 'garden_signup_withdrawn' }],
    ['steward', 'checked_in', 999, undefined, { kind: 'refused', code: 'garden_done_before_start' }],
    ['steward', 'booked', 999, '看见他干了', { kind: 'refused', code: 'garden_done_before_start' }],
    ['steward', 'booked', 1030, undefined, { kind: 'refused', code: 'garden_done_reason_required' }],
    ['steward', 'booked', 1030, '  ', { kind: 'refused', code: 'garden_done_reason_required' }],
    ['steward', 'booked', 1030, '看见他干了', { kind: 'go' }],
    ['steward', 'checked_in', 5000, undefined, { kind: 'go' }],
    ['steward', 'done', 1030, undefined, { kind: 'refused', code: 'garden_shift_closed' }],
    ['steward', 'no_show', 1100, '其实来了', { kind: 'refused', code: 'garden_shift_closed' }],
  ] as const)('%s, %s at %i (reason %s) → %o', (by, status, nowMin, reason, verdict) => {
    expect(doneVerdict({ by, status, shift, nowMin, reason })).toEqual(verdict)
  })
})

describe('shareRefusal', () => {
  const grams = { grams: 900, count: null }
  const pieces = { grams: null, count: 20 }
  it.each([
    ['no amount', grams, 0, [{}], 'garden_share_amount_invalid'],
    ['zero', grams, 0, [{ grams: 0 }], 'garden_share_amount_invalid'],
    ['negative', pieces, 0, [{ count: -1 }], 'garden_share_amount_invalid'],
    ['fraction', grams, 0, [{ grams: 1.5 }], 'garden_share_amount_invalid'],
    ['both units', grams, 0, [{ grams: 1, count: 1 }], 'garden_share_amount_invalid'],
    ['5000 pieces of a 900 g harvest', grams, 0, [{ count: 5000 }], 'garden_share_wrong_unit'],
    ['grams of a counted harvest', pieces, 0, [{ grams: 5 }], 'garden_share_wrong_unit'],
    ['over on its own', grams, 0, [{ grams: 901 }], 'garden_harvest_over_distributed'],
    ['over with what was given', grams, 600, [{ grams: 301 }], 'garden_harvest_over_distributed'],
    ['over together', pieces, 0, [{ count: 10 }, { count: 11 }], 'garden_harvest_over_distributed'],
    ['exactly all of it', grams, 600, [{ grams: 300 }], null],
    ['pieces of a counted harvest', pieces, 5, [{ count: 10 }, { count: 5 }], null],
  ] as const)('%s → %s', (_name, harvest, given, shares, code) => {
    expect(shareRefusal({ harvest, given, shares })).toBe(code)
  })

  it('a harvest logged with a weight and a count is shared by weight', () => {
    expect(harvestUnit({ grams: 500, count: 3 })).toBe('grams')
    expect(shareRefusal({ harvest: { grams: 500, count: 3 }, given: 0, shares: [{ count: 1 }] })).toBe('garden_share_wrong_unit')
  })
})

describe('firstHarvestRefusal', () => {
  const elderlyHouseholdIds = ['e1', 'e2']
  const base = { firstOfCrop: true, elderlyHouseholdIds, receivedHouseholdIds: [] as string[] }
  it.each([
    ['all to a household that is not elderly', base, [{ householdId: 'o1', elderly: false }], undefined, 'garden_first_harvest_elderly_first'],
    [
      'one elderly and one other, the other elderly waiting',
      base,
      [
        { householdId: 'e1', elderly: true },
        { householdId: 'o1', elderly: false },
      ],
      undefined,
      'garden_first_harvest_elderly_first',
    ],
    ['a blank reason is no reason', base, [{ householdId: 'o1', elderly: false }], ' ', 'garden_first_harvest_elderly_first'],
    ['with a written reason', base, [{ householdId: 'o1', elderly: false }], '老人都说不要', null],
    ['only to the elderly', base, [{ householdId: 'e1', elderly: true }], undefined, null],
    [
      'every elderly household in the same batch',
      base,
      [
        { householdId: 'e1', elderly: true },
        { householdId: 'e2', elderly: true },
        { householdId: 'o1', elderly: false },
      ],
      undefined,
      null,
    ],
    ['every elderly household already had some', { ...base, receivedHouseholdIds: ['e1', 'e2'] }, [{ householdId: 'o1', elderly: false }], undefined, null],
    ['not the first harvest of the crop', { ...base, firstOfCrop: false }, [{ householdId: 'o1', elderly: false }], undefined, null],
    ['a courtyard with no elderly household', { ...base, elderlyHouseholdIds: [] }, [{ householdId: 'o1', elderly: false }], undefined, null],
  ] as const)('%s → %s', (_name, input, shares, reason, code) => {
    expect(firstHarvestRefusal({ ...input, shares, reason })).toBe(code)
  })

  it('says which elderly households would still be waiting', () => {
    expect(elderlyStillWaiting({ elderlyHouseholdIds: ['e1', 'e2', 'e3'], receivedHouseholdIds: ['e1'], shares: [{ householdId: 'e3' }] })).toEqual(['e2'])
  })
})

describe('harvestDateRefusal (Beijing days)', () => {
  it.each([
    ['today', '2026-06-10', null],
    ['yesterday', '2026-06-09', null],
    ['366 days back', '2025-06-09', null],
    ['367 days back', '2025-06-08', 'garden_harvest_date_too_old'],
    ['tomorrow', '2026-06-11', 'garden_harvest_date_future'],
    ['in 2099', '2099-01-01', 'garden_harvest_date_future'],
  ] as const)('%s → %s', (_name, date, code) => {
    expect(harvestDateRefusal(date, '2026-06-10')).toBe(code)
  })
})

describe('which harvest is the first of its crop', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 8, 1, 0, minute))
  it('is the first one logged, so a later entry with an earlier date cannot take its place', () => {
    const real = { id: 'b', crop: '小白菜', createdAt: at(0), harvestedOn: '2026-09-10' }
    const backdated = { id: 'a', crop: '小白菜', createdAt: at(5), harvestedOn: '2026-09-01' }
    const otherCrop = { id: 'c', crop: '萝卜', createdAt: at(9), harvestedOn: '2026-09-12' }
    expect([...firstHarvestIdsByCrop([backdated, real, otherCrop])].sort()).toEqual(['b', 'c'])
  })
})
