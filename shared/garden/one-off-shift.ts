import type { ErrorCode } from '../errors'
import { isRealDate, localToEpochMinutes, MINUTES_PER_DAY, parseDateKey } from '../time'

/* A one-off shift a steward adds by hand (a harvest day, extra watering in a heat wave). */

/** How far ahead a one-off shift may be placed: a little over a year. */
export const ONE_OFF_MAX_AHEAD_DAYS = 400
export const ONE_OFF_DURATIONS = [30, 60, 90, 120, 180, 240] as const
export const MAX_SHIFT_PLACES = 20

/** When a one-off shift may start: after now, within ONE_OFF_MAX_AHEAD_DAYS. */
export function oneOffStartRefusal(startMin: number, nowMin: number): { code: ErrorCode; message: string } | null {
  if (startMin <= nowMin) return { code: 'garden_shift_closed', message: '这个时间已经过去了，请选以后的时间' }
  if (startMin > nowMin + ONE_OFF_MAX_AHEAD_DAYS * MINUTES_PER_DAY) return { code: 'validation_failed', message: '只能安排一年以内的班' }
  return null
}

/** A shift starting at this minute of the Beijing day and lasting this long would end in the next day. */
export function runsPastMidnight(startMinuteOfDay: number, durationMinutes: number): boolean {
  return startMinuteOfDay + durationMinutes > MINUTES_PER_DAY
}

/**
 * A clock time as people type it: "9:30", "9：30", "09:30", "930", "9点", "9点半", "14点15".
 * Minutes of the day, or null when it is not a time.
 */
export function parseClockTime(text: string): number | null {
  const t = text.trim().replace(/：/g, ':').replace(/\s+/g, '')
  const m = /^(\d{1,2})(?::(\d{2})|点(半|(\d{1,2})分?)?|(\d{2}))?$/.exec(t)
  if (!m) return null
  const hour = Number(m[1])
  const minute = m[2] !== undefined ? Number(m[2]) : m[3] === '半' ? 30 : m[4] !== undefined ? Number(m[4]) : m[5] !== undefined ? Number(m[5]) : 0
  if (hour > 23 || minute > 59) return null
  return hour * 60 + minute
}

export type OneOffField = 'date' | 'time' | 'title' | 'places' | 'duration'

export interface OneOffDraft {
  /** YYYY-MM-DD, Beijing */
  date: string
  time: string
  title: string
  places: string
  durationMinutes: number
}

/**
 * What is wrong with a one-off shift as the steward filled it in, field by field (shown beside
 * each field), or the shift's start (epoch minutes) when nothing is. The server applies the same
 * limits (oneOffStartRefusal, the schema's bounds).
 */
export function oneOffProblems(draft: OneOffDraft, nowMin: number): { problems: Partial<Record<OneOffField, string>>; startMin: number | null } {
  const problems: Partial<Record<OneOffField, string>> = {}
  const title = draft.title.trim()
  if (title === '') problems.title = '请写上做什么，如 采收小白菜'
  else if (title.length > 40) problems.title = '不能超过40个字'
  const places = draft.places.trim()
  if (!/^\d+$/.test(places) || Number(places) < 1 || Number(places) > MAX_SHIFT_PLACES) problems.places = `请填1到${MAX_SHIFT_PLACES}之间的人数`
  const minute = parseClockTime(draft.time)
  if (minute === null) problems.time = '请写几点开始，如 9:30 或 14点'
  else if (runsPastMidnight(minute, draft.durationMinutes)) problems.duration = '这么长会过了午夜，请选短一点'
  if (!(ONE_OFF_DURATIONS as readonly number[]).includes(draft.durationMinutes)) problems.duration = '请选多长时间'
  let startMin: number | null = null
  if (!isRealDate(draft.date)) problems.date = '请选一天'
  else if (minute !== null) {
    const { year, month, day } = parseDateKey(draft.date)
    startMin = localToEpochMinutes(year, month, day, minute)
    const refusal = oneOffStartRefusal(startMin, nowMin)
    if (refusal) {
      const dayOver = localToEpochMinutes(year, month, day, MINUTES_PER_DAY) <= nowMin
      if (dayOver) problems.date = '这一天已经过去了，请在月历上选以后的日子'
      else if (refusal.code === 'validation_failed') problems.date = refusal.message
      else problems.time = refusal.message
    }
  }
  return { problems, startMin: Object.keys(problems).length === 0 ? startMin : null }
}
