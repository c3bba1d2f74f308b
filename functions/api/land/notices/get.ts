import { noticeIdInput, noticeSchema } from '../../../../shared/land'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { describeNotice, loadNotice } from '../../../queries/land-notices'

export const route = defineRoute({
  method: 'GET',
  path: '/api/land/notices/get',
  summary: '公示内容（含二维码 SVG，可打印张贴）',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  query: noticeIdInput,
  response: noticeSchema,
  errors: ['not_member_of_village', 'not_found'],
  handler: async ({ authorize, db, session, query, request }) => {
    const notice = await loadNotice(db, query.noticeId)
    authorize(notice.villageId)
    return describeNotice(db, notice, session.personId, request)
  },
})

export const GET = toWebHandler(route)
