import { and, asc, eq } from 'drizzle-orm'
import { sealAudit, verifyVillageChain } from '../../../../db/audit'
import { auditLog } from '../../../../db/schema'
import { motionAuditResponse, motionIdInput } from '../../../../shared/land'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadMotion } from '../../../queries/land'

export const route = defineRoute({
  method: 'GET',
  path: '/api/land/motions/audit',
  summary: '一项表决的全部操作记录，以及本村记录链是否完整',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  query: motionIdInput,
  response: motionAuditResponse,
  errors: ['not_member_of_village', 'not_found'],
  handler: async ({ authorize, db, query }) => {
    const motion = await loadMotion(db, query.motionId)
    authorize(motion.villageId)
    await sealAudit(db, motion.villageId)
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.villageId, motion.villageId), eq(auditLog.subjectType, 'land_motion'), eq(auditLog.subjectId, motion.id)))
      .orderBy(asc(auditLog.seq))
    const verdict = await verifyVillageChain(db, motion.villageId)
    return {
      motionId: motion.id,
      entries: rows.map((row) => ({
        seq: row.seq,
        action: row.action,
        actorPersonId: row.actorPersonId,
        payload: row.payload,
        recordedAt: row.recordedAt,
        hash: row.hash,
      })),
      chain: { ok: verdict.ok, entries: verdict.entries, firstBadSeq: verdict.ok ? null : verdict.firstBadSeq },
    }
  },
})

export const GET = toWebHandler(route)
