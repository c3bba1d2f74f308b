import { describe, expect, it } from 'vitest'
import { addDays, chinaDateOf, chinaDayStart, dateKeySchema, daysBetween, isRealDate, todayInChina } from '../../../shared/time'

describe('the Beijing clock', () => {
  it.each([
    ['2026-12-01T15:59:59Z', '2026-12-01'],
    ['2026-12-01T16:00:00Z', '2026-12-02'],
    // 02:00 in Beijing is still the previous evening in UTC: the date is Beijing's.
    ['2026-12-01T18:00:00Z', '2026-12-02'],
  ])('%s is %s in China', (instant, date) => {
    expect(chinaDateOf(new Date(instant))).toBe(date)
    expect(todayInChina(Date.parse(instant))).toBe(date)
  })

  it('a China day starts at 16:00 UTC the evening before', () => {
    expect(chinaDayStart('2026-12-02').toISOString()).toBe('2026-12-01T16:00:00.000Z')
  })
})

describe('calendar days', () => {
  it.each(['2026-02-30', '2026-13-01', '2026-00-10', '9999-12-31', '1999-12-31', '2026-1-01', ''])('%s is refused', (value) => {
    expect(isRealDate(value)).toBe(false)
    expect(dateKeySchema.safeParse(value).success).toBe(false)
  })
  it.each(['2026-02-28', '2024-02-29', '2000-01-01', '2100-12-31'])('%s is a day', (value) => {
    expect(dateKeySchema.parse(value)).toBe(value)
  })
  it('counts whole days across month and year ends', () => {
    expect(daysBetween('2026-12-25', '2027-01-04')).toBe(10)
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01')
  })
})
