import { and, eq, gte, lt } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, gardenShifts } from '../../../db/schema'
import { createdResponse, dutiesResponse, dutyResponse, rosterResponse, seasonOfMonth } from '../../../shared/garden'
import { localParts } from '../../../shared/time'
import { setupApi } from '../../harness/api'
import { gardenSnapshot, nextMonthKey, STEWARD, VOLUNTEER } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei
const month = nextMonthKey()
const [y, m] = month.split('-').map(Number)
const year = y ?? 2027
const mon = m ?? 1
const monthStart = new Date(Date.UTC(year, mon - 1, 1) - 8 * 3600_000)
const monthEnd = new Date(Date.UTC(year, mon, 1) - 8 * 3600_000)
const key = (day: number) => `${year}-${String(mon).padStart(2, '0')}-${String(day).padStart(2, '0')}`

const generate = async (commit: boolean, forMonth = month) =>
  rosterResponse.parse(
    (await api.call('POST', '/api/garden/roster/generate', { token: await api.tokenFor(STEWARD), body: { villageId, month: forMonth, commit } })).body,
  )
const update = async (body: Record<string, unknown>) =>
  api.call('POST', '/api/garden/duties/update', { token: await api.tokenFor(STEWARD), body: { villageId, ...body } })
async function newDuty(title: string, extra: Record<string, unknown> = {}) {
  const res = await api.call('POST', '/api/garden/duties/create', {
    token: await api.tokenFor(STEWARD),
    body: { villageId, title, kind: 'watering', weekdays: [1, 2, 3, 4, 5, 6, 7], startMinute: 5 * 60, durationMinutes: 30, capacity: 1, ...extra },
  })
  expect(res.status).toBe(201)
  return createdResponse.parse(res.body).id
}
const shiftsOf = (dutyId: string) =>
  api.db
    .select()
    .from(gardenShifts)
    .where(and(eq(gardenShifts.dutyId, dutyId), gte(gardenShifts.startsAt, monthStart), lt(gardenShifts.startsAt, monthEnd)))

describe('a roster preview writes nothing', () => {
  it('leaves every garden table and the audit log as they were, and still proposes the roster', async () => {
    await newDuty('预览测试浇水')
    await api.call('POST', '/api/garden/availability/set', {
      token: await api.tokenFor(VOLUNTEER),
      body: { villageId, windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 4 * 60, endMinute: 6 * 60 })) },
    })
    // Two months ahead has no shifts yet at all: the February the residents saw go from 0 to 72.
    const later = `${mon === 12 ? year + 1 : year}-${String((mon % 12) + 1).padStart(2, '0')}`
    for (const target of [month, later]) {
      const before = await gardenSnapshot(api)
      const preview = await generate(false, target)
      expect(await gardenSnapshot(api)).toEqual(before)
      expect(preview.committed).toBe(false)
      expect(preview.shiftsCreated).toBe(0)
      expect(preview.shiftsToCreate).toBeGreaterThan(28)
      expect(preview.assignments.length).toBeGreaterThan(0)
      // Asked twice, the same proposal: nothing was kept from the first time.
      expect((await generate(false, target)).assignments).toEqual(preview.assignments)
    }
  })
})

describe('duties that follow the seasons', () => {
  it('a paused duty gets no shifts; resumed, it does again; both are logged', async () => {
    const dutyId = await newDuty('暂停测试浇水')
    const paused = await update({ dutyId, paused: true })
    expect(paused.status).toBe(200)
    expect(dutyResponse.parse(paused.body).duty).toMatchObject({ id: dutyId, paused: true })
    await generate(true)
    expect(await shiftsOf(dutyId)).toHaveLength(0)
    // Still on the steward's list, marked, so it can be resumed.
    const list = dutiesResponse.parse((await api.call('GET', '/api/garden/duties/list', { token: await api.tokenFor(STEWARD), query: { villageId } })).body)
    expect(list.duties.find((d) => d.id === dutyId)?.paused).toBe(true)

    expect((await update({ dutyId, paused: false })).status).toBe(200)
    await generate(true)
    expect((await shiftsOf(dutyId)).length).toBeGreaterThanOrEqual(28)
    const actions = (await api.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, dutyId))).map((a) => a.action)
    expect(actions).toEqual(['garden.duty.created', 'garden.duty.paused', 'garden.duty.resumed'])
  })

  it('a duty kept to other seasons gets no shifts this month; one in season does', async () => {
    const season = seasonOfMonth(year, mon).season
    const other = (['spring', 'summer', 'autumn', 'winter'] as const).filter((s) => s !== season)
    const offSeason = await newDuty('季节外浇水', { seasons: other })
    const inSeason = await newDuty('当季浇水', { startMinute: 6 * 60, seasons: [season] })
    await generate(true)
    expect(await shiftsOf(offSeason)).toHaveLength(0)
    expect((await shiftsOf(inSeason)).length).toBeGreaterThanOrEqual(28)
  })

  it('a date range: only the days inside it, both ends included', async () => {
    const dutyId = await newDuty('日期范围浇水', { startMinute: 7 * 60 })
    const res = await update({ dutyId, activeFrom: key(10), activeUntil: key(12), title: '日期范围浇水（三天）' })
    expect(res.status).toBe(200)
    expect(dutyResponse.parse(res.body).duty).toMatchObject({ activeFrom: key(10), activeUntil: key(12), title: '日期范围浇水（三天）' })
    await generate(true)
    const days = (await shiftsOf(dutyId)).map((s) => localParts(Math.floor(s.startsAt.getTime() / 60_000)).day).sort((a, b) => a - b)
    expect(days).toEqual([10, 11, 12])
    const [entry] = await api.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, dutyId), eq(auditLog.action, 'garden.duty.updated')))
    expect(entry?.payload).toMatchObject({ before: { activeFrom: null, activeUntil: null }, after: { activeFrom: key(10), activeUntil: key(12) } })
  })

  it('shifts made before a duty was paused are not filled by the roster', async () => {
    const dutyId = await newDuty('先排后停', { startMinute: 8 * 60 + 30 })
    await generate(true)
    const made = await shiftsOf(dutyId)
    expect(made.length).toBeGreaterThanOrEqual(28)
    await update({ dutyId, paused: true })
    const preview = await generate(false)
    const ids = new Set(made.map((s) => s.id))
    expect(preview.assignments.some((a) => ids.has(a.shiftId))).toBe(false)
    expect(preview.short.some((s) => ids.has(s.shiftId))).toBe(false)
  })

  it('sending what is already there changes nothing and logs nothing', async () => {
    const dutyId = await newDuty('不变的值班', { startMinute: 9 * 60 })
    const before = await gardenSnapshot(api)
    const res = await update({ dutyId, startMinute: 9 * 60, paused: false })
    expect(res.status).toBe(200)
    expect(await gardenSnapshot(api)).toEqual(before)
  })
})
