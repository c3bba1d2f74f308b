import { and, desc, eq, gte, lte } from 'drizzle-orm'
import { z } from '../../../../shared/zod'
import { pieceCollections } from '../../../../db/schema'
import { collectionListResponse, dateSchema } from '../../../../shared/piecework'
import { uuidSchema } from '../../../../shared/ids'
import { requireWorkshopViewer } from '../../../lib/auth'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { collectionOut, loadWorkshop } from '../_shared'

export const route = defineRoute({
  method: 'GET',
  path: '/api/piecework/collections/list',
  summary: '交货记录（按日期范围，最多 500 条）',
  tags: ['piecework'],
  auth: 'user',
  roles: ['workshop_head', 'secretary', 'deputy_secretary'],
  query: z.object({ workshopId: uuidSchema, from: dateSchema, to: dateSchema }),
  response: collectionListResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found'],
  handler: async ({ db, session, query }) => {
    const workshop = await loadWorkshop(db, query.workshopId)
    requireWorkshopViewer(session, workshop)
    const rows = await db
      .select()
      .from(pieceCollections)
      .where(
        and(
          eq(pieceCollections.workshopId, workshop.id),
          gte(pieceCollections.collectedOn, query.from),
          lte(pieceCollections.collectedOn, query.to),
        ),
      )
      .orderBy(desc(pieceCollections.collectedOn), desc(pieceCollections.createdAt))
      .limit(500)
    return { collections: rows.map(collectionOut) }
  },
})

export const GET = toWebHandler(route)
