import { z } from './zod'

export const uuidSchema = z.uuid({ message: '编号格式不对' })
/** A short human-friendly text field: trimmed, non-empty, bounded so no request can bloat a row. */
export const shortText = (max = 100) =>
  z
    .string()
    .trim()
    .min(1, { message: '不能为空' })
    .max(max, { message: `不能超过${max}个字` })

/** The answer of a write that has nothing to return but that it happened. */
export const okResponse = z.object({ ok: z.literal(true) })
