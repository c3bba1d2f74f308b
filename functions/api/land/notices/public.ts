import { noticeIdInput, noticePaper, noticePaperSchema } from '../../../../shared/land'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { describeNotice, loadNotice } from '../../../queries/land-notices'

/**
 * The notice as the bulletin board shows it, for anyone who scans its QR code (村务公开, Art. 30):
 * no login, and nothing the paper does not print (noticePaper drops ids and objections).
 */
export const route = defineRoute({
  method: 'GET',
  path: '/api/land/notices/public',
  summary: '公开的公示（无需登录，扫公告栏二维码查看）：只含张贴的内容',
  tags: ['land'],
  auth: 'none',
  tenancy: 'public',
  query: noticeIdInput,
  response: noticePaperSchema,
  errors: ['not_found'],
  handler: async ({ db, query, request }) => noticePaper(await describeNotice(db, await loadNotice(db, query.noticeId), null, request)),
})

export const GET = toWebHandler(route)
