import { AppError } from '../../../../shared/errors'
import { syncCollectionsInput, syncCollectionsResponse, type SyncResult } from '../../../../shared/piecework'
import { requireWorkshopHead } from '../../../lib/auth'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadWorkshop, syncEntry } from '../_shared'

export const route = defineRoute({
  method: 'POST',
  path: '/api/piecework/collections/sync',
  summary: '离线队列同步：逐条登记交货，每条返回 成功 / 重复 / 错误（附中文原因）',
  tags: ['piecework'],
  auth: 'user',
  roles: ['workshop_head'],
  body: syncCollectionsInput,
  response: syncCollectionsResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found'],
  handler: async ({ db, session, body }) => {
    const workshop = await loadWorkshop(db, body.workshopId, 'share')
    requireWorkshopHead(session, workshop)
    const results: SyncResult[] = []
    const seen = new Set<string>()
    for (const raw of body.entries) {
      const clientId = typeof raw.clientId === 'string' ? raw.clientId : ''
      // The same entry twice in one batch: the second is a duplicate of the first.
      if (clientId && seen.has(clientId)) {
        const first = results.find((r) => r.clientId === clientId && r.collectionId)
        results.push(
          first?.collectionId
            ? { clientId, outcome: 'duplicate', collectionId: first.collectionId }
            : { clientId, outcome: 'error', code: 'conflict', message: new AppError('conflict').message },
        )
        continue
      }
      seen.add(clientId)
      results.push(await syncEntry(db, session, workshop, raw))
    }
    return { results }
  },
})

export const POST = toWebHandler(route)
