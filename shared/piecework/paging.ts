import { uuidSchema } from '../ids'
import { dateKeySchema as dateSchema } from '../time'
import { z } from '../zod'

/* Long lists read page by page, and households found by name. */

/** Collections lists are read page by page; a page holds at most this many rows. */
export const MAX_PAGE_SIZE = 200
export const DEFAULT_PAGE_SIZE = 100

/** Where the next page of collections starts (newest day first, then by id): encoded opaquely by the server. */
export const collectionCursorSchema = z.object({ day: dateSchema, id: uuidSchema })
export type CollectionCursor = z.infer<typeof collectionCursorSchema>

/** A name typed to search households: trimmed, 1–20 characters. */
export const householdSearchQuery = z.object({
  workshopId: uuidSchema,
  q: z.string().trim().min(1, { message: '请输入要找的姓名' }).max(20, { message: '姓名最多 20 个字' }),
})

/** `%` and `_` typed by the head are letters, not LIKE wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
