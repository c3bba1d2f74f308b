import { AppError } from '../../../../shared/errors'
import { syncCollectionsInput, syncCollectionsResponse, type SyncResult } from '../../../../shared/piecework'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { parseQueuedEntry, recordCollectionBatch, type CollectionEntry } from '../../../queries/piecework-collections'
import { workshopHeads } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/piecework/collections/sync',
  summary: '离线队列同步：逐条登记交货，每条返回 成功 / 重复 / 错误（附中文原因）',
  tags: ['piecework'],
  // The session is read in the batch's first statement, beside its locks (one wait fewer).
  auth: 'token',
  tenancy: 'entity',
  ownTransaction: true,
  roles: workshopHeads,
  body: syncCollectionsInput,
  response: syncCollectionsResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'conflict'],
  handler: async ({ db, authorize, claims, body, idempotency, noteAudit }) => {
    // Answers keep the queue's order; well-formed entries are recorded together, in that order.
    const results: (SyncResult | null)[] = []
    const batch: { index: number; entry: CollectionEntry }[] = []
    for (const raw of body.entries) {
      const parsed = parseQueuedEntry(raw)
      if ('error' in parsed) results.push(parsed.error)
      else {
        batch.push({ index: results.length, entry: parsed.entry })
        results.push(null)
      }
    }
    return recordCollectionBatch(db, {
      claims,
      authorize,
      noteAudit,
      workshopId: body.workshopId,
      entries: batch.map((b) => b.entry),
      idempotency,
      answer: (outcomes) => {
        batch.forEach(({ index, entry }, i) => {
          const outcome = outcomes[i]
          results[index] =
            outcome === undefined || outcome.outcome === 'error'
              ? { clientId: entry.clientId, outcome: 'error', code: outcome?.code ?? 'conflict', message: outcome?.message ?? new AppError('conflict').message }
              : { clientId: entry.clientId, outcome: outcome.outcome, collectionId: outcome.collection.id }
        })
        return { results: results.filter((r): r is SyncResult => r !== null) }
      },
    })
  },
})

export const POST = toWebHandler(route)
