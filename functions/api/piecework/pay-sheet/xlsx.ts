import ExcelJS from 'exceljs'
import { formatYuan, paySheetResponse, periodQuery, type PaySheet } from '../../../../shared/piecework'
import { requireWorkshopViewer } from '../../../lib/auth'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadPeriod, paySheetFor } from '../_shared'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Money cells hold yuan as numbers with two decimals, so Excel/WPS can sum them. */
export async function paySheetWorkbook(sheet: PaySheet): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '乡约'
  workbook.created = new Date()
  const ws = workbook.addWorksheet('工资单', { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1 } })
  ws.mergeCells('A1:I1')
  ws.getCell('A1').value = `${sheet.workshopName} 计件工资单　${sheet.period.name}（${sheet.period.startsOn} 至 ${sheet.period.endsOn}）${sheet.locked ? '　已结账' : '　未结账'}`
  ws.getCell('A1').font = { bold: true, size: 14 }
  const header = ['序号', '加工户', '所在村', '合格件数', '不合格件数', '计件单价（元）', '计件金额（元）', '调整（元）', '合计（元）']
  ws.addRow(header).font = { bold: true }
  sheet.lines.forEach((line, index) => {
    ws.addRow([
      index + 1,
      line.workerName,
      line.villageName,
      line.acceptedPieces,
      line.rejectedPieces,
      line.ratesFen.map(formatYuan).join(' / '),
      line.grossFen / 100,
      line.adjustmentsFen / 100,
      line.totalFen / 100,
    ])
  })
  const total = ws.addRow([
    '合计',
    '',
    '',
    sheet.lines.reduce((s, l) => s + l.acceptedPieces, 0),
    sheet.lines.reduce((s, l) => s + l.rejectedPieces, 0),
    '',
    sheet.grossFen / 100,
    sheet.adjustmentsFen / 100,
    sheet.totalFen / 100,
  ])
  total.font = { bold: true }
  for (const column of [7, 8, 9]) ws.getColumn(column).numFmt = '#,##0.00'
  const widths = [6, 14, 12, 10, 11, 16, 15, 12, 14]
  widths.forEach((width, index) => {
    ws.getColumn(index + 1).width = width
  })
  ws.addRow([])
  ws.addRow(['负责人签字：', '', '', '', '领款人确认：'])
  const buffer = await workbook.xlsx.writeBuffer()
  return Uint8Array.from(new Uint8Array(buffer))
}

export function contentDisposition(filename: string): string {
  // RFC 6266/5987: an ASCII fallback plus the UTF-8 name that Excel, WPS and browsers show.
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}

export const route = defineRoute({
  method: 'GET',
  path: '/api/piecework/pay-sheet/xlsx',
  summary: '下载工资单（Excel / WPS 表格 .xlsx）',
  tags: ['piecework'],
  auth: 'user',
  roles: ['workshop_head', 'secretary', 'deputy_secretary'],
  query: periodQuery,
  response: paySheetResponse,
  renders: XLSX,
  errors: ['forbidden', 'not_member_of_village', 'not_found'],
  handler: async ({ db, session, query }) => {
    const { period, workshop } = await loadPeriod(db, query.periodId)
    requireWorkshopViewer(session, workshop)
    return paySheetFor(db, workshop, period)
  },
  render: async (sheet) => {
    const body = await paySheetWorkbook(sheet)
    const filename = `${sheet.workshopName}-工资单-${sheet.period.name}.xlsx`.replace(/[\\/:*?"<>|]/g, '_')
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': XLSX,
        'content-disposition': contentDisposition(filename),
        'content-length': String(body.byteLength),
        'cache-control': 'no-store',
      },
    })
  },
})

export const GET = toWebHandler(route)
