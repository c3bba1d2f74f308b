import ExcelJS from 'exceljs'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { payAdjustments, payPeriodLines, payPeriods } from '../../../db/schema'
import { createCollectionResponse, dashboardResponse, paySheetResponse, statementResponse } from '../../../shared/piecework'
import { setupApi } from '../../harness/api'
import { auditActions, demoWorkshop, entry, freshLine } from './fixture'

const api = await setupApi()
const demo = await demoWorkshop(api)

describe('pay sheet', () => {
  it('answers a closed period from its snapshot and sums per worker to the total', async () => {
    const res = await api.call('GET', '/api/piecework/pay-sheet', { token: demo.headToken, query: { periodId: demo.closed.id } })
    expect(res.status).toBe(200)
    const sheet = paySheetResponse.parse(res.body)
    expect(sheet.locked).toBe(true)
    expect(sheet.lines.length).toBe(30)
    expect(sheet.lines.reduce((s, l) => s + l.totalFen, 0)).toBe(sheet.totalFen)
    expect(sheet.grossFen + sheet.adjustmentsFen).toBe(sheet.totalFen)
    const snapshot = await api.db.select().from(payPeriodLines).where(eq(payPeriodLines.periodId, demo.closed.id))
    expect(snapshot.reduce((s, l) => s + l.totalFen, 0)).toBe(sheet.totalFen)
    // Around 100 yuan a working day (docs/domain.md): 12 working days in two weeks.
    const perDay = sheet.totalFen / sheet.lines.length / 12
    expect(perDay).toBeGreaterThan(5_000)
    expect(perDay).toBeLessThan(15_000)
  })

  it('downloads as an xlsx that opens with Chinese headers, a UTF-8 file name and the same totals', async () => {
    const res = await api.call('GET', '/api/piecework/pay-sheet/xlsx', { token: demo.headToken, query: { periodId: demo.closed.id } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const disposition = res.headers.get('content-disposition') ?? ''
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.xlsx"; filename\*=UTF-8''/)
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe('馆里村手撒网工坊-工资单-第1期.xlsx')

    // The harness reads bodies as text; fetch the bytes through the router directly.
    const { dispatch } = await import('../../../functions/lib/router')
    const raw = await dispatch(
      new Request(`http://xiangyue.test/api/piecework/pay-sheet/xlsx?periodId=${demo.closed.id}`, { headers: { authorization: `Bearer ${demo.headToken}` } }),
    )
    const bytes = new Uint8Array(await raw.arrayBuffer())
    expect(bytes[0]).toBe(0x50) // "PK": a zip container
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes.buffer)
    const ws = workbook.getWorksheet('工资单')
    expect(ws).toBeDefined()
    expect(ws?.getRow(2).values).toEqual([
      undefined,
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
    const sheet = paySheetResponse.parse(
      (await api.call('GET', '/api/piecework/pay-sheet', { token: demo.headToken, query: { periodId: demo.closed.id } })).body,
    )
    // One row per household × operation × rate, then the total.
    const totalRow = ws?.getRow(2 + sheet.lines.reduce((n, l) => n + Math.max(1, l.byRate.length), 0) + 1)
    expect(totalRow?.getCell(1).value).toBe('合计')
    expect(totalRow?.getCell(11).value).toBe(sheet.totalFen / 100)
  })

  it('closing locks the period: later collections there are refused, corrections go to the next period as adjustments', async () => {
    const worker = demo.workerByName('赵淑华')
    const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 20)
    const collected = await api.call('POST', '/api/piecework/collections/create', {
      token: demo.headToken,
      body: { workshopId: demo.workshop.id, ...entry(line, worker.id, { accepted: 5 }) },
    })
    expect(createCollectionResponse.parse(collected.body).outcome).toBe('ok')
    const open = paySheetResponse.parse((await api.call('GET', '/api/piecework/pay-sheet', { token: demo.headToken, query: { periodId: demo.open.id } })).body)
    expect(open.locked).toBe(false)

    const closed = await api.call('POST', '/api/piecework/periods/close', { token: demo.headToken, body: { periodId: demo.open.id } })
    expect(closed.status).toBe(200)
    const sheet = paySheetResponse.parse(closed.body)
    expect(sheet.locked).toBe(true)
    expect(sheet.totalFen).toBe(open.totalFen)
    const [row] = await api.db.select().from(payPeriods).where(eq(payPeriods.id, demo.open.id))
    expect(row?.status).toBe('closed')
    expect(await auditActions(api, api.demo.guanli, demo.open.id)).toContain('piecework.period.closed')

    const late = await api.call('POST', '/api/piecework/collections/create', {
      token: demo.headToken,
      body: { workshopId: demo.workshop.id, ...entry(line, worker.id, { accepted: 1 }) },
    })
    expect(late.status).toBe(409)

    const next = await api.call<{ id: string }>('POST', '/api/piecework/periods/create', {
      token: demo.headToken,
      body: { workshopId: demo.workshop.id, name: '第3期', startsOn: '2099-01-01', endsOn: '2099-01-14' },
    })
    expect(next.status).toBe(201)
    const fix = await api.call<{ id: string }>('POST', '/api/piecework/adjustments/create', {
      token: demo.headToken,
      body: { periodId: next.body.id, workerId: worker.id, amountFen: 200, reason: '更正第2期漏记1件' },
    })
    expect(fix.status).toBe(201)
    expect(await api.db.select().from(payAdjustments).where(eq(payAdjustments.id, fix.body.id))).toEqual([
      expect.objectContaining({ amountFen: 200, periodId: next.body.id }),
    ])
    expect(await auditActions(api, api.demo.guanli, fix.body.id)).toEqual(['piecework.adjustment.created'])
    const nextSheet = paySheetResponse.parse(
      (await api.call('GET', '/api/piecework/pay-sheet', { token: demo.headToken, query: { periodId: next.body.id } })).body,
    )
    expect(nextSheet.lines).toEqual([expect.objectContaining({ workerId: worker.id, grossFen: 0, adjustmentsFen: 200, totalFen: 200 })])
    // The closed sheet did not move.
    const again = paySheetResponse.parse((await api.call('GET', '/api/piecework/pay-sheet', { token: demo.headToken, query: { periodId: demo.open.id } })).body)
    expect(again.totalFen).toBe(sheet.totalFen)
  })
})

describe('worker statement and dashboard', () => {
  it('shows a neighbouring-village worker their own material, pieces and pay', async () => {
    const token = await api.tokenFor('杨秀云')
    const res = await api.call('GET', '/api/piecework/statement', { token, query: { workshopId: demo.workshop.id } })
    expect(res.status).toBe(200)
    const statement = statementResponse.parse(res.body)
    expect(statement.worker).toMatchObject({ name: '杨秀云', villageName: '前杨村', fromOtherVillage: true })
    expect(statement.yearFen).toBeGreaterThan(0)
    expect(statement.days.length).toBeGreaterThan(10)
    expect(statement.material[0]?.issued).toBeGreaterThan(0)
    const m = statement.material[0]
    if (m) expect(m.issued - m.returned - m.used).toBe(m.outstanding)
  })

  it('shows the head order progress, output per day, flagged material, pay per period and collective income', async () => {
    const res = await api.call('GET', '/api/piecework/dashboard', { token: demo.headToken, query: { workshopId: demo.workshop.id } })
    expect(res.status).toBe(200)
    const board = dashboardResponse.parse(res.body)
    expect(board.orders.length).toBeGreaterThanOrEqual(3)
    expect(board.outputPerDay.length).toBeGreaterThan(20)
    expect(board.material.some((m) => m.flagged)).toBe(true)
    expect(board.payPerPeriod.length).toBeGreaterThanOrEqual(2)
    const wages = board.payPerPeriod.reduce((s, p) => s + p.totalFen, 0)
    expect(board.income.wagesFen).toBe(wages)
    expect(board.income.incomeFen).toBe(board.income.revenueFen - wages)
    expect(board.income.incomeFen).toBeGreaterThan(0)
  })
})
