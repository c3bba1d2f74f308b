import type { ErrorCode } from '../errors'
import { z } from '../zod'
import { overlaps } from './roster'

/* A place on a shift: sign-up, check-in, swaps, giving it back, marking it done. */

/** Check-in opens 30 minutes before a shift and closes 60 minutes after it ends. */
export const CHECK_IN_OPENS_BEFORE_MIN = 30
export const CHECK_IN_CLOSES_AFTER_MIN = 60
/** Marking a task done is allowed until 6 hours after the shift ends. */
export const DONE_CLOSES_AFTER_MIN = 6 * 60

export type CheckInVerdict = 'ok' | 'too_early' | 'too_late'
export function checkInVerdict(shift: { startMin: number; endMin: number }, nowMin: number): CheckInVerdict {
  if (nowMin < shift.startMin - CHECK_IN_OPENS_BEFORE_MIN) return 'too_early'
  if (nowMin > shift.endMin + CHECK_IN_CLOSES_AFTER_MIN) return 'too_late'
  return 'ok'
}

export const signupStatuses = ['booked', 'checked_in', 'done', 'no_show', 'withdrawn'] as const
export const signupStatusSchema = z.enum(signupStatuses)
export type SignupStatus = z.infer<typeof signupStatusSchema>
/** How a volunteer came to hold the place: booked it, was put on by the roster or a steward, or took it over in a swap. */
export const signupSources = ['self', 'roster', 'steward', 'swap'] as const
export type SignupSource = (typeof signupSources)[number]
export const signupStatusLabels: Record<SignupStatus, string> = { booked: '已报名', checked_in: '已签到', done: '已完成', no_show: '未到', withdrawn: '已取消' }

/**
 * Whether a sign-up takes up a place on its shift (counts towards capacity, blocks an overlapping
 * booking). A no-show's place was never used; a withdrawn one was given back.
 */
export const holdsPlace = (status: SignupStatus): boolean => status !== 'no_show' && status !== 'withdrawn'
/** The statuses for which `holdsPlace` is true, for database filters. */
export const placeHoldingStatuses = signupStatuses.filter(holdsPlace)

/** Free places on a shift, never below zero whatever the rows say. */
export function placesLeft(capacity: number, statuses: readonly SignupStatus[]): number {
  return Math.max(0, capacity - statuses.filter(holdsPlace).length)
}

/**
 * Why a sign-up for a shift is refused, or null if it may go ahead. `mine` are the person's other
 * bookings (any status except no-show), `filled` the places already taken.
 */
export function signUpRefusal(input: {
  shift: { id: string; startMin: number; endMin: number; capacity: number; cancelled?: boolean }
  filled: number
  alreadyOnShift: boolean
  mine: readonly { shiftId: string; startMin: number; endMin: number }[]
  nowMin: number
}): ErrorCode | null {
  if (input.shift.cancelled) return 'garden_shift_cancelled'
  if (input.nowMin >= input.shift.startMin) return 'garden_shift_closed'
  if (input.alreadyOnShift) return 'garden_already_signed_up'
  if (input.mine.some((m) => m.shiftId !== input.shift.id && overlaps(m, input.shift))) return 'garden_shift_overlap'
  if (input.filled >= input.shift.capacity) return 'garden_shift_full'
  return null
}

/**
 * Whether `fromPersonId` may hand their place on a shift to `toPersonId`. The person taking the
 * place must not already be on it nor be booked on an overlapping shift; started shifts are final.
 */
export function swapRefusal(input: {
  signup: { personId: string; status: SignupStatus }
  shift: { id: string; startMin: number; endMin: number }
  requesterId: string
  toPersonId: string
  toIsMember: boolean
  toBookings: readonly { shiftId: string; startMin: number; endMin: number }[]
  nowMin: number
}): ErrorCode | null {
  if (input.toPersonId === input.signup.personId || input.toPersonId === input.requesterId) return 'garden_swap_self'
  if (input.signup.status === 'withdrawn') return 'garden_signup_withdrawn'
  if (input.signup.status !== 'booked') return 'garden_shift_closed'
  if (input.nowMin >= input.shift.startMin) return 'garden_shift_closed'
  if (!input.toIsMember) return 'garden_swap_target_invalid'
  if (input.toBookings.some((b) => b.shiftId === input.shift.id)) return 'garden_already_signed_up'
  if (input.toBookings.some((b) => overlaps(b, input.shift))) return 'garden_shift_overlap'
  return null
}

// ---------------------------------------------------------------------------------------------
// Giving a place back: a volunteer withdraws, a steward takes someone off, a shift is called off
// ---------------------------------------------------------------------------------------------

export const withdrawWays = ['self', 'steward', 'shift_cancelled'] as const
export type WithdrawWay = (typeof withdrawWays)[number]
export const withdrawWayLabels: Record<WithdrawWay, string> = { self: '本人取消了报名', steward: '主理人把您移出了这个班', shift_cancelled: '这个班取消了' }

/** How a volunteer can lose a place without giving it back themselves: the notice on their garden home says which. */
export const releaseWays = [...withdrawWays, 'reassigned'] as const
export type ReleaseWay = (typeof releaseWays)[number]
export const releaseWayLabels: Record<ReleaseWay, string> = { ...withdrawWayLabels, reassigned: '主理人把这个班改派给了别人' }

/** What to do with a request to undo something: do it, answer that it is already done, or refuse. */
export type UndoVerdict = { kind: 'go' } | { kind: 'already' } | { kind: 'refused'; code: ErrorCode }

/**
 * Whether a place may be given back at `nowMin`. A volunteer may withdraw until the shift starts.
 * A steward may take someone off until the shift ends: a volunteer who phones in sick at the gate
 * should not be left to become a no-show. A checked-in, finished or no-show place is history and
 * stays. Giving back a place already given back is not an error: nothing changes, same answer.
 * No points are involved either way: points come only from a completed shift.
 */
export function withdrawalVerdict(input: {
  by: 'self' | 'steward'
  status: SignupStatus
  shift: { startMin: number; endMin: number; cancelled?: boolean }
  nowMin: number
}): UndoVerdict {
  if (input.status === 'withdrawn') return { kind: 'already' }
  if (input.shift.cancelled) return { kind: 'refused', code: 'garden_shift_cancelled' }
  if (input.by === 'self' && input.nowMin >= input.shift.startMin) return { kind: 'refused', code: 'garden_shift_already_started' }
  if (input.status === 'checked_in') return { kind: 'refused', code: 'garden_already_checked_in' }
  if (input.status !== 'booked' || input.nowMin >= input.shift.endMin) return { kind: 'refused', code: 'garden_shift_closed' }
  return { kind: 'go' }
}

/**
 * Whether a steward may call a shift off at `nowMin`: only before it starts (once people are at
 * work, attendance is what gets recorded). Calling it off twice changes nothing.
 */
export function cancelShiftVerdict(input: { shift: { startMin: number; cancelled: boolean }; nowMin: number }): UndoVerdict {
  if (input.shift.cancelled) return { kind: 'already' }
  if (input.nowMin >= input.shift.startMin) return { kind: 'refused', code: 'garden_shift_already_started' }
  return { kind: 'go' }
}

/**
 * Minutes a completed shift is credited with — the points and the hours the fair roster counts.
 * The time actually worked within the shift: from check-in (or the start, if earlier) to the
 * moment it was marked done (or the end, if later). Arriving early and leaving late earn nothing
 * extra; marking done before the start earns nothing at all. A steward who confirms the shift
 * vouches for the whole of it, so it is credited with its full length. No check-in and no
 * confirmation: no time is known, so none is credited.
 */
export function creditedMinutes(
  shift: { startMin: number; endMin: number },
  checkedInAtMin: number | null,
  doneAtMin: number,
  stewardConfirmed: boolean,
): number {
  const length = Math.max(0, shift.endMin - shift.startMin)
  if (stewardConfirmed) return length
  if (checkedInAtMin === null) return 0
  const from = Math.max(checkedInAtMin, shift.startMin)
  const to = Math.min(doneAtMin, shift.endMin)
  return Math.max(0, Math.min(length, to - from))
}

/**
 * Whether a sign-up may be marked done at `nowMin`, by the volunteer (活干完了) or by a steward.
 * Never before the shift starts. The volunteer must have checked in and may press it until six
 * hours after the end; pressing it again changes nothing. A steward may confirm later, and may
 * confirm someone who never checked in only with a written reason, which the volunteer reads and
 * the log keeps. A place given back, or one already settled (done, no-show) by a steward, stays.
 */
export function doneVerdict(input: {
  by: 'self' | 'steward'
  status: SignupStatus
  shift: { startMin: number; endMin: number }
  nowMin: number
  reason?: string | null | undefined
}): UndoVerdict {
  if (input.status === 'withdrawn') return { kind: 'refused', code: 'garden_signup_withdrawn' }
  if (input.by === 'self') {
    if (input.status === 'done') return { kind: 'already' }
    if (input.status === 'no_show') return { kind: 'refused', code: 'garden_shift_closed' }
    if (input.status !== 'checked_in') return { kind: 'refused', code: 'garden_not_checked_in' }
    if (input.nowMin < input.shift.startMin) return { kind: 'refused', code: 'garden_done_before_start' }
    if (input.nowMin > input.shift.endMin + DONE_CLOSES_AFTER_MIN) return { kind: 'refused', code: 'garden_shift_closed' }
    return { kind: 'go' }
  }
  if (input.status === 'done' || input.status === 'no_show') return { kind: 'refused', code: 'garden_shift_closed' }
  if (input.nowMin < input.shift.startMin) return { kind: 'refused', code: 'garden_done_before_start' }
  if (input.status === 'booked' && (input.reason ?? '').trim() === '') return { kind: 'refused', code: 'garden_done_reason_required' }
  return { kind: 'go' }
}
