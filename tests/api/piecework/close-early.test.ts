import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, payPeriodRateLines, payPeriods } from '../../../db/schema'
import { paySheetResponse, statementResponse, workshopDetailResponse } from '../../../shared/piecework'
import { addDays, todayInChina } from '../../../shared/time'
import { errorCodeOf, setupApi } from '../../harness/api'
import { demoWorkshop, entry, freshLine, pieceworkState } from './fixture'

// Item 1: closing a period before its last day ends it on the close date (Beijing today), so the
// days after it stay open for the next period instead of being locked in a closed one.

const api = await setupApi()
const demo = await demoWorkshop(api)
const today = todayInChina()
const tomorrow = addDays(today, 1)
const worker = demo.workerByName('孙玉芹')
const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 40)

const collect = (counts: Parameters<typeof entry>[2]) =>
  api.call<{ code?: string }>('POST', '/api/piecework/collections/create', {
    token: demo.headToken,
    body: { workshopId: demo.workshop.id, ...entry(line, worker.id, counts) },
  })

describe('closing 第2期 before its planned end', () => {
  it('the demo period really ends after today (the case the issue describes)', () => {
    expect(demo.open.endsOn > today).toBe(true)
  })

  it('ends it today, snapshots the same pay, and says so in the audit trail', async () => {
    expect((await collect({ accepted: 3 })).status).toBe(201)
    const before = paySheetResponse.parse(
      (await api.call('GET', '/api/piecework/pay-sheet', { token: demo.headToken, query: { periodId: demo.open.id } })).body,
    )
    const res = await api.call('POST', '/api/piecework/periods/close', { token: demo.headToken, body: { periodId: demo.open.id } })
    expect(res.status).toBe(200)
    const sheet = paySheetResponse.parse(res.body)
    expect(sheet.period).toMatchObject({ status: 'closed', startsOn: demo.open.startsOn, endsOn: today })
    expect(sheet.totalFen).toBe(before.totalFen)
    const [row] = await api.db.select().from(payPeriods).where(eq(payPeriods.id, demo.open.id))
    expect(row?.endsOn).toBe(today)
    // The arithmetic was snapshotted with the lines.
    const rateLines = await api.db.select().from(payPeriodRateLines).where(eq(payPeriodRateLines.periodId, demo.open.id))
    expect(rateLines.reduce((s, r) => s + r.grossFen, 0)).toBe(sheet.grossFen)
    const audits = await api.db.select().from(auditLog).where(eq(auditLog.subjectId, demo.open.id))
    const closed = audits.find((a) => a.action === 'piecework.period.closed')
    expect(closed?.payload).toMatchObject({ endsOn: today, plannedEndsOn: demo.open.endsOn })
  })

  it('a collection for tomorrow needs a period covering it, and one can start tomorrow', async () => {
    const stranded = await collect({ accepted: 2, collectedOn: tomorrow })
    expect(stranded.status).toBe(409)
    // Not "this day is in a closed period": it is free, just not yet in a period.
    expect(errorCodeOf(stranded)).toBe('piecework_no_period')

    const next = await api.call<{ id: string }>('POST', '/api/piecework/periods/create', {
      token: demo.headToken,
      body: { workshopId: demo.workshop.id, name: '第3期', startsOn: tomorrow, endsOn: addDays(today, 14) },
    })
    expect(next.status).toBe(201)
    const recorded = await collect({ accepted: 2, collectedOn: tomorrow })
    expect(recorded.status).toBe(201)

    const sheet = paySheetResponse.parse((await api.call('GET', '/api/piecework/pay-sheet', { token: demo.headToken, query: { periodId: next.body.id } })).body)
    expect(sheet.lines.find((l) => l.workerId === worker.id)?.acceptedPieces).toBe(2)
    const detail = workshopDetailResponse.parse(
      (await api.call('GET', '/api/piecework/workshops/detail', { token: demo.headToken, query: { workshopId: demo.workshop.id } })).body,
    )
    expect(detail.uncoveredDays).toEqual([])
    expect(detail.periods.map((p) => [p.name, p.startsOn, p.endsOn, p.status])).toContainEqual(['第2期', demo.open.startsOn, today, 'closed'])
  })

  it('the worker sees the closed period as paid, ending today', async () => {
    const token = await api.tokenFor('孙玉芹')
    const statement = statementResponse.parse((await api.call('GET', '/api/piecework/statement', { token, query: { workshopId: demo.workshop.id } })).body)
    const second = statement.periods.find((p) => p.period.id === demo.open.id)
    expect(second).toMatchObject({ paid: true, period: { endsOn: today, status: 'closed' } })
    expect(statement.periods[0]?.period.name).toBe('第3期')
  })
})

describe('refusals change nothing', () => {
  it('a period that has not begun cannot be closed', async () => {
    const later = await api.call<{ id: string }>('POST', '/api/piecework/periods/create', {
      token: demo.headToken,
      body: { workshopId: demo.workshop.id, name: '第4期', startsOn: addDays(today, 30), endsOn: addDays(today, 40) },
    })
    expect(later.status).toBe(201)
    const before = await pieceworkState(api, api.demo.guanli)
    const res = await api.call('POST', '/api/piecework/periods/close', { token: demo.headToken, body: { periodId: later.body.id } })
    expect(res.status).toBe(409)
    expect(errorCodeOf(res)).toBe('piecework_period_not_started')
    expect((res.body as { error: { message: string } }).error.message).toMatch(/才开始/)
    expect(await pieceworkState(api, api.demo.guanli)).toEqual(before)
    const [row] = await api.db.select().from(payPeriods).where(eq(payPeriods.id, later.body.id))
    expect(row).toMatchObject({ status: 'open', endsOn: addDays(today, 40) })
  })

  it('closing the early-closed period again is refused', async () => {
    const before = await pieceworkState(api, api.demo.guanli)
    const res = await api.call('POST', '/api/piecework/periods/close', { token: demo.headToken, body: { periodId: demo.open.id } })
    expect(errorCodeOf(res)).toBe('piecework_period_closed')
    expect(await pieceworkState(api, api.demo.guanli)).toEqual(before)
  })
})

describe('a close racing a collection', () => {
  it('the collection is either in the snapshot or refused, never lost between them', async () => {
    const third = (await api.db.select().from(payPeriods).where(eq(payPeriods.name, '第3期')))[0]
    if (!third) throw new Error('第3期 missing')
    const [closing, collecting] = await Promise.all([
      api.call('POST', '/api/piecework/periods/close', { token: demo.headToken, body: { periodId: third.id } }),
      collect({ accepted: 1, collectedOn: tomorrow }),
    ])
    expect(closing.status).toBe(200)
    const sheet = paySheetResponse.parse(closing.body)
    // 第3期 had begun with pieces recorded for tomorrow: it ends tomorrow, keeping them.
    expect(sheet.period.endsOn).toBe(tomorrow)
    const pieces = sheet.lines.find((l) => l.workerId === worker.id)?.acceptedPieces
    if (collecting.status === 201) expect(pieces).toBe(3)
    else {
      expect(errorCodeOf(collecting)).toBe('piecework_period_closed')
      expect(pieces).toBe(2)
    }
  })
})
