import { verifyVillageChain } from '../../../db/audit'
import { auditVerifyResponse, villageQuery } from '../../../shared/auth'
import { chainFailureLabels } from '../../../shared/audit'

import { defineRoute, toWebHandler } from '../../lib/route'

export const route = defineRoute({
  method: 'GET',
  path: '/api/audit/verify',
  summary: '核验本村操作记录的哈希链是否完整',
  tags: ['audit'],
  auth: 'user',
  tenancy: 'query',
  query: villageQuery,
  response: auditVerifyResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, query }) => {
    const verdict = await verifyVillageChain(db, query.villageId)
    return verdict.ok
      ? { villageId: query.villageId, entries: verdict.entries, ok: true, firstBadSeq: null, reason: null }
      : {
          villageId: query.villageId,
          entries: verdict.entries,
          ok: false,
          firstBadSeq: verdict.firstBadSeq,
          reason: chainFailureLabels[verdict.reason],
        }
  },
})

export const GET = toWebHandler(route)
