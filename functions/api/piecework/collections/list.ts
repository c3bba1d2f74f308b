import { and, desc, eq, gte, lte, sql } from 'drizzle-orm'
import { bundleTickets, pieceCollections } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { collectionCursorSchema, collectionListQuery, collectionListResponse, type CollectionCursor } from '../../../../shared/piecework'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { collectionOut, loadWorkshop } from '../../../queries/piecework'
import { workshopViewers } from '../../../../shared/roles'

// Opaque to the app: it only hands back what the last page gave it.
export function encodeCursor(cursor: CollectionCursor): string {
  return Buffer.from(`${cursor.day}|${cursor.id}`, 'utf8').toString('base64url')
}

export function decodeCursor(text: string): CollectionCursor {
  const [day, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|')
  const parsed = collectionCursorSchema.safeParse({ day, id })
  if (!parsed.success || rest.length > 0) throw new AppError('piecework_bad_cursor')
  return parsed.data
}

export const route = defineRoute({
  method: 'GET',
  path: '/api/piecework/collections/list',
  summary: '交货记录（按日期范围，分页：新的日子在前，同一天按编号；nextCursor 为 null 时已到最后一页）；更正是单独一条，链接到原记录，件数为改动量',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopViewers,
  query: collectionListQuery,
  response: collectionListResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'piecework_bad_cursor'],
  handler: async ({ authorize, db, query }) => {
    const workshop = await loadWorkshop(db, query.workshopId)
    authorize(workshop.villageId)
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor)
    // (day, id) is unique and never changes, so a row inserted between two pages cannot shift
    // the rows already read: each row is on exactly one page.
    const rows = await db
      .select({ collection: pieceCollections, ticketCode: bundleTickets.code })
      .from(pieceCollections)
      .leftJoin(bundleTickets, eq(bundleTickets.id, pieceCollections.ticketId))
      .where(
        and(
          eq(pieceCollections.workshopId, workshop.id),
          gte(pieceCollections.collectedOn, query.from),
          lte(pieceCollections.collectedOn, query.to),
          after ? sql`(${pieceCollections.collectedOn}, ${pieceCollections.id}) < (${after.day}::date, ${after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(desc(pieceCollections.collectedOn), desc(pieceCollections.id))
      .limit(query.limit + 1)
    const page = rows.slice(0, query.limit)
    const last = page[page.length - 1]
    return {
      collections: page.map((row) => collectionOut(row.collection, row.ticketCode)),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ day: last.collection.collectedOn, id: last.collection.id }) : null,
    }
  },
})

export const GET = toWebHandler(route)
