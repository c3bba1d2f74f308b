import { MINUTES_PER_DAY, localParts } from '../time'
import type { LocalParts } from '../time'

/* The month roster: fair by hours served, deterministic, never double-booking. */

/** A weekly availability window in local time: weekday 1–7, [startMinute, endMinute). */
export interface WeeklyWindow {
  weekday: number
  startMinute: number
  endMinute: number
}

export interface RosterVolunteer {
  personId: string
  /** Minutes already served (completed shifts) before this roster; fairness counts hours, not shifts. */
  servedMinutes: number
  availability: readonly WeeklyWindow[]
}

export interface RosterShift {
  id: string
  startMin: number
  endMin: number
  capacity: number
  /** People already signed up (by themselves or by hand); they keep their places. */
  booked: readonly string[]
  /** People who gave a place on this shift back (withdrew or were taken off); never put back on it. */
  declined?: readonly string[]
}

/** Existing bookings on shifts outside this roster that still block a person (no double-booking). */
export interface BusyInterval {
  personId: string
  startMin: number
  endMin: number
}

export const shortReasons = ['no_one_available', 'all_available_booked', 'not_enough_available'] as const
export type ShortReason = (typeof shortReasons)[number]
export const shortReasonLabels: Record<ShortReason, string> = {
  no_one_available: '这个时段没有人有空',
  all_available_booked: '有空的人都已排了同一时间的其他班',
  not_enough_available: '有空的人比需要的人数少',
}

export interface ShortShift {
  shiftId: string
  reason: ShortReason
  capacity: number
  filled: number
  missing: number
  /** volunteers whose availability covers the shift */
  available: number
  /** of those, how many were blocked by an overlapping booking */
  busyElsewhere: number
}

export interface RosterResult {
  assignments: { shiftId: string; personId: string }[]
  short: ShortShift[]
  /** Minutes each volunteer will have served once the roster is worked (served + held + assigned here). */
  minutesByPerson: Record<string, number>
}

export function windowCovers(windows: readonly WeeklyWindow[], startMin: number, endMin: number, startParts?: LocalParts): boolean {
  const start = startParts ?? localParts(startMin)
  const length = endMin - startMin
  // A shift that crosses local midnight is never covered by a single weekday window.
  if (start.minuteOfDay + length > MINUTES_PER_DAY) return false
  return windows.some((w) => w.weekday === start.weekday && w.startMinute <= start.minuteOfDay && start.minuteOfDay + length <= w.endMinute)
}

export const overlaps = (a: { startMin: number; endMin: number }, b: { startMin: number; endMin: number }): boolean =>
  a.startMin < b.endMin && b.startMin < a.endMin

/** FNV-1a: a stable tie-break that varies per shift, so ties do not always favour the same person. */
function tieHash(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

/**
 * Fills open places greedily in time order: for each shift the free, available volunteers with
 * the fewest minutes so far get the places (ties broken by a stable hash of person and shift,
 * then by id). Deterministic for the same input, whatever order volunteers are listed in.
 * Never exceeds a shift's capacity and never gives a person two overlapping shifts.
 */
export function generateRoster(input: {
  volunteers: readonly RosterVolunteer[]
  shifts: readonly RosterShift[]
  busy?: readonly BusyInterval[]
}): RosterResult {
  const shifts = [...input.shifts].sort((a, b) => a.startMin - b.startMin || a.endMin - b.endMin || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const volunteers = [...input.volunteers].sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0))
  const minutes = new Map<string, number>()
  const intervals = new Map<string, { startMin: number; endMin: number }[]>()
  for (const v of volunteers) {
    minutes.set(v.personId, v.servedMinutes)
    intervals.set(v.personId, [])
  }
  const block = (personId: string, startMin: number, endMin: number) => {
    const list = intervals.get(personId)
    if (list) list.push({ startMin, endMin })
    else intervals.set(personId, [{ startMin, endMin }])
  }
  for (const b of input.busy ?? []) block(b.personId, b.startMin, b.endMin)
  for (const s of shifts) {
    for (const personId of s.booked) {
      block(personId, s.startMin, s.endMin)
      // Places already held this month count towards fairness like the ones handed out here.
      const held = minutes.get(personId)
      if (held !== undefined) minutes.set(personId, held + s.endMin - s.startMin)
    }
  }

  const assignments: RosterResult['assignments'] = []
  const short: ShortShift[] = []
  for (const shift of shifts) {
    const onShift = new Set(shift.booked)
    const declined = new Set(shift.declined ?? [])
    const open = Math.max(0, shift.capacity - onShift.size)
    let available = 0
    let busyElsewhere = 0
    const candidates: { personId: string; minutes: number; tie: number }[] = []
    const startParts = localParts(shift.startMin)
    for (const v of volunteers) {
      if (!windowCovers(v.availability, shift.startMin, shift.endMin, startParts)) continue
      available += 1
      if (onShift.has(v.personId) || declined.has(v.personId)) continue
      const clash = (intervals.get(v.personId) ?? []).some((iv) => overlaps(iv, shift))
      if (clash) {
        busyElsewhere += 1
        continue
      }
      candidates.push({ personId: v.personId, minutes: minutes.get(v.personId) ?? 0, tie: tieHash(`${v.personId}|${shift.id}`) })
    }
    if (open > 0) {
      candidates.sort((a, b) => a.minutes - b.minutes || a.tie - b.tie || (a.personId < b.personId ? -1 : 1))
      const length = shift.endMin - shift.startMin
      for (const chosen of candidates.slice(0, open)) {
        assignments.push({ shiftId: shift.id, personId: chosen.personId })
        minutes.set(chosen.personId, chosen.minutes + length)
        block(chosen.personId, shift.startMin, shift.endMin)
      }
    }
    const filled = onShift.size + Math.min(open, candidates.length)
    if (filled < shift.capacity) {
      const reason: ShortReason =
        available === 0 ? 'no_one_available' : candidates.length === 0 && busyElsewhere > 0 ? 'all_available_booked' : 'not_enough_available'
      short.push({ shiftId: shift.id, reason, capacity: shift.capacity, filled, missing: shift.capacity - filled, available, busyElsewhere })
    }
  }
  return { assignments, short, minutesByPerson: Object.fromEntries(minutes) }
}
