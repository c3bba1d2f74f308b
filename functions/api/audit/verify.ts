import { verifyVillageChain } from '../../../db/audit'
import { auditVerifyResponse, villageQuery } from '../../../shared/auth'
import { chainFailureLabels } from '../../../shared/audit'
import { requireMember } from '../../lib/auth'
import { defineRoute, toWebHandler } from '../../lib/route'

export const route = defineRoute({
  method: 'GET',
  path: '/api/audit/verify',
  summary: '核验本村操作记录的哈希链是否完整',
  tags: ['audit'],
  auth: 'user',
  query: villageQuery,
  response: auditVerifyResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, session, query }) => {
    requireMember(session, query.villageId)
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
