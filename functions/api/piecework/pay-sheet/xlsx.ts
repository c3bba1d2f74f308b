import ExcelJS from 'exceljs'
import { paySheetResponse, periodQuery, type PaySheet } from '../../../../shared/piecework'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadPeriod, paySheetFor } from '../../../queries/piecework'
import { workshopViewers } from '../../../../shared/roles'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * One row per household × operation × rate, so every row reads 合格件数 × 计件单价 = 计件金额.
 * The household's own columns (返工, 不合格, 调整, 合计) are filled once, on its first row, and
 * merged down its rows: each money column then sums to the sheet's total in Excel/WPS.
 * Money cells hold yuan as numbers with two decimals, so Excel/WPS can sum them.
 */
export const PAY_SHEET_HEADER = [
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
] as const

export async function paySheetWorkbook(sheet: PaySheet): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '乡约'
  workbook.created = new Date()
  const ws = workbook.addWorksheet('工资单', { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1 } })
  ws.mergeCells('A1:K1')
  ws.getCell('A1').value =
    `${sheet.workshopName} 计件工资单　${sheet.period.name}（${sheet.period.startsOn} 至 ${sheet.period.endsOn}）${sheet.locked ? '　已结账' : '　未结账'}`
  ws.getCell('A1').font = { bold: true, size: 14 }
  ws.addRow([...PAY_SHEET_HEADER]).font = { bold: true }
  sheet.lines.forEach((line, index) => {
    // A household with only adjustments (or only rejects) still gets its one row.
    const rateRows = line.byRate.length > 0 ? line.byRate : [null]
    const first = ws.rowCount + 1
    rateRows.forEach((rate, i) => {
      const household = i === 0
      ws.addRow([
        household ? index + 1 : null,
        household ? line.workerName : null,
        household ? line.villageName : null,
        rate ? `${rate.productName}·${rate.operationName}` : '',
        rate ? rate.acceptedPieces : 0,
        rate ? (rate.rateFen === null ? '待定价' : rate.rateFen / 100) : null,
        rate ? rate.amountFen / 100 : 0,
        household ? line.reworkPieces : null,
        household ? line.rejectedPieces : null,
        household ? line.adjustmentsFen / 100 : null,
        household ? line.totalFen / 100 : null,
      ])
    })
    const last = ws.rowCount
    if (last > first) for (const column of ['A', 'B', 'C', 'H', 'I', 'J', 'K']) ws.mergeCells(`${column}${first}:${column}${last}`)
  })
  const total = ws.addRow([
    '合计',
    '',
    '',
    '',
    sheet.lines.reduce((s, l) => s + l.acceptedPieces, 0),
    '',
    sheet.grossFen / 100,
    sheet.lines.reduce((s, l) => s + l.reworkPieces, 0),
    sheet.lines.reduce((s, l) => s + l.rejectedPieces, 0),
    sheet.adjustmentsFen / 100,
    sheet.totalFen / 100,
  ])
  total.font = { bold: true }
  for (const column of [6, 7, 10, 11]) ws.getColumn(column).numFmt = '#,##0.00'
  const widths = [6, 14, 12, 18, 10, 14, 15, 10, 11, 12, 14]
  widths.forEach((width, index) => {
    ws.getColumn(index + 1).width = width
  })
  for (const column of ['A', 'B', 'C', 'H', 'I', 'J', 'K']) ws.getColumn(column).alignment = { vertical: 'middle' }
  ws.addRow([])
  ws.addRow(['负责人签字：', '', '', '', '', '', '领款人确认：'])
  const buffer = await workbook.xlsx.writeBuffer()
  return Uint8Array.from(new Uint8Array(buffer))
}

/** The plain-ASCII name for clients that ignore filename*: readable dates, not a row of underscores. */
export function asciiPaySheetName(period: { startsOn: string; endsOn: string }): string {
  return `pay-sheet-${period.startsOn}_${period.endsOn}.xlsx`
}

export function contentDisposition(filename: string, asciiFallback: string): string {
  // RFC 6266/5987: an ASCII fallback plus the UTF-8 name that Excel, WPS and browsers show.
  const ascii = asciiFallback.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}

export const route = defineRoute({
  method: 'GET',
  path: '/api/piecework/pay-sheet/xlsx',
  summary: '下载工资单（Excel / WPS 表格 .xlsx）',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopViewers,
  query: periodQuery,
  response: paySheetResponse,
  renders: XLSX,
  errors: ['forbidden', 'not_member_of_village', 'not_found'],
  handler: async ({ authorize, db, query }) => {
    const { period, workshop } = await loadPeriod(db, query.periodId)
    authorize(workshop.villageId)
    return paySheetFor(db, workshop, period)
  },
  render: async (sheet) => {
    const body = await paySheetWorkbook(sheet)
    const filename = `${sheet.workshopName}-工资单-${sheet.period.name}.xlsx`.replace(/[\\/:*?"<>|]/g, '_')
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': XLSX,
        'content-disposition': contentDisposition(filename, asciiPaySheetName(sheet.period)),
        'content-length': String(body.byteLength),
        'cache-control': 'no-store',
      },
    })
  },
})

export const GET = toWebHandler(route)
