import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expandDuties, generateRoster, overlaps, type RosterResult, type RosterShift, type RosterVolunteer, type WeeklyWindow } from '../../../shared/garden'
import { localToEpochMinutes } from '../../../shared/time'

const ALWAYS: WeeklyWindow[] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440 }))
const at = (d: number, h: number) => localToEpochMinutes(2026, 4, d, h * 60)

function bookingsByPerson(shifts: readonly RosterShift[], result: RosterResult): Map<string, RosterShift[]> {
  const byId = new Map(shifts.map((s) => [s.id, s]))
  const map = new Map<string, RosterShift[]>()
  const add = (personId: string, shift: RosterShift | undefined) => {
    if (!shift) throw new Error('assignment to an unknown shift')
    map.set(personId, [...(map.get(personId) ?? []), shift])
  }
  for (const s of shifts) for (const p of s.booked) add(p, s)
  for (const a of result.assignments) add(a.personId, byId.get(a.shiftId))
  return map
}

describe('generateRoster examples', () => {
  it('fills by hours served so far, not by count', () => {
    const volunteers: RosterVolunteer[] = [
      { personId: 'a', servedMinutes: 240, availability: ALWAYS },
      { personId: 'b', servedMinutes: 60, availability: ALWAYS },
      { personId: 'c', servedMinutes: 120, availability: ALWAYS },
    ]
    const shifts: RosterShift[] = [{ id: 's1', startMin: at(1, 7), endMin: at(1, 9), capacity: 2, booked: [] }]
    const result = generateRoster({ volunteers, shifts })
    expect(result.assignments.map((a) => a.personId).sort()).toEqual(['b', 'c'])
    expect(result.minutesByPerson).toEqual({ a: 240, b: 180, c: 240 })
    expect(result.short).toEqual([])
  })

  it('keeps existing bookings and only fills the open places', () => {
    const volunteers = ['a', 'b', 'c'].map((personId) => ({ personId, servedMinutes: 0, availability: ALWAYS }))
    const shifts: RosterShift[] = [{ id: 's1', startMin: at(1, 7), endMin: at(1, 8), capacity: 2, booked: ['c'] }]
    const result = generateRoster({ volunteers, shifts })
    expect(result.assignments).toHaveLength(1)
    expect(result.assignments[0]?.personId).not.toBe('c')
  })

  it('explains each kind of shortfall', () => {
    const mondayMorning: WeeklyWindow[] = [{ weekday: 3, startMinute: 6 * 60, endMinute: 12 * 60 }] // 2026-04-01 is a Wednesday
    const volunteers: RosterVolunteer[] = [
      { personId: 'a', servedMinutes: 0, availability: mondayMorning },
      { personId: 'b', servedMinutes: 0, availability: mondayMorning },
    ]
    const shifts: RosterShift[] = [
      { id: 'early', startMin: at(1, 7), endMin: at(1, 9), capacity: 2, booked: [] },
      { id: 'clash', startMin: at(1, 8), endMin: at(1, 10), capacity: 1, booked: [] },
      { id: 'night', startMin: at(1, 20), endMin: at(1, 21), capacity: 1, booked: [] },
      { id: 'late', startMin: at(1, 10), endMin: at(1, 11), capacity: 3, booked: [] },
    ]
    const result = generateRoster({ volunteers, shifts })
    const reasons = Object.fromEntries(result.short.map((s) => [s.shiftId, s]))
    expect(reasons.early).toBeUndefined()
    expect(reasons.clash).toMatchObject({ reason: 'all_available_booked', available: 2, busyElsewhere: 2, missing: 1 })
    expect(reasons.night).toMatchObject({ reason: 'no_one_available', available: 0, missing: 1 })
    expect(reasons.late).toMatchObject({ reason: 'not_enough_available', available: 2, filled: 2, missing: 1 })
  })

  it('respects busy intervals from outside the roster', () => {
    const volunteers = ['a', 'b'].map((personId) => ({ personId, servedMinutes: 0, availability: ALWAYS }))
    const shifts: RosterShift[] = [{ id: 's1', startMin: at(2, 7), endMin: at(2, 8), capacity: 2, booked: [] }]
    const result = generateRoster({ volunteers, shifts, busy: [{ personId: 'a', startMin: at(2, 7) + 30, endMin: at(2, 9) }] })
    expect(result.assignments.map((a) => a.personId)).toEqual(['b'])
    expect(result.short[0]).toMatchObject({ reason: 'not_enough_available', busyElsewhere: 1 })
  })
})

// ---- property tests ------------------------------------------------------------------------

const windowArb = fc.record({
  weekday: fc.integer({ min: 1, max: 7 }),
  startMinute: fc.integer({ min: 0, max: 23 }).map((h) => h * 60),
  endMinute: fc.integer({ min: 1, max: 24 }).map((h) => h * 60),
})
const volunteersArb = fc.uniqueArray(
  fc.record({
    personId: fc.integer({ min: 0, max: 9999 }).map((n) => `p${n}`),
    servedMinutes: fc.integer({ min: 0, max: 600 }),
    availability: fc.oneof(fc.constant(ALWAYS), fc.array(windowArb, { maxLength: 5 })),
  }),
  { selector: (v) => v.personId, minLength: 1, maxLength: 25 },
)
const shiftsArb = (people: readonly string[]) =>
  fc.uniqueArray(
    fc.record({
      id: fc.integer({ min: 0, max: 999_999 }).map((n) => `s${n}`),
      day: fc.integer({ min: 1, max: 30 }),
      startHour: fc.integer({ min: 5, max: 20 }),
      length: fc.constantFrom(30, 60, 90, 120),
      capacity: fc.integer({ min: 1, max: 6 }),
      booked: fc.subarray([...people], { maxLength: Math.min(2, people.length) }),
    }),
    { selector: (s) => s.id, maxLength: 40 },
  )

const scenarioArb = volunteersArb.chain((volunteers) =>
  shiftsArb(volunteers.map((v) => v.personId)).map((raw) => {
    // Pre-existing bookings must themselves be valid: no one pre-booked twice at once, none over capacity.
    const taken = new Map<string, { startMin: number; endMin: number }[]>()
    const shifts: RosterShift[] = raw.map((r) => {
      const startMin = at(r.day, r.startHour)
      const shift = { id: r.id, startMin, endMin: startMin + r.length }
      const booked = r.booked.filter((p) => !(taken.get(p) ?? []).some((iv) => overlaps(iv, shift))).slice(0, r.capacity)
      for (const p of booked) taken.set(p, [...(taken.get(p) ?? []), shift])
      return { ...shift, capacity: r.capacity, booked }
    })
    return { volunteers, shifts }
  }),
)

describe('generateRoster properties', () => {
  it('never double-books, never exceeds capacity, only assigns available people', () => {
    fc.assert(
      fc.property(scenarioArb, ({ volunteers, shifts }) => {
        const result = generateRoster({ volunteers, shifts })
        const byShift = new Map<string, number>()
        for (const a of result.assignments) byShift.set(a.shiftId, (byShift.get(a.shiftId) ?? 0) + 1)
        for (const s of shifts) expect(s.booked.length + (byShift.get(s.id) ?? 0)).toBeLessThanOrEqual(s.capacity)
        for (const [, list] of bookingsByPerson(shifts, result)) {
          for (let i = 0; i < list.length; i++) {
            for (let j = i + 1; j < list.length; j++) {
              const a = list[i]
              const b = list[j]
              if (a && b) expect(overlaps(a, b)).toBe(false)
            }
          }
        }
        const avail = new Map(volunteers.map((v) => [v.personId, v.availability]))
        const shiftById = new Map(shifts.map((s) => [s.id, s]))
        for (const a of result.assignments) {
          const shift = shiftById.get(a.shiftId)
          expect(shift?.booked.includes(a.personId)).toBe(false)
          expect(avail.has(a.personId)).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('is deterministic and independent of input order', () => {
    fc.assert(
      fc.property(scenarioArb, ({ volunteers, shifts }) => {
        const first = generateRoster({ volunteers, shifts })
        const again = generateRoster({ volunteers: [...volunteers].reverse(), shifts: [...shifts].reverse() })
        const key = (r: RosterResult) => r.assignments.map((a) => `${a.shiftId}:${a.personId}`).sort()
        expect(key(again)).toEqual(key(first))
        expect(again.short).toEqual(first.short)
      }),
      { numRuns: 150 },
    )
  })

  it('reports a shortfall exactly when a shift ends up below capacity', () => {
    fc.assert(
      fc.property(scenarioArb, ({ volunteers, shifts }) => {
        const result = generateRoster({ volunteers, shifts })
        const filled = new Map(shifts.map((s) => [s.id, s.booked.length]))
        for (const a of result.assignments) filled.set(a.shiftId, (filled.get(a.shiftId) ?? 0) + 1)
        const shortIds = new Set(result.short.map((s) => s.shiftId))
        for (const s of shifts) expect(shortIds.has(s.id)).toBe((filled.get(s.id) ?? 0) < s.capacity)
        for (const s of result.short) {
          if (s.reason === 'no_one_available') expect(s.available).toBe(0)
          if (s.reason === 'all_available_booked') expect(s.busyElsewhere).toBeGreaterThan(0)
        }
      }),
      { numRuns: 200 },
    )
  })

  /*
   * Fairness, stated precisely. Over a month of equal-length shifts (length L) that do not overlap
   * one another, consider the volunteers who are available for every shift and start the month
   * with the same hours served. Whatever other, partly available volunteers are also on the list
   * and however many places each shift has, the difference between the most and the fewest
   * minutes among those fully available volunteers at the end of the month is at most L.
   */
  it('fairness: fully available volunteers end the month within one shift length of each other', () => {
    const fairArb = fc.record({
      length: fc.constantFrom(60, 90, 120),
      slotsPerDay: fc.integer({ min: 1, max: 3 }),
      capacities: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 7 }),
      full: fc.integer({ min: 2, max: 12 }),
      partial: fc.array(fc.array(windowArb, { maxLength: 4 }), { maxLength: 8 }),
      start: fc.integer({ min: 0, max: 300 }),
      partialStart: fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 8, maxLength: 8 }),
    })
    fc.assert(
      fc.property(fairArb, ({ length, slotsPerDay, capacities, full, partial, start, partialStart }) => {
        const shifts: RosterShift[] = []
        for (let day = 1; day <= 30; day++) {
          for (let slot = 0; slot < slotsPerDay; slot++) {
            const startMin = at(day, 7) + slot * 4 * 60
            shifts.push({ id: `d${day}s${slot}`, startMin, endMin: startMin + length, capacity: capacities[(day + slot) % capacities.length] ?? 1, booked: [] })
          }
        }
        const volunteers: RosterVolunteer[] = [
          ...Array.from({ length: full }, (_, i) => ({ personId: `full-${i}`, servedMinutes: start, availability: ALWAYS })),
          ...partial.map((availability, i) => ({ personId: `part-${i}`, servedMinutes: partialStart[i] ?? 0, availability })),
        ]
        const result = generateRoster({ volunteers, shifts })
        const fullMinutes = volunteers.filter((v) => v.personId.startsWith('full-')).map((v) => result.minutesByPerson[v.personId] ?? 0)
        expect(Math.max(...fullMinutes) - Math.min(...fullMinutes)).toBeLessThanOrEqual(length)
      }),
      { numRuns: 200 },
    )
  })

  it('fills a month of duties for a courtyard of volunteers quickly and fully when people suffice', () => {
    const shifts = expandDuties(
      [
        { id: 'water', weekdays: [1, 2, 3, 4, 5, 6, 7], startMinute: 420, durationMinutes: 60 },
        { id: 'weed', weekdays: [6], startMinute: 540, durationMinutes: 120 },
      ],
      2026,
      4,
    ).map((o, i) => ({ id: `${o.dutyId}-${i}`, startMin: o.startMin, endMin: o.endMin, capacity: 2, booked: [] }))
    const volunteers = Array.from({ length: 15 }, (_, i) => ({ personId: `v${String(i).padStart(2, '0')}`, servedMinutes: 0, availability: ALWAYS }))
    const result = generateRoster({ volunteers, shifts })
    expect(result.short).toEqual([])
    expect(result.assignments).toHaveLength(shifts.length * 2)
  })
})
