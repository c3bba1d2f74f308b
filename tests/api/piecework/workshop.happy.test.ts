import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as XLSX from 'xlsx'
import { households, payPeriodLines, payPeriodRateLines, people, pieceCollections, villages } from '../../../db/schema'
import { PIECEWORK_DEMO } from '../../../db/seed/piecework'
import { collectionListResponse, householdSearchResponse, paySheetResponse, rateLineText, statementResponse, type PaySheet } from '../../../shared/piecework'
import { addDays, todayInChina } from '../../../shared/time'
import { setupApi } from '../../harness/api'
import { demoWorkshop, entry, freshLine } from './fixture'

// Items 2–5 of "Piecework for a real workshop": every period's arithmetic for the worker, the
// same arithmetic on the pay sheet and in its xlsx, lists read page by page, and the head
// finding households to add.

const api = await setupApi()
const demo = await demoWorkshop(api)
const today = todayInChina()

const paySheet = async (periodId: string): Promise<PaySheet> =>
  paySheetResponse.parse((await api.call('GET', '/api/piecework/pay-sheet', { token: demo.headToken, query: { periodId } })).body)

describe('a worker sees every period of theirs with its arithmetic', () => {
  it('the closed period as paid (the snapshot) and the open one so far, each adding up', async () => {
    const token = await api.tokenFor(PIECEWORK_DEMO.neighbourWorker)
    const res = await api.call('GET', '/api/piecework/statement', { token, query: { workshopId: demo.workshop.id } })
    expect(res.status).toBe(200)
    const statement = statementResponse.parse(res.body)
    expect(statement.periods.map((p) => [p.period.name, p.paid])).toEqual([
      ['第2期', false],
      ['第1期', true],
    ])
    const [snapshot] = await api.db
      .select()
      .from(payPeriodLines)
      .where(and(eq(payPeriodLines.periodId, demo.closed.id), eq(payPeriodLines.workerId, statement.worker.id)))
    const first = statement.periods[1]
    expect(first).toMatchObject({
      totalFen: snapshot?.totalFen,
      grossFen: snapshot?.grossFen,
      acceptedPieces: snapshot?.acceptedPieces,
      reworkPieces: snapshot?.reworkPieces,
    })
    for (const p of statement.periods) {
      expect(p.byRate.length).toBeGreaterThan(0)
      expect(p.byRate.reduce((s, r) => s + r.amountFen, 0)).toBe(p.grossFen)
      expect(p.byRate.reduce((s, r) => s + r.acceptedPieces, 0)).toBe(p.acceptedPieces)
      expect(p.grossFen + p.adjustmentsFen).toBe(p.totalFen)
      expect(p.adjustments.reduce((s, a) => s + a.amountFen, 0)).toBe(p.adjustmentsFen)
      for (const r of p.byRate) {
        expect(r.operationName).not.toBe('')
        expect(rateLineText(r)).toMatch(/^合格 \d+ 件 × \d+\.\d\d 元 = \d+\.\d\d 元$/)
      }
    }
    // The same numbers as the head's pay sheet.
    const open = (await paySheet(demo.open.id)).lines.find((l) => l.workerId === statement.worker.id)
    expect(statement.periods[0]).toMatchObject({
      totalFen: open?.totalFen,
      grossFen: open?.grossFen,
      reworkPieces: open?.reworkPieces,
      rejectedPieces: open?.rejectedPieces,
    })
    expect(statement.periods[0]?.byRate).toEqual(open?.byRate)
  })

  it('shows an adjustment with its reason in the period it belongs to', async () => {
    const closed = await paySheet(demo.closed.id)
    const rewarded = closed.lines.find((l) => l.adjustmentsFen === 5000)
    if (!rewarded) throw new Error('the demo 全勤奖 is missing')
    const statement = statementResponse.parse(
      (await api.call('GET', '/api/piecework/statement', { token: await api.tokenFor(rewarded.workerName), query: { workshopId: demo.workshop.id } })).body,
    )
    const first = statement.periods.find((p) => p.period.id === demo.closed.id)
    expect(first?.adjustments).toEqual([{ amountFen: 5000, reason: '全勤奖' }])
    expect(first?.totalFen).toBe(rewarded.totalFen)
  })
})

describe('the pay sheet shows the same arithmetic', () => {
  it('each household line splits into operation × rate and adds up, closed and open', async () => {
    for (const periodId of [demo.closed.id, demo.open.id]) {
      const sheet = await paySheet(periodId)
      for (const line of sheet.lines) {
        expect(line.byRate.reduce((s, r) => s + r.amountFen, 0)).toBe(line.grossFen)
        expect(line.byRate.reduce((s, r) => s + r.acceptedPieces, 0)).toBe(line.acceptedPieces)
      }
    }
    // The demo's raise in week four: the open period pays two rates for the same operation.
    const open = await paySheet(demo.open.id)
    expect(open.lines.some((l) => new Set(l.byRate.map((r) => r.operationId)).size < l.byRate.length)).toBe(true)
  })

  it('the xlsx, read back by SheetJS, has one row per household × rate whose counts × rate = amount', async () => {
    const sheet = await paySheet(demo.open.id)
    const { dispatch } = await import('../../../functions/lib/router')
    const raw = await dispatch(
      new Request(`http://xiangyue.test/api/piecework/pay-sheet/xlsx?periodId=${demo.open.id}`, { headers: { authorization: `Bearer ${demo.headToken}` } }),
    )
    expect(raw.status).toBe(200)
    const disposition = raw.headers.get('content-disposition') ?? ''
    expect(disposition).toContain(`filename="pay-sheet-${demo.open.startsOn}_${demo.open.endsOn}.xlsx"`)
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe('馆里村手撒网工坊-工资单-第2期.xlsx')

    const workbook = XLSX.read(new Uint8Array(await raw.arrayBuffer()), { type: 'array' })
    const ws = workbook.Sheets['工资单']
    if (!ws) throw new Error('no 工资单 sheet')
    const rows = XLSX.utils.sheet_to_json<(string | number | null)[]>(ws, { header: 1, raw: true, defval: null, blankrows: false })
    expect(rows[1]).toEqual([
      '序号',
      '加工户',
      '所在村',
      '产品·工序',
      '合格件数',
      '计件单价（元）',
      '计件金额（元）',
      '返工件数',
      '不合格件数',
      '调整（元）',
      '合计（元）',
    ])
    const body = rows.slice(
      2,
      rows.findIndex((r) => r[0] === '合计'),
    )
    expect(body.length).toBe(sheet.lines.reduce((n, l) => n + Math.max(1, l.byRate.length), 0))
    const cents = (v: unknown) => Math.round(Number(v) * 100)
    for (const row of body) {
      // Every row reads 合格件数 × 计件单价 = 计件金额, to the fen.
      if (typeof row[5] === 'number') expect(cents(row[6])).toBe(Number(row[4]) * cents(row[5]))
    }
    // Household columns are filled once per household, so each column sums to the sheet.
    const households = body.filter((r) => typeof r[1] === 'string' && r[1] !== '')
    expect(households.map((r) => r[1])).toEqual(sheet.lines.map((l) => l.workerName))
    expect(households.map((r) => r[7])).toEqual(sheet.lines.map((l) => l.reworkPieces))
    expect(households.map((r) => r[8])).toEqual(sheet.lines.map((l) => l.rejectedPieces))
    expect(body.reduce((s, r) => s + cents(r[6] ?? 0), 0)).toBe(sheet.grossFen)
    expect(households.reduce((s, r) => s + cents(r[9]), 0)).toBe(sheet.adjustmentsFen)
    expect(households.reduce((s, r) => s + cents(r[10]), 0)).toBe(sheet.totalFen)
    expect(body.reduce((s, r) => s + Number(r[4] ?? 0), 0)).toBe(sheet.lines.reduce((s, l) => s + l.acceptedPieces, 0))
    const total = rows.find((r) => r[0] === '合计')
    expect(cents(total?.[10])).toBe(sheet.totalFen)
    expect(total?.[7]).toBe(sheet.lines.reduce((s, l) => s + l.reworkPieces, 0))
    // A household on two rates spans two rows, its name merged down them.
    expect((ws['!merges'] ?? []).some((m) => m.s.c === 1 && m.e.r > m.s.r)).toBe(true)
  })
})

describe('collections are read page by page, every row exactly once', () => {
  const from = addDays(today, -60)
  const to = addDays(today, 1)
  const page = (query: Record<string, string>) =>
    api.call('GET', '/api/piecework/collections/list', { token: demo.headToken, query: { workshopId: demo.workshop.id, from, to, ...query } })

  it('walks all pages to nextCursor null, in a stable order, even with a row added meanwhile', async () => {
    const stored = await api.db
      .select({ id: pieceCollections.id })
      .from(pieceCollections)
      .where(and(eq(pieceCollections.workshopId, demo.workshop.id), gte(pieceCollections.collectedOn, from), lte(pieceCollections.collectedOn, to)))
    expect(stored.length).toBeGreaterThan(500)
    const seen: { id: string; collectedOn: string }[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const res = await page(cursor ? { limit: '97', cursor } : { limit: '97' })
      expect(res.status).toBe(200)
      const body = collectionListResponse.parse(res.body)
      expect(body.collections.length).toBeLessThanOrEqual(97)
      if (body.nextCursor !== null) expect(body.collections.length).toBe(97)
      seen.push(...body.collections)
      cursor = body.nextCursor
      pages += 1
      if (pages === 1) {
        // A collection recorded while the head scrolls must not push a row onto two pages.
        const worker = demo.workerByName('王桂香')
        const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 5)
        const res = await api.call('POST', '/api/piecework/collections/create', {
          token: demo.headToken,
          body: { workshopId: demo.workshop.id, ...entry(line, worker.id, { accepted: 1 }) },
        })
        expect(res.status).toBe(201)
      }
    } while (cursor !== null && pages < 100)
    expect(pages).toBe(Math.ceil(seen.length / 97))
    const ids = seen.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const { id } of stored) expect(ids).toContain(id)
    for (let i = 1; i < seen.length; i += 1) {
      const a = seen[i - 1]
      const b = seen[i]
      if (!a || !b) continue
      expect(a.collectedOn > b.collectedOn || (a.collectedOn === b.collectedOn && a.id > b.id)).toBe(true)
    }
  })

  it('says there is more instead of stopping silently at the default page size', async () => {
    const body = collectionListResponse.parse((await page({})).body)
    expect(body.collections.length).toBe(100)
    expect(body.nextCursor).not.toBeNull()
  })
})

describe('the head finds households of the village and its neighbours by name', () => {
  const search = async (q: string) => {
    const res = await api.call('GET', '/api/piecework/households/search', { token: demo.headToken, query: { workshopId: demo.workshop.id, q } })
    expect(res.status).toBe(200)
    return householdSearchResponse.parse(res.body)
  }

  it('shows village, household label and head name, and who is already a worker', async () => {
    const found = await search('杨秀云')
    expect(found.households).toEqual([
      expect.objectContaining({ label: '一组1号 杨秀云户', headName: '杨秀云', villageName: '前杨村', fromOtherVillage: true, alreadyWorker: true }),
    ])
    const guanli = await api.db
      .select({ id: households.id, label: households.label })
      .from(households)
      .where(eq(households.villageId, api.demo.guanli))
      .orderBy(asc(households.label))
    const someone = guanli[0]
    if (!someone) throw new Error('no 馆里村 household')
    const own = await search(someone.label.replace(/户$/, ''))
    expect(own.households.some((h) => h.householdId === someone.id && h.villageName === '馆里村' && !h.fromOtherVillage)).toBe(true)
  })

  it('tells namesakes apart and adds the right one', async () => {
    // A second 杨秀云, in 后李村, not yet a worker.
    const [houli] = await api.db.select({ id: villages.id }).from(villages).where(eq(villages.name, '后李村'))
    if (!houli) throw new Error('no 后李村')
    const householdId = randomUUID()
    const personId = randomUUID()
    await api.db
      .insert(households)
      .values({ id: householdId, villageId: houli.id, label: '杨秀云户', group: '三组', houseNumber: '7号', headPersonId: personId })
    await api.db.insert(people).values({ id: personId, name: '杨秀云', birthYear: 1970, householdId })
    const found = await search('杨秀云')
    expect(found.households.map((h) => [h.villageName, h.label, h.alreadyWorker])).toEqual([
      ['前杨村', '一组1号 杨秀云户', true],
      ['后李村', '三组7号 杨秀云户', false],
    ])
    const added = await api.call('POST', '/api/piecework/workers/add', { token: demo.headToken, body: { workshopId: demo.workshop.id, householdId } })
    expect(added.status).toBe(201)
    expect((await search('杨秀云')).households.every((h) => h.alreadyWorker)).toBe(true)
  })

  it('a wildcard typed by the head matches only itself', async () => {
    expect((await search('%')).households).toEqual([])
    expect((await search('_')).households).toEqual([])
  })

  it('many matches: shows 20 and says there are more', async () => {
    const found = await search('户')
    expect(found.households.length).toBe(20)
    expect(found.more).toBe(true)
  })
})

describe('the migration gives periods closed before it their arithmetic', () => {
  it('its backfill rebuilds exactly the rate lines the closing snapshot holds', async () => {
    const dir = new URL('../../../db/migrations/', import.meta.url)
    const file = readdirSync(dir).find((name) => name.endsWith('_pay_rate_lines.sql'))
    if (!file) throw new Error('migration missing')
    const custom = readFileSync(new URL(file, dir), 'utf8').split('-- custom (hand-written) --')[1] ?? ''
    const order = <T extends { workerId: string; operationId: string; rateFen: number }>(rows: T[]) =>
      [...rows].sort((a, b) => `${a.workerId}${a.operationId}${a.rateFen}`.localeCompare(`${b.workerId}${b.operationId}${b.rateFen}`))
    const seeded = order(await api.db.select().from(payPeriodRateLines).where(eq(payPeriodRateLines.periodId, demo.closed.id)))
    expect(seeded.length).toBeGreaterThan(0)
    await api.db.delete(payPeriodRateLines).where(eq(payPeriodRateLines.periodId, demo.closed.id))
    await api.db.execute(sql.raw(custom))
    expect(order(await api.db.select().from(payPeriodRateLines).where(eq(payPeriodRateLines.periodId, demo.closed.id)))).toEqual(seeded)
    const [snapshot] = await api.db
      .select({ gross: sql<number>`sum(${payPeriodLines.grossFen})`.mapWith(Number) })
      .from(payPeriodLines)
      .where(eq(payPeriodLines.periodId, demo.closed.id))
    expect(seeded.reduce((s, r) => s + r.grossFen, 0)).toBe(snapshot?.gross)
  })
})
