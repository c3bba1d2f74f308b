import { describe, expect, it } from 'vitest'
import { dutyActiveOn, dutyEditRefusal, dutyScheduleLabel, expandDuties } from '../../../shared/garden'
import { localParts } from '../../../shared/time'

describe('dutyActiveOn', () => {
  it.each([
    ['no limits: every day', {}, '2027-01-15', true],
    ['paused', { paused: true }, '2026-04-01', false],
    ['spring and summer only, in April', { seasons: ['spring', 'summer'] as const }, '2026-04-01', true],
    ['spring and summer only, in January (冬藏)', { seasons: ['spring', 'summer'] as const }, '2027-01-15', false],
    ['winter only, on 28 February', { seasons: ['winter'] as const }, '2027-02-28', true],
    ['winter only, on 1 March', { seasons: ['winter'] as const }, '2027-03-01', false],
    ['empty season list means all year', { seasons: [] }, '2027-01-15', true],
    ['the first day of the range counts', { activeFrom: '2026-03-30' }, '2026-03-30', true],
    ['the day before the range', { activeFrom: '2026-03-30' }, '2026-03-29', false],
    ['the last day of the range counts', { activeUntil: '2026-11-30' }, '2026-11-30', true],
    ['the day after the range', { activeUntil: '2026-11-30' }, '2026-12-01', false],
    ['in range but out of season', { seasons: ['autumn'] as const, activeFrom: '2026-01-01', activeUntil: '2026-12-31' }, '2026-07-01', false],
    ['paused wins over everything', { paused: true, seasons: ['summer'] as const }, '2026-07-01', false],
  ])('%s', (_label, schedule, day, expected) => {
    expect(dutyActiveOn(schedule, day)).toBe(expected)
  })
})

describe('expandDuties follows the seasons', () => {
  const water = { id: 'water', weekdays: [1, 2, 3, 4, 5, 6, 7], startMinute: 7 * 60, durationMinutes: 60 }
  it('makes no 7:00 watering in January when it runs spring to autumn', () => {
    expect(expandDuties([{ ...water, seasons: ['spring', 'summer', 'autumn'] }], 2027, 1)).toHaveLength(0)
    expect(expandDuties([{ ...water, seasons: ['spring', 'summer', 'autumn'] }], 2027, 3)).toHaveLength(31)
  })
  it('skips a paused duty and keeps the others', () => {
    const weed = { id: 'weed', weekdays: [6], startMinute: 9 * 60, durationMinutes: 120 }
    const shifts = expandDuties([{ ...water, paused: true }, weed], 2026, 4)
    expect(new Set(shifts.map((s) => s.dutyId))).toEqual(new Set(['weed']))
  })
  it('keeps to a date range inside the month, both ends included', () => {
    const shifts = expandDuties([{ ...water, activeFrom: '2026-03-30', activeUntil: '2026-04-03' }], 2026, 4)
    expect(shifts.map((s) => localParts(s.startMin).day)).toEqual([1, 2, 3])
  })
})

describe('dutyEditRefusal', () => {
  const ok = { weekdays: [1], startMinute: 420, durationMinutes: 60, seasons: [] as const, activeFrom: null, activeUntil: null }
  it.each([
    ['a sound duty', ok, null],
    ['crossing midnight', { ...ok, startMinute: 23 * 60, durationMinutes: 120 }, 'garden_duty_time_invalid'],
    ['a weekday twice', { ...ok, weekdays: [1, 1] }, 'garden_duty_time_invalid'],
    ['a season twice', { ...ok, seasons: ['spring', 'spring'] as const }, 'garden_duty_time_invalid'],
    ['a range ending before it starts', { ...ok, activeFrom: '2026-05-01', activeUntil: '2026-04-30' }, 'garden_duty_range_invalid'],
    ['a one-day range', { ...ok, activeFrom: '2026-05-01', activeUntil: '2026-05-01' }, null],
  ])('%s', (_label, duty, expected) => {
    expect(dutyEditRefusal(duty)).toBe(expected)
  })
})

describe('dutyScheduleLabel', () => {
  it('says it plainly', () => {
    expect(dutyScheduleLabel({})).toBe('全年')
    expect(dutyScheduleLabel({ seasons: ['summer', 'spring'] })).toBe('春播、夏长')
    expect(dutyScheduleLabel({ paused: true })).toBe('已暂停')
    expect(dutyScheduleLabel({ activeFrom: '2026-03-30' })).toBe('2026年3月30日起')
    expect(dutyScheduleLabel({ seasons: ['spring', 'summer', 'autumn', 'winter'], activeFrom: '2026-03-30', activeUntil: '2026-11-30' })).toBe(
      '2026年3月30日至2026年11月30日',
    )
  })
})
