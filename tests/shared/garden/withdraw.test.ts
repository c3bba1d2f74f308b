import { describe, expect, it } from 'vitest'
import {
  cancelShiftVerdict,
  generateRoster,
  holdsPlace,
  placeHoldingStatuses,
  placesLeft,
  signupStatuses,
  withdrawalVerdict,
  type SignupStatus,
  type UndoVerdict,
  type WeeklyWindow,
} from '../../../shared/garden'
import { localToEpochMinutes } from '../../../shared/time'

const shift = { startMin: 1000, endMin: 1060 }
const go: UndoVerdict = { kind: 'go' }
const already: UndoVerdict = { kind: 'already' }
const refused = (code: string) => ({ kind: 'refused', code })

describe('withdrawalVerdict: a volunteer gives their own place back', () => {
  it.each([
    ['a day before', 'booked', 1000 - 24 * 60, go],
    ['one minute before the start', 'booked', 999, go],
    ['at the start', 'booked', 1000, refused('garden_shift_already_started')],
    ['during the shift', 'booked', 1030, refused('garden_shift_already_started')],
    ['after the shift', 'booked', 2000, refused('garden_shift_already_started')],
    ['checked in early, before the start', 'checked_in', 980, refused('garden_already_checked_in')],
    ['finished', 'done', 2000, refused('garden_shift_already_started')],
    ['already withdrawn, before the start', 'withdrawn', 900, already],
    ['already withdrawn, after the start', 'withdrawn', 1500, already],
  ] as const)('%s (%s at %i) → %o', (_name, status, nowMin, expected) => {
    expect(withdrawalVerdict({ by: 'self', status, shift, nowMin })).toEqual(expected)
  })

  it('a place on a called-off shift is already released; a stray booked one is refused as cancelled', () => {
    expect(withdrawalVerdict({ by: 'self', status: 'withdrawn', shift: { ...shift, cancelled: true }, nowMin: 900 })).toEqual(already)
    expect(withdrawalVerdict({ by: 'self', status: 'booked', shift: { ...shift, cancelled: true }, nowMin: 900 })).toEqual(refused('garden_shift_cancelled'))
  })
})

describe('withdrawalVerdict: a steward takes someone off', () => {
  it.each([
    ['before the start', 'booked', 900, go],
    ['during the shift (phoned in sick)', 'booked', 1030, go],
    ['at the end', 'booked', 1060, refused('garden_shift_closed')],
    ['after the end', 'booked', 1200, refused('garden_shift_closed')],
    ['checked in', 'checked_in', 1010, refused('garden_already_checked_in')],
    ['done', 'done', 1050, refused('garden_shift_closed')],
    ['no-show', 'no_show', 1200, refused('garden_shift_closed')],
    ['already withdrawn', 'withdrawn', 1010, already],
  ] as const)('%s (%s at %i) → %o', (_name, status, nowMin, expected) => {
    expect(withdrawalVerdict({ by: 'steward', status, shift, nowMin })).toEqual(expected)
  })
})

describe('cancelShiftVerdict', () => {
  it.each([
    ['before the start', false, 999, go],
    ['at the start', false, 1000, refused('garden_shift_already_started')],
    ['after the end', false, 5000, refused('garden_shift_already_started')],
    ['a second time', true, 900, already],
    ['a second time, after the start', true, 1500, already],
  ] as const)('%s → %o', (_name, cancelled, nowMin, expected) => {
    expect(cancelShiftVerdict({ shift: { startMin: 1000, cancelled }, nowMin })).toEqual(expected)
  })
})

describe('places held and places left', () => {
  it('a no-show and a withdrawn place hold nothing; everything else does', () => {
    expect(signupStatuses.filter(holdsPlace)).toEqual(['booked', 'checked_in', 'done'])
    expect(placeHoldingStatuses).toEqual(['booked', 'checked_in', 'done'])
  })

  it.each([
    [2, [], 2],
    [2, ['booked'], 1],
    [2, ['booked', 'withdrawn'], 1],
    [2, ['booked', 'withdrawn', 'withdrawn', 'withdrawn'], 1],
    [1, ['withdrawn', 'no_show'], 1],
    [1, ['booked', 'checked_in'], 0],
    // Rows that somehow exceed capacity never make a negative count.
    [1, ['booked', 'booked', 'done'], 0],
  ] as const)('capacity %i with %o → %i left', (capacity, statuses, left) => {
    expect(placesLeft(capacity, statuses as readonly SignupStatus[])).toBe(left)
  })
})

describe('the roster does not put back someone who gave the place up', () => {
  const always: WeeklyWindow[] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440 }))
  const start = localToEpochMinutes(2026, 4, 1, 7 * 60)
  it('fills the place with someone else, or leaves it short', () => {
    const volunteers = ['a', 'b'].map((personId) => ({ personId, servedMinutes: personId === 'a' ? 0 : 600, availability: always }))
    const open = { id: 's1', startMin: start, endMin: start + 60, capacity: 1, booked: [] }
    // Without the withdrawal 'a' (fewest hours) would get it.
    expect(generateRoster({ volunteers, shifts: [open] }).assignments).toEqual([{ shiftId: 's1', personId: 'a' }])
    expect(generateRoster({ volunteers, shifts: [{ ...open, declined: ['a'] }] }).assignments).toEqual([{ shiftId: 's1', personId: 'b' }])
    const none = generateRoster({ volunteers, shifts: [{ ...open, declined: ['a', 'b'] }] })
    expect(none.assignments).toEqual([])
    expect(none.short.map((s) => s.missing)).toEqual([1])
  })
})
