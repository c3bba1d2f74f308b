import { and, eq, gte, lt } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { gardenShifts, gardenSignups } from '../../../db/schema'
import { createdResponse, overlaps, rosterResponse, shiftsResponse } from '../../../shared/garden'
import { errorCodeOf, setupApi } from '../../harness/api'
import { nextMonthKey, STEWARD, VOLUNTEER, VOLUNTEER_2, VOLUNTEER_3 } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei
const month = nextMonthKey()
const [y, m] = month.split('-').map(Number)
const monthStart = new Date(Date.UTC(y ?? 2026, (m ?? 1) - 1, 1) - 8 * 3600_000)
const monthEnd = new Date(Date.UTC(y ?? 2026, m ?? 1, 1) - 8 * 3600_000)

async function monthSignups() {
  return api.db
    .select({
      shiftId: gardenSignups.shiftId,
      personId: gardenSignups.personId,
      source: gardenSignups.source,
      dutyId: gardenShifts.dutyId,
      startsAt: gardenShifts.startsAt,
      endsAt: gardenShifts.endsAt,
      capacity: gardenShifts.capacity,
      title: gardenShifts.title,
    })
    .from(gardenSignups)
    .innerJoin(gardenShifts, eq(gardenShifts.id, gardenSignups.shiftId))
    .where(and(eq(gardenShifts.villageId, villageId), gte(gardenShifts.startsAt, monthStart), lt(gardenShifts.startsAt, monthEnd)))
}

describe('the steward generates, reviews and adjusts next month’s roster', () => {
  it('creates the month from duties, previews, commits, and respects availability and capacity', async () => {
    const steward = await api.tokenFor(STEWARD)
    const duty = await api.call('POST', '/api/garden/duties/create', {
      token: steward,
      body: { villageId, title: '罗盘测试浇水', kind: 'watering', weekdays: [1, 3, 5], startMinute: 6 * 60, durationMinutes: 60, capacity: 2 },
    })
    expect(duty.status).toBe(201)
    const dutyId = createdResponse.parse(duty.body).id
    // Three volunteers: two free Monday/Wednesday/Friday mornings, one only on Mondays.
    const free = [1, 3, 5].map((weekday) => ({ weekday, startMinute: 5 * 60, endMinute: 9 * 60 }))
    for (const [name, windows] of [
      [VOLUNTEER, free],
      [VOLUNTEER_2, free],
      [VOLUNTEER_3, [{ weekday: 1, startMinute: 5 * 60, endMinute: 9 * 60 }]],
    ] as const) {
      const res = await api.call('POST', '/api/garden/availability/set', { token: await api.tokenFor(name), body: { villageId, windows } })
      expect(res.status).toBe(200)
    }

    // The demo garden already has its own duties and roster reaching into next month.
    const before = (await monthSignups()).length
    const preview = rosterResponse.parse(
      (await api.call('POST', '/api/garden/roster/generate', { token: steward, body: { villageId, month, commit: false } })).body,
    )
    expect(preview.committed).toBe(false)
    // A preview proposes the month's shifts and writes none of them.
    expect(preview.shiftsCreated).toBe(0)
    expect(preview.shiftsToCreate).toBeGreaterThanOrEqual(12)
    expect(await api.db.select().from(gardenShifts).where(eq(gardenShifts.dutyId, dutyId))).toHaveLength(0)
    expect(await monthSignups()).toHaveLength(before)

    const committed = rosterResponse.parse(
      (await api.call('POST', '/api/garden/roster/generate', { token: steward, body: { villageId, month, commit: true } })).body,
    )
    expect(committed.shiftsCreated).toBe(preview.shiftsToCreate)
    const dutyShifts = await api.db.select().from(gardenShifts).where(eq(gardenShifts.dutyId, dutyId))
    expect(dutyShifts.length).toBeGreaterThanOrEqual(12)
    // What was previewed is what got committed: the same shifts (same ids) and the same people.
    expect(committed.assignments.map((a) => `${a.shiftId}:${a.personId}`)).toEqual(preview.assignments.map((a) => `${a.shiftId}:${a.personId}`))
    expect(committed.assignments.some((a) => dutyShifts.some((s) => s.id === a.shiftId))).toBe(true)
    const rows = await monthSignups()
    expect(rows).toHaveLength(before + committed.assignments.length)
    const assigned = new Set(committed.assignments.map((a) => `${a.shiftId}:${a.personId}`))
    expect(rows.filter((r) => assigned.has(`${r.shiftId}:${r.personId}`)).every((r) => r.source === 'roster')).toBe(true)
    const perShift = new Map<string, number>()
    for (const r of rows) perShift.set(r.shiftId, (perShift.get(r.shiftId) ?? 0) + 1)
    for (const r of rows) expect(perShift.get(r.shiftId)).toBeLessThanOrEqual(r.capacity)
    for (const a of rows)
      for (const b of rows)
        if (a !== b && a.personId === b.personId)
          expect(overlaps({ startMin: +a.startsAt, endMin: +a.endsAt }, { startMin: +b.startsAt, endMin: +b.endsAt })).toBe(false)
    // 李永强 is free only on Mondays.
    const only = await api.personId(VOLUNTEER_3)
    for (const r of rows.filter((x) => x.personId === only && x.dutyId === dutyId)) {
      expect(new Date(r.startsAt.getTime() + 8 * 3600_000).getUTCDay()).toBe(1)
    }
    // Hours are reported per volunteer, most first.
    const minutes = committed.hours.map((h) => h.minutes)
    expect(minutes).toEqual([...minutes].sort((a, b) => b - a))

    // Running again changes nothing: every place the people can fill is filled.
    const again = rosterResponse.parse(
      (await api.call('POST', '/api/garden/roster/generate', { token: steward, body: { villageId, month, commit: true } })).body,
    )
    expect(again.assignments).toHaveLength(0)
    expect(await monthSignups()).toHaveLength(rows.length)
  })

  it('explains shortfalls: a duty nobody is free for', async () => {
    const steward = await api.tokenFor(STEWARD)
    await api.call('POST', '/api/garden/duties/create', {
      token: steward,
      body: { villageId, title: '夜间门岗', kind: 'gate', weekdays: [7], startMinute: 22 * 60, durationMinutes: 60, capacity: 1, unpopular: true },
    })
    const res = rosterResponse.parse(
      (await api.call('POST', '/api/garden/roster/generate', { token: steward, body: { villageId, month, commit: false } })).body,
    )
    const night = res.short.filter((s) => s.title === '夜间门岗')
    expect(night.length).toBeGreaterThanOrEqual(4)
    expect(night.every((s) => s.reason === 'no_one_available' && s.reasonLabel.length > 0)).toBe(true)
    // Committed, the same shortfalls are reported for the shifts now made.
    const committed = rosterResponse.parse(
      (await api.call('POST', '/api/garden/roster/generate', { token: steward, body: { villageId, month, commit: true } })).body,
    )
    expect(committed.short.filter((s) => s.title === '夜间门岗').map((s) => s.shiftId)).toEqual(night.map((s) => s.shiftId))
  })

  it('lets the steward adjust by hand, within the same rules', async () => {
    const steward = await api.tokenFor(STEWARD)
    const list = shiftsResponse.parse((await api.call('GET', '/api/garden/shifts/list', { token: steward, query: { villageId, month } })).body)
    const night = list.shifts.find((s) => s.title === '夜间门岗')
    if (!night) throw new Error('night shift missing')
    const personId = await api.personId(VOLUNTEER)
    const assign = await api.call('POST', '/api/garden/roster/assign', { token: steward, body: { villageId, shiftId: night.id, personId } })
    expect(assign.status).toBe(201)
    const full = await api.call('POST', '/api/garden/roster/assign', {
      token: steward,
      body: { villageId, shiftId: night.id, personId: await api.personId(VOLUNTEER_2) },
    })
    expect(errorCodeOf(full)).toBe('garden_shift_full')
  })
})
