import { describe, expect, it } from 'vitest'
import {
  checkInVerdict,
  distributionOrder,
  expandDuties,
  harvestAmountValid,
  pointsForShift,
  seasonOf,
  seasonOfDateKey,
  signUpRefusal,
  swapRefusal,
  windowCovers,
  type DistributionCandidate,
} from '../../../shared/garden'
import { localParts, localToEpochMinutes } from '../../../shared/time'

const at = (y: number, m: number, d: number, h = 0, min = 0) => localToEpochMinutes(y, m, d, h * 60 + min)

describe('local time', () => {
  it('reads Beijing wall-clock time whatever the host zone', () => {
    // 2026-03-30 07:00 CST is 2026-03-29 23:00 UTC
    const t = at(2026, 3, 30, 7)
    expect(new Date(t * 60_000).toISOString()).toBe('2026-03-29T23:00:00.000Z')
    expect(localParts(t)).toEqual({ year: 2026, month: 3, day: 30, weekday: 1, minuteOfDay: 420 })
  })
})

describe.each([
  ['2026-03-01', 'spring', '2026-spring', '2026年春播'],
  ['2026-03-30', 'spring', '2026-spring', '2026年春播'],
  ['2026-05-31', 'spring', '2026-spring', '2026年春播'],
  ['2026-06-01', 'summer', '2026-summer', '2026年夏长'],
  ['2026-08-31', 'summer', '2026-summer', '2026年夏长'],
  ['2026-09-01', 'autumn', '2026-autumn', '2026年秋收'],
  ['2026-11-30', 'autumn', '2026-autumn', '2026年秋收'],
  ['2026-12-01', 'winter', '2026-winter', '2026年冬藏'],
  ['2027-01-15', 'winter', '2026-winter', '2026年冬藏'],
  ['2027-02-28', 'winter', '2026-winter', '2026年冬藏'],
])('season of %s', (date, season, key, label) => {
  it(`is ${season}`, () => {
    const ref = seasonOfDateKey(date)
    expect(ref).toMatchObject({ season, key, label })
  })
})

describe('season boundaries in local time', () => {
  it('00:30 on 1 June in Beijing is already summer though it is still May in UTC', () => {
    expect(seasonOf(at(2026, 6, 1, 0, 30)).season).toBe('summer')
    expect(seasonOf(at(2026, 5, 31, 23, 59)).season).toBe('spring')
  })
  it('winter spans New Year with its own bounds', () => {
    expect(seasonOfDateKey('2027-02-10')).toMatchObject({ startsOn: '2026-12-01', endsBefore: '2027-03-01' })
    expect(seasonOfDateKey('2026-04-10')).toMatchObject({ startsOn: '2026-03-01', endsBefore: '2026-06-01' })
  })
})

describe('expandDuties', () => {
  it('places weekly duties on the right local days of the month', () => {
    const shifts = expandDuties(
      [
        { id: 'water', weekdays: [1, 2, 3, 4, 5, 6, 7], startMinute: 7 * 60, durationMinutes: 60 },
        { id: 'weed', weekdays: [6], startMinute: 9 * 60, durationMinutes: 120 },
      ],
      2026,
      4,
    )
    // April 2026: 30 days, Saturdays on 4, 11, 18, 25
    expect(shifts.filter((s) => s.dutyId === 'water')).toHaveLength(30)
    const weeds = shifts.filter((s) => s.dutyId === 'weed')
    expect(weeds.map((s) => localParts(s.startMin).day)).toEqual([4, 11, 18, 25])
    expect(weeds.every((s) => s.endMin - s.startMin === 120)).toBe(true)
    expect(shifts.map((s) => s.startMin)).toEqual([...shifts.map((s) => s.startMin)].sort((a, b) => a - b))
  })
})

describe('windowCovers', () => {
  const monday7 = at(2026, 3, 30, 7)
  it.each([
    ['exactly the window', [{ weekday: 1, startMinute: 420, endMinute: 480 }], true],
    ['a wider window', [{ weekday: 1, startMinute: 360, endMinute: 600 }], true],
    ['another weekday', [{ weekday: 2, startMinute: 0, endMinute: 1440 }], false],
    ['ends too early', [{ weekday: 1, startMinute: 420, endMinute: 470 }], false],
    ['starts too late', [{ weekday: 1, startMinute: 430, endMinute: 600 }], false],
    ['no windows', [], false],
  ])('%s → %s', (_name, windows, expected) => {
    expect(windowCovers(windows, monday7, monday7 + 60)).toBe(expected)
  })
})

describe('checkInVerdict (opens 30 min before, closes 60 min after the end)', () => {
  const shift = { startMin: 1000, endMin: 1060 }
  it.each([
    [969, 'too_early'],
    [970, 'ok'],
    [1000, 'ok'],
    [1060, 'ok'],
    [1120, 'ok'],
    [1121, 'too_late'],
    [5000, 'too_late'],
  ])('at %i → %s', (now, verdict) => {
    expect(checkInVerdict(shift, now)).toBe(verdict)
  })
})

describe('signUpRefusal', () => {
  const shift = { id: 's1', startMin: 1000, endMin: 1060, capacity: 2 }
  const base = { shift, filled: 0, alreadyOnShift: false, mine: [], nowMin: 500 }
  it.each([
    ['open place', base, null],
    ['full', { ...base, filled: 2 }, 'garden_shift_full'],
    ['twice', { ...base, alreadyOnShift: true, filled: 1 }, 'garden_already_signed_up'],
    ['overlapping other shift', { ...base, mine: [{ shiftId: 's2', startMin: 1030, endMin: 1090 }] }, 'garden_shift_overlap'],
    ['adjacent shift is fine', { ...base, mine: [{ shiftId: 's2', startMin: 1060, endMin: 1120 }] }, null],
    ['already started', { ...base, nowMin: 1000 }, 'garden_shift_closed'],
    ['cancelled', { ...base, shift: { ...shift, cancelled: true } }, 'garden_shift_cancelled'],
  ] as const)('%s → %s', (_name, input, expected) => {
    expect(signUpRefusal(input)).toBe(expected)
  })
})

describe('swapRefusal', () => {
  const shift = { id: 's1', startMin: 1000, endMin: 1060 }
  const base = {
    signup: { personId: 'a', status: 'booked' as const },
    shift,
    requesterId: 'a',
    toPersonId: 'b',
    toIsMember: true,
    toBookings: [],
    nowMin: 100,
  }
  it.each([
    ['valid', base, null],
    ['with yourself', { ...base, toPersonId: 'a' }, 'garden_swap_self'],
    ['steward hands to the holder', { ...base, requesterId: 'steward', toPersonId: 'a' }, 'garden_swap_self'],
    ['after start', { ...base, nowMin: 1000 }, 'garden_shift_closed'],
    ['already checked in', { ...base, signup: { personId: 'a', status: 'checked_in' as const } }, 'garden_shift_closed'],
    ['outsider', { ...base, toIsMember: false }, 'garden_swap_target_invalid'],
    ['target already on it', { ...base, toBookings: [{ shiftId: 's1', startMin: 1000, endMin: 1060 }] }, 'garden_already_signed_up'],
    ['target busy', { ...base, toBookings: [{ shiftId: 's9', startMin: 1050, endMin: 1100 }] }, 'garden_shift_overlap'],
  ] as const)('%s → %s', (_name, input, expected) => {
    expect(swapRefusal(input)).toBe(expected)
  })
})

describe('pointsForShift', () => {
  const rule = { pointsPerHour: 10, unpopularPercent: 150 }
  it.each([
    [60, false, 'done', 10],
    [60, true, 'done', 15],
    [90, false, 'done', 15],
    [45, true, 'done', 11], // 11.25 rounds down
    [120, true, 'no_show', 0],
    [60, false, 'booked', 0],
    [60, false, 'checked_in', 0],
  ] as const)('%i min, unpopular=%s, %s → %i', (minutes, unpopular, outcome, points) => {
    const result = pointsForShift({ minutes, unpopular, outcome }, rule)
    expect(result).toBe(points)
    expect(Number.isInteger(result)).toBe(true)
  })
})

describe('harvestAmountValid', () => {
  it.each([
    [{ grams: 1500 }, true],
    [{ count: 12 }, true],
    [{ grams: 0 }, false],
    [{ grams: -300 }, false],
    [{ grams: 200_000 }, true],
    [{ grams: 200_001 }, false],
    [{ grams: 5000, count: -1 }, false],
    [{}, false],
  ])('%j → %s', (amount, ok) => {
    expect(harvestAmountValid(amount)).toBe(ok)
  })
})

describe('distributionOrder', () => {
  const households: DistributionCandidate[] = [
    { householdId: 'h1', label: '甲', elderly: false, receivedThisSeason: 0 },
    { householdId: 'h2', label: '乙', elderly: true, receivedThisSeason: 1 },
    { householdId: 'h3', label: '丙', elderly: false, receivedThisSeason: 2 },
    { householdId: 'h4', label: '丁', elderly: true, receivedThisSeason: 0 },
    { householdId: 'h5', label: '戊', elderly: false, receivedThisSeason: 1 },
  ]
  it('first harvest of a crop: elderly first (nothing-yet before others), then nothing-yet, then fewest received', () => {
    const order = distributionOrder(households, true)
    expect(order.map((r) => r.householdId)).toEqual(['h4', 'h2', 'h1', 'h5', 'h3'])
    expect(order.map((r) => r.priority)).toEqual(['elderly_first_harvest', 'elderly_first_harvest', 'nothing_yet', 'already_received', 'already_received'])
  })
  it('later harvests: whoever has had nothing this season first, elderly ahead on ties', () => {
    const order = distributionOrder(households, false)
    expect(order.map((r) => r.householdId)).toEqual(['h4', 'h1', 'h2', 'h5', 'h3'])
    expect(order[0]?.priority).toBe('nothing_yet')
  })
  it('does not depend on input order', () => {
    expect(distributionOrder([...households].reverse(), true)).toEqual(distributionOrder(households, true))
  })
})
