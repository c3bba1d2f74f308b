import { z } from './zod'
import type { ErrorCode } from './errors'
import { shortText, uuidSchema } from './ids'
import { dateKeySchema, daysBetween, monthKeySchema } from './time'

/*
 * 共享菜园 (shared garden): schemas and pure rules.
 *
 * Time: every instant is an integer count of minutes since the Unix epoch ("epoch minutes").
 * Calendar questions (which weekday, which season, "tomorrow") are answered in the garden's own
 * local time, China Standard Time (UTC+8, no daylight saving), so a 7:00 watering shift is 7:00
 * in 菜北社区 whatever the server's zone is.
 */

export const CST_OFFSET_MINUTES = 8 * 60
export const MINUTES_PER_DAY = 24 * 60

export const toEpochMinutes = (date: Date): number => Math.floor(date.getTime() / 60_000)

export interface LocalParts {
  year: number
  /** 1–12 */
  month: number
  day: number
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  weekday: number
  /** minutes after local midnight */
  minuteOfDay: number
}

export function localParts(epochMinutes: number): LocalParts {
  const local = epochMinutes + CST_OFFSET_MINUTES
  const dayIndex = Math.floor(local / MINUTES_PER_DAY)
  const date = new Date(dayIndex * MINUTES_PER_DAY * 60_000)
  const jsDay = date.getUTCDay()
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: jsDay === 0 ? 7 : jsDay,
    minuteOfDay: local - dayIndex * MINUTES_PER_DAY,
  }
}

/** Epoch minutes of a local (CST) wall-clock time. */
export function localToEpochMinutes(year: number, month: number, day: number, minuteOfDay = 0): number {
  return Math.floor(Date.UTC(year, month - 1, day) / 60_000) + minuteOfDay - CST_OFFSET_MINUTES
}

export const localDateKey = (epochMinutes: number): string => {
  const p = localParts(epochMinutes)
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}

export { dateKeySchema, monthKeySchema } from './time'

export function parseDateKey(key: string): { year: number; month: number; day: number } {
  const [y, m, d] = key.split('-').map(Number)
  return { year: y ?? 1970, month: m ?? 1, day: d ?? 1 }
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

// ---------------------------------------------------------------------------------------------
// Seasons: 四季看菜北 — 春播 / 夏长 / 秋收 / 冬藏
// ---------------------------------------------------------------------------------------------

export const seasons = ['spring', 'summer', 'autumn', 'winter'] as const
export const seasonSchema = z.enum(seasons)
export type Season = z.infer<typeof seasonSchema>
export const seasonLabels: Record<Season, string> = { spring: '春播', summer: '夏长', autumn: '秋收', winter: '冬藏' }

/**
 * Meteorological seasons in local time: 春播 March–May, 夏长 June–August, 秋收 September–November,
 * 冬藏 December–February. Winter belongs to the year it starts in: January 2027 is in winter 2026,
 * so a "season" is one unbroken run of months and "this season" never splits at New Year.
 */
export const seasonMonths: Record<Season, readonly number[]> = {
  spring: [3, 4, 5],
  summer: [6, 7, 8],
  autumn: [9, 10, 11],
  winter: [12, 1, 2],
}

export interface SeasonRef {
  season: Season
  /** The year the season starts in. */
  year: number
  /** e.g. "2026-spring" */
  key: string
  label: string
  /** first local day (inclusive) and the first local day after it (exclusive), as YYYY-MM-DD */
  startsOn: string
  endsBefore: string
}

export function seasonOfMonth(year: number, month: number): SeasonRef {
  const season: Season = month >= 3 && month <= 5 ? 'spring' : month >= 6 && month <= 8 ? 'summer' : month >= 9 && month <= 11 ? 'autumn' : 'winter'
  const startYear = season === 'winter' && month <= 2 ? year - 1 : year
  const startMonth = { spring: 3, summer: 6, autumn: 9, winter: 12 }[season]
  const endYear = season === 'winter' ? startYear + 1 : startYear
  const endMonth = season === 'winter' ? 3 : startMonth + 3
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    season,
    year: startYear,
    key: `${startYear}-${season}`,
    label: `${startYear}年${seasonLabels[season]}`,
    startsOn: `${startYear}-${pad(startMonth)}-01`,
    endsBefore: `${endYear}-${pad(endMonth)}-01`,
  }
}

export function seasonOf(epochMinutes: number): SeasonRef {
  const p = localParts(epochMinutes)
  return seasonOfMonth(p.year, p.month)
}

export function seasonOfDateKey(key: string): SeasonRef {
  const { year, month } = parseDateKey(key)
  return seasonOfMonth(year, month)
}

// ---------------------------------------------------------------------------------------------
// Duties → shifts
// ---------------------------------------------------------------------------------------------

export const taskKinds = ['sowing', 'watering', 'weeding', 'fertilising', 'harvesting', 'composting', 'covering', 'gate', 'cleaning', 'sorting'] as const
export const taskKindSchema = z.enum(taskKinds)
export type TaskKind = z.infer<typeof taskKindSchema>
export const taskKindLabels: Record<TaskKind, string> = {
  sowing: '播种',
  watering: '浇水',
  weeding: '除草',
  fertilising: '施肥',
  harvesting: '采收',
  composting: '堆肥',
  covering: '防寒覆盖',
  gate: '门岗值守',
  cleaning: '周末卫生大扫除',
  sorting: '垃圾分类',
}

/** A recurring duty: on the listed ISO weekdays, from startMinute for durationMinutes (local time). */
export interface DutyPattern {
  id: string
  weekdays: readonly number[]
  startMinute: number
  durationMinutes: number
}

export interface ShiftOccurrence {
  dutyId: string
  startMin: number
  endMin: number
}

/**
 * When a duty runs at all: a steward can pause it, keep it to some seasons (7:00 watering is for
 * 春播 and 夏长, not 冬藏), and bound it by dates (both inclusive). Unset means no limit; a duty with
 * no seasons listed runs all year.
 */
export interface DutySchedule {
  paused?: boolean
  seasons?: readonly Season[] | null
  activeFrom?: string | null
  activeUntil?: string | null
}

/** Whether a duty has a shift on local day `dateKey` (its weekday aside). */
export function dutyActiveOn(duty: DutySchedule, dateKey: string): boolean {
  if (duty.paused) return false
  if (duty.activeFrom && dateKey < duty.activeFrom) return false
  if (duty.activeUntil && dateKey > duty.activeUntil) return false
  if (duty.seasons && duty.seasons.length > 0 && !duty.seasons.includes(seasonOfDateKey(dateKey).season)) return false
  return true
}

/** Words for a duty's schedule on the steward's screen, e.g. "春播、夏长 · 3月1日起". */
export function dutyScheduleLabel(duty: DutySchedule): string {
  const parts: string[] = []
  if (duty.paused) parts.push('已暂停')
  if (duty.seasons && duty.seasons.length > 0 && duty.seasons.length < seasons.length) {
    parts.push(seasons.filter((s) => duty.seasons?.includes(s)).map((s) => seasonLabels[s]).join('、'))
  }
  const day = (key: string) => {
    const d = parseDateKey(key)
    return `${d.year}年${d.month}月${d.day}日`
  }
  if (duty.activeFrom && duty.activeUntil) parts.push(`${day(duty.activeFrom)}至${day(duty.activeUntil)}`)
  else if (duty.activeFrom) parts.push(`${day(duty.activeFrom)}起`)
  else if (duty.activeUntil) parts.push(`到${day(duty.activeUntil)}为止`)
  return parts.length === 0 ? '全年' : parts.join(' · ')
}

/** Every occurrence of the duties in a local calendar month, in time order; days a duty is not active on are skipped. */
export function expandDuties(duties: readonly (DutyPattern & DutySchedule)[], year: number, month: number): ShiftOccurrence[] {
  const out: ShiftOccurrence[] = []
  const days = daysInMonth(year, month)
  for (let day = 1; day <= days; day++) {
    const midnight = localToEpochMinutes(year, month, day)
    const weekday = localParts(midnight).weekday
    const key = localDateKey(midnight)
    for (const duty of duties) {
      if (!duty.weekdays.includes(weekday) || !dutyActiveOn(duty, key)) continue
      const startMin = midnight + duty.startMinute
      out.push({ dutyId: duty.id, startMin, endMin: startMin + duty.durationMinutes })
    }
  }
  return out.sort((a, b) => a.startMin - b.startMin || (a.dutyId < b.dutyId ? -1 : a.dutyId > b.dutyId ? 1 : 0))
}

// ---------------------------------------------------------------------------------------------
// Roster
// ---------------------------------------------------------------------------------------------

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
      const reason: ShortReason = available === 0 ? 'no_one_available' : candidates.length === 0 && busyElsewhere > 0 ? 'all_available_booked' : 'not_enough_available'
      short.push({ shiftId: shift.id, reason, capacity: shift.capacity, filled, missing: shift.capacity - filled, available, busyElsewhere })
    }
  }
  return { assignments, short, minutesByPerson: Object.fromEntries(minutes) }
}

// ---------------------------------------------------------------------------------------------
// Sign-up, check-in, swaps
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Points (志愿服务积分)
// ---------------------------------------------------------------------------------------------

export interface PointsRule {
  /** whole points per hour of a completed shift */
  pointsPerHour: number
  /** percentage applied to unpopular shifts: 150 = half as much again */
  unpopularPercent: number
}
export const defaultPointsRule: PointsRule = { pointsPerHour: 10, unpopularPercent: 150 }

export const pointsRuleSchema = z.object({
  pointsPerHour: z.number().int().min(1).max(100),
  unpopularPercent: z.number().int().min(100).max(300),
})

/**
 * Integer points for one shift: minutes × points/hour × percent ÷ 6000, rounded down so a
 * fraction of a point is never created. Only a completed shift earns; a no-show earns nothing.
 */
export function pointsForShift(shift: { minutes: number; unpopular: boolean; outcome: SignupStatus }, rule: PointsRule): number {
  if (shift.outcome !== 'done') return 0
  const percent = shift.unpopular ? rule.unpopularPercent : 100
  return Math.floor((Math.max(0, shift.minutes) * rule.pointsPerHour * percent) / 6000)
}

// ---------------------------------------------------------------------------------------------
// 积分超市: points exchanged for rice, soap, a haircut
// ---------------------------------------------------------------------------------------------

/**
 * The points ledger's kinds. A redemption is a negative entry; cancelling it is a new positive
 * 'refund' entry pointing at it, so points come back without anything being rewritten.
 */
export const pointsEntryKinds = ['shift', 'adjustment', 'redemption', 'refund'] as const
export type PointsEntryKind = (typeof pointsEntryKinds)[number]
export const pointsEntryKindLabels: Record<PointsEntryKind, string> = { shift: '值班', adjustment: '调整', redemption: '兑换', refund: '兑换取消退回' }

/** A balance is the sum of the ledger; never a stored number that could drift from it. */
export const pointsBalance = (entries: readonly { points: number }[]): number => entries.reduce((sum, e) => sum + e.points, 0)

export const redemptionStatuses = ['requested', 'handed_over', 'cancelled'] as const
export type RedemptionStatus = (typeof redemptionStatuses)[number]
export const redemptionStatusLabels: Record<RedemptionStatus, string> = { requested: '待领取', handed_over: '已领取', cancelled: '已取消' }

/**
 * Why a volunteer may not redeem a reward now, or null. The reward must be on offer and in stock,
 * and the balance must cover its points: a balance never goes below zero.
 */
export function redemptionRefusal(input: { balance: number; reward: { points: number; stock: number; active: boolean } }): ErrorCode | null {
  if (!input.reward.active) return 'garden_reward_unavailable'
  if (input.reward.stock <= 0) return 'garden_reward_out_of_stock'
  if (input.balance < input.reward.points) return 'garden_points_insufficient'
  return null
}

/** The steward hands a requested reward over once; handing it over again changes nothing. */
export function handOverVerdict(status: RedemptionStatus): UndoVerdict {
  if (status === 'handed_over') return { kind: 'already' }
  if (status === 'cancelled') return { kind: 'refused', code: 'garden_redemption_cancelled' }
  return { kind: 'go' }
}

/**
 * A redemption not yet handed over can be cancelled by the volunteer who made it or a steward:
 * the points and the stock come back. What was handed over is not taken back here (a steward
 * corrects points with an adjustment). Cancelling twice changes nothing.
 */
export function cancelRedemptionVerdict(input: { status: RedemptionStatus; byOwner: boolean; bySteward: boolean }): UndoVerdict {
  if (!input.byOwner && !input.bySteward) return { kind: 'refused', code: 'forbidden' }
  if (input.status === 'cancelled') return { kind: 'already' }
  if (input.status === 'handed_over') return { kind: 'refused', code: 'garden_redemption_handed_over' }
  return { kind: 'go' }
}

export const MAX_REWARD_POINTS = 10_000
export const MAX_REWARD_STOCK = 1_000

// ---------------------------------------------------------------------------------------------
// Marking a shift done: what it earns
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Harvests: the first harvest of each crop goes to the elderly
// ---------------------------------------------------------------------------------------------

/** Largest single harvest record: 200 kg. A courtyard bed yields a few kilograms at a time. */
export const MAX_HARVEST_GRAMS = 200_000
export const MAX_HARVEST_COUNT = 5_000

export function harvestAmountValid(amount: { grams?: number | undefined; count?: number | undefined }): boolean {
  const gramsOk = amount.grams === undefined || (amount.grams >= 1 && amount.grams <= MAX_HARVEST_GRAMS)
  const countOk = amount.count === undefined || (amount.count >= 1 && amount.count <= MAX_HARVEST_COUNT)
  return gramsOk && countOk && (amount.grams !== undefined || amount.count !== undefined)
}

export const harvestUnits = ['grams', 'count'] as const
export type HarvestUnit = (typeof harvestUnits)[number]
export const harvestUnitLabels: Record<HarvestUnit, string> = { grams: '克', count: '个' }

/**
 * The unit a harvest is shared out in: the one it was logged in. A harvest logged with both a
 * weight and a count is shared by weight (the count only describes it), so two units can never
 * together give away more than was picked.
 */
export const harvestUnit = (harvest: { grams: number | null; count: number | null }): HarvestUnit => (harvest.grams !== null ? 'grams' : 'count')
export const harvestTotal = (harvest: { grams: number | null; count: number | null }): number => harvest.grams ?? harvest.count ?? 0

/** A harvest can be logged on a day up to a year back (a late entry), never on a day to come. */
export const HARVEST_BACKDATE_MAX_DAYS = 366

export function harvestDateRefusal(harvestedOn: string, today: string): ErrorCode | null {
  const age = daysBetween(harvestedOn, today)
  if (age < 0) return 'garden_harvest_date_future'
  if (age > HARVEST_BACKDATE_MAX_DAYS) return 'garden_harvest_date_too_old'
  return null
}

/**
 * Why a batch of shares of one harvest is refused, or null. Every share names one amount, a whole
 * number above zero, in the harvest's own unit; together with what was already given (`given`,
 * in that unit) they never exceed the harvest.
 */
export function shareRefusal(input: {
  harvest: { grams: number | null; count: number | null }
  given: number
  shares: readonly { grams?: number | undefined; count?: number | undefined }[]
}): ErrorCode | null {
  const unit = harvestUnit(input.harvest)
  let total = input.given
  for (const share of input.shares) {
    const amounts = [share.grams, share.count].filter((a): a is number => a !== undefined)
    const amount = amounts[0]
    if (amounts.length !== 1 || amount === undefined || !Number.isInteger(amount) || amount < 1) return 'garden_share_amount_invalid'
    if ((unit === 'grams' ? share.grams : share.count) === undefined) return 'garden_share_wrong_unit'
    total += amount
  }
  return total > harvestTotal(input.harvest) ? 'garden_harvest_over_distributed' : null
}

/**
 * Elderly households that would still have had none of a first harvest once `shares` are given:
 * not among those who already received some of it nor among this batch.
 */
export function elderlyStillWaiting(input: {
  elderlyHouseholdIds: readonly string[]
  receivedHouseholdIds: readonly string[]
  shares: readonly { householdId: string }[]
}): string[] {
  const covered = new Set([...input.receivedHouseholdIds, ...input.shares.map((s) => s.householdId)])
  return input.elderlyHouseholdIds.filter((id) => !covered.has(id))
}

/**
 * Which harvest is the first of its crop in a season: the first one logged, not the one with the
 * earliest date. A harvest's date is typed by the steward; ordering by it would let a small
 * harvest logged later with an earlier date take the "first" place from the real one.
 */
export function firstHarvestIdsByCrop(
  harvests: readonly { id: string; crop: string; createdAt: Date; harvestedOn: string }[],
): Set<string> {
  const inLoggedOrder = [...harvests].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.harvestedOn.localeCompare(b.harvestedOn) || a.id.localeCompare(b.id),
  )
  const seen = new Set<string>()
  const firstIds = new Set<string>()
  for (const harvest of inLoggedOrder) {
    if (!seen.has(harvest.crop)) firstIds.add(harvest.id)
    seen.add(harvest.crop)
  }
  return firstIds
}

/**
 * The courtyard's decision: the first harvest of each crop in a season goes to its elderly
 * households first. Giving any of it to another household while an elderly household has had
 * none of it needs the steward's written reason (shown on the harvest board). Later harvests and
 * a courtyard with no elderly household are not bound by it.
 */
export function firstHarvestRefusal(input: {
  firstOfCrop: boolean
  elderlyHouseholdIds: readonly string[]
  receivedHouseholdIds: readonly string[]
  shares: readonly { householdId: string; elderly: boolean }[]
  reason?: string | null | undefined
}): ErrorCode | null {
  if (!input.firstOfCrop || input.shares.every((s) => s.elderly)) return null
  if (elderlyStillWaiting(input).length === 0) return null
  return (input.reason ?? '').trim() === '' ? 'garden_first_harvest_elderly_first' : null
}

export const distributionPriorities = ['elderly_first_harvest', 'nothing_yet', 'already_received'] as const
export type DistributionPriority = (typeof distributionPriorities)[number]
export const distributionPriorityLabels: Record<DistributionPriority, string> = {
  elderly_first_harvest: '头茬先给老人',
  nothing_yet: '本季还没领过',
  already_received: '本季已领过',
}

export interface DistributionCandidate {
  householdId: string
  label: string
  elderly: boolean
  /** distributions this household has received this season, of any crop */
  receivedThisSeason: number
}

export interface ProposedRecipient extends DistributionCandidate {
  priority: DistributionPriority
}

/**
 * The order a harvest is offered in. For the first harvest of a crop in a season the elderly
 * households come first (those who have had nothing yet ahead of the others); then every
 * household that has received nothing this season; then the rest, fewest received first.
 * Ties by label, then id, so the list is stable.
 */
export function distributionOrder(candidates: readonly DistributionCandidate[], firstHarvestOfCrop: boolean): ProposedRecipient[] {
  const tagged = candidates.map((c): ProposedRecipient => ({
    ...c,
    priority: firstHarvestOfCrop && c.elderly ? 'elderly_first_harvest' : c.receivedThisSeason === 0 ? 'nothing_yet' : 'already_received',
  }))
  const rank = (p: DistributionPriority) => distributionPriorities.indexOf(p)
  return tagged.sort(
    (a, b) =>
      rank(a.priority) - rank(b.priority) ||
      a.receivedThisSeason - b.receivedThisSeason ||
      Number(b.elderly) - Number(a.elderly) ||
      a.label.localeCompare(b.label, 'zh-CN') ||
      (a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : 0),
  )
}

// ---------------------------------------------------------------------------------------------
// API schemas
// ---------------------------------------------------------------------------------------------

const isoInstant = z.iso.datetime({ offset: true })
export const gardenVillageQuery = z.object({ villageId: uuidSchema })
const minuteOfDay = z.number().int().min(0).max(MINUTES_PER_DAY)
const weekday = z.number().int().min(1).max(7)

export const bedSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  areaDm2: z.number().int(),
  positionLabel: z.string(),
  plantings: z.array(
    z.object({ id: uuidSchema, crop: z.string(), sownOn: z.string(), expectedHarvestOn: z.string().nullable(), note: z.string().nullable() }),
  ),
})
export type Bed = z.infer<typeof bedSchema>
export const bedsResponse = z.object({ beds: z.array(bedSchema) })
export const createBedInput = z.object({
  villageId: uuidSchema,
  name: shortText(30),
  // square decimetres: 1 m² = 100 dm²; a bed is at most 100 m²
  areaDm2: z.number().int().min(10).max(10_000),
  positionLabel: shortText(50),
})
export const createPlantingInput = z.object({
  villageId: uuidSchema,
  bedId: uuidSchema,
  crop: shortText(20),
  sownOn: dateKeySchema,
  expectedHarvestOn: dateKeySchema.optional(),
  note: shortText(200).optional(),
})
export const createdResponse = z.object({ id: uuidSchema })

export const taskTemplateSchema = z.object({ id: uuidSchema, season: seasonSchema, kind: taskKindSchema, title: z.string(), note: z.string().nullable() })
export const createTaskTemplateInput = z.object({
  villageId: uuidSchema,
  season: seasonSchema,
  kind: taskKindSchema,
  title: shortText(40),
  note: shortText(200).optional(),
})
export const calendarResponse = z.object({
  today: z.string(),
  current: z.object({ key: z.string(), season: seasonSchema, label: z.string(), startsOn: z.string(), endsBefore: z.string() }),
  seasons: z.array(
    z.object({ season: seasonSchema, label: z.string(), months: z.array(z.number().int()), tasks: z.array(taskTemplateSchema) }),
  ),
  plantings: z.array(z.object({ bedName: z.string(), crop: z.string(), sownOn: z.string(), expectedHarvestOn: z.string().nullable() })),
})

export const dutySchema = z.object({
  id: uuidSchema,
  title: z.string(),
  kind: taskKindSchema,
  weekdays: z.array(weekday),
  startMinute: z.number().int(),
  durationMinutes: z.number().int(),
  capacity: z.number().int(),
  unpopular: z.boolean(),
  paused: z.boolean(),
  /** empty: all year */
  seasons: z.array(seasonSchema),
  activeFrom: z.string().nullable(),
  activeUntil: z.string().nullable(),
})
export type Duty = z.infer<typeof dutySchema>
export const dutiesResponse = z.object({ duties: z.array(dutySchema) })
export const createDutyInput = z
  .object({
    villageId: uuidSchema,
    title: shortText(40),
    kind: taskKindSchema,
    weekdays: z.array(weekday).min(1).max(7),
    startMinute: minuteOfDay,
    durationMinutes: z.number().int().min(15).max(8 * 60),
    capacity: z.number().int().min(1).max(20),
    unpopular: z.boolean().default(false),
    seasons: z.array(seasonSchema).max(4).default([]),
    activeFrom: dateKeySchema.nullable().optional(),
    activeUntil: dateKeySchema.nullable().optional(),
  })
  .refine((d) => d.startMinute + d.durationMinutes <= MINUTES_PER_DAY, { message: '值班不能跨过午夜', path: ['durationMinutes'] })
  .refine((d) => new Set(d.weekdays).size === d.weekdays.length, { message: '星期不能重复', path: ['weekdays'] })
  .refine((d) => new Set(d.seasons).size === d.seasons.length, { message: '季节不能重复', path: ['seasons'] })
  .refine((d) => !d.activeFrom || !d.activeUntil || d.activeFrom <= d.activeUntil, { message: '结束日期不能早于开始日期', path: ['activeUntil'] })

/**
 * Editing a duty: only the fields sent change. It shapes the shifts generated from then on; shifts
 * already made keep their time and capacity (people are booked on them), and a steward calls off
 * any that should not happen.
 */
export const updateDutyInput = z.object({
  villageId: uuidSchema,
  dutyId: uuidSchema,
  title: shortText(40).optional(),
  weekdays: z.array(weekday).min(1).max(7).optional(),
  startMinute: minuteOfDay.optional(),
  durationMinutes: z.number().int().min(15).max(8 * 60).optional(),
  capacity: z.number().int().min(1).max(20).optional(),
  unpopular: z.boolean().optional(),
  paused: z.boolean().optional(),
  seasons: z.array(seasonSchema).max(4).optional(),
  activeFrom: dateKeySchema.nullable().optional(),
  activeUntil: dateKeySchema.nullable().optional(),
})
export const dutyResponse = z.object({ duty: dutySchema })

/** What a duty would look like after an edit, checked as a whole (a field alone can be fine and the pair not). */
export function dutyEditRefusal(duty: {
  weekdays: readonly number[]
  startMinute: number
  durationMinutes: number
  seasons: readonly Season[]
  activeFrom: string | null
  activeUntil: string | null
}): ErrorCode | null {
  if (duty.startMinute + duty.durationMinutes > MINUTES_PER_DAY) return 'garden_duty_time_invalid'
  if (new Set(duty.weekdays).size !== duty.weekdays.length || new Set(duty.seasons).size !== duty.seasons.length) return 'garden_duty_time_invalid'
  if (duty.activeFrom && duty.activeUntil && duty.activeFrom > duty.activeUntil) return 'garden_duty_range_invalid'
  return null
}

export const shiftPersonSchema = z.object({
  signupId: uuidSchema,
  personId: uuidSchema,
  name: z.string(),
  status: signupStatusSchema,
  checkedInAt: z.string().nullable(),
})
export const shiftSchema = z.object({
  id: uuidSchema,
  dutyId: uuidSchema.nullable(),
  title: z.string(),
  kind: taskKindSchema,
  startsAt: isoInstant,
  endsAt: isoInstant,
  date: z.string(),
  capacity: z.number().int(),
  unpopular: z.boolean(),
  people: z.array(shiftPersonSchema),
})
export type Shift = z.infer<typeof shiftSchema>
export const shiftsQuery = z.object({ villageId: uuidSchema, month: monthKeySchema })
export const shiftsResponse = z.object({ month: z.string(), shifts: z.array(shiftSchema) })

export const createShiftInput = z.object({
  villageId: uuidSchema,
  title: shortText(40),
  kind: taskKindSchema,
  startsAt: isoInstant,
  durationMinutes: z.number().int().min(15).max(8 * 60),
  capacity: z.number().int().min(1).max(20),
  unpopular: z.boolean().default(false),
})
export const shiftIdInput = z.object({ villageId: uuidSchema, shiftId: uuidSchema })
export const signupIdInput = z.object({ villageId: uuidSchema, signupId: uuidSchema })
export const signupResponse = z.object({ signupId: uuidSchema, shiftId: uuidSchema, personId: uuidSchema, status: signupStatusSchema })
export const doneResponse = signupResponse.extend({
  pointsAwarded: z.number().int(),
  /** minutes credited towards the hours served (see creditedMinutes) */
  creditedMinutes: z.number().int(),
})
const undoReason = shortText(100)
export const withdrawInput = signupIdInput
export const removeFromShiftInput = z.object({ villageId: uuidSchema, signupId: uuidSchema, reason: undoReason })
export const cancelShiftInput = z.object({ villageId: uuidSchema, shiftId: uuidSchema, reason: undoReason })
export const withdrawResponse = signupResponse.extend({
  withdrawnAt: isoInstant,
  /** free places on the shift once this one is back */
  placesLeft: z.number().int(),
  /** true when the place had already been given back: nothing changed */
  alreadyWithdrawn: z.boolean(),
})
export type WithdrawResult = z.infer<typeof withdrawResponse>
export const cancelShiftResponse = z.object({
  shiftId: uuidSchema,
  cancelledAt: isoInstant,
  reason: z.string(),
  /** places released by this call */
  released: z.number().int(),
  alreadyCancelled: z.boolean(),
})

export const availabilityWindowSchema = z
  .object({ weekday, startMinute: minuteOfDay, endMinute: minuteOfDay })
  .refine((w) => w.endMinute > w.startMinute, { message: '结束时间要晚于开始时间', path: ['endMinute'] })
export const availabilityResponse = z.object({ windows: z.array(z.object({ weekday, startMinute: z.number().int(), endMinute: z.number().int() })) })
export const setAvailabilityInput = z.object({ villageId: uuidSchema, windows: z.array(availabilityWindowSchema).max(21) })

export const generateRosterInput = z.object({ villageId: uuidSchema, month: monthKeySchema, commit: z.boolean().default(false) })
export const rosterResponse = z.object({
  month: z.string(),
  committed: z.boolean(),
  /** shifts this call created (always 0 for a preview, which writes nothing) */
  shiftsCreated: z.number().int(),
  /** shifts of the month not made yet: a preview proposes them, a commit made them */
  shiftsToCreate: z.number().int(),
  assignments: z.array(z.object({ shiftId: uuidSchema, personId: uuidSchema, name: z.string(), startsAt: isoInstant, title: z.string() })),
  short: z.array(
    z.object({
      shiftId: uuidSchema,
      title: z.string(),
      startsAt: isoInstant,
      reason: z.enum(shortReasons),
      reasonLabel: z.string(),
      capacity: z.number().int(),
      filled: z.number().int(),
      missing: z.number().int(),
      available: z.number().int(),
      busyElsewhere: z.number().int(),
    }),
  ),
  hours: z.array(z.object({ personId: uuidSchema, name: z.string(), minutes: z.number().int() })),
})
export type RosterProposal = z.infer<typeof rosterResponse>
export const assignInput = z.object({ villageId: uuidSchema, shiftId: uuidSchema, personId: uuidSchema })

export const swapStatuses = ['pending', 'accepted', 'declined', 'reassigned', 'cancelled'] as const
export const swapSchema = z.object({
  id: uuidSchema,
  signupId: uuidSchema,
  shiftTitle: z.string(),
  startsAt: isoInstant,
  fromPersonId: uuidSchema,
  fromName: z.string(),
  toPersonId: uuidSchema,
  toName: z.string(),
  status: z.enum(swapStatuses),
})
export const swapsResponse = z.object({ swaps: z.array(swapSchema) })
export const requestSwapInput = z.object({ villageId: uuidSchema, signupId: uuidSchema, toPersonId: uuidSchema })
export const respondSwapInput = z.object({ villageId: uuidSchema, swapId: uuidSchema, accept: z.boolean() })
/** A steward taking a place from one volunteer for another says why; the volunteer reads it on their garden home. */
export const reassignInput = z.object({ villageId: uuidSchema, signupId: uuidSchema, toPersonId: uuidSchema, reason: undoReason })
export const swapResponse = z.object({ swapId: uuidSchema.nullable(), signupId: uuidSchema, status: z.enum(swapStatuses), personId: uuidSchema })

export const markAttendanceInput = z.object({
  villageId: uuidSchema,
  signupId: uuidSchema,
  outcome: z.enum(['done', 'no_show']),
  /** the steward vouches for the whole shift: credited with its full length */
  confirmFullShift: z.boolean().default(false),
  /** required to confirm someone who never checked in; the volunteer reads it */
  reason: shortText(100).optional(),
})

export const pointsEntrySchema = z.object({
  id: uuidSchema,
  personId: uuidSchema,
  name: z.string(),
  kind: z.enum(pointsEntryKinds),
  points: z.number().int(),
  reason: z.string(),
  /** minutes credited (shift entries) */
  minutes: z.number().int(),
  /** why a steward confirmed a shift the volunteer never checked in to */
  stewardReason: z.string().nullable(),
  createdAt: isoInstant,
})
export const pointsQuery = z.object({ villageId: uuidSchema })
export const pointsResponse = z.object({
  rule: pointsRuleSchema,
  me: z.object({ points: z.number().int(), minutesServed: z.number().int(), shiftsDone: z.number().int() }),
  entries: z.array(pointsEntrySchema),
  board: z.array(z.object({ personId: uuidSchema, name: z.string(), points: z.number().int(), minutesServed: z.number().int() })),
})
export const setPointsRuleInput = pointsRuleSchema.extend({ villageId: uuidSchema })
export const adjustPointsInput = z.object({
  villageId: uuidSchema,
  personId: uuidSchema,
  delta: z
    .number()
    .int()
    .min(-1000)
    .max(1000)
    .refine((n) => n !== 0, { message: '调整分值不能为0' }),
  reason: shortText(100),
  correctsEntryId: uuidSchema.optional(),
})

export const logHarvestInput = z
  .object({
    villageId: uuidSchema,
    bedId: uuidSchema.optional(),
    crop: shortText(20),
    // Range checked by harvestAmountValid, so a negative or absurd weight gets its own error code.
    grams: z.number().int().min(-1e9).max(1e9).optional(),
    count: z.number().int().min(-1e9).max(1e9).optional(),
    harvestedOn: dateKeySchema,
  })
  .refine((h) => h.grams !== undefined || h.count !== undefined, { message: '请填写重量或数量', path: ['grams'] })
export const harvestSchema = z.object({
  id: uuidSchema,
  crop: z.string(),
  bedName: z.string().nullable(),
  grams: z.number().int().nullable(),
  count: z.number().int().nullable(),
  harvestedOn: z.string(),
  firstOfCrop: z.boolean(),
  unit: z.enum(harvestUnits),
  /** elderly households that have had none of this first harvest yet (0 when not the first) */
  elderlyWaiting: z.number().int(),
  recipients: z.array(
    z.object({
      householdId: uuidSchema,
      label: z.string(),
      elderly: z.boolean(),
      grams: z.number().int().nullable(),
      count: z.number().int().nullable(),
      /** the steward's reason for giving a first harvest here while elderly households were still waiting */
      beyondElderlyReason: z.string().nullable(),
    }),
  ),
})
export const harvestsResponse = z.object({ season: z.string(), harvests: z.array(harvestSchema) })
export const proposalQuery = z.object({ villageId: uuidSchema, harvestId: uuidSchema })
export const proposalResponse = z.object({
  harvestId: uuidSchema,
  crop: z.string(),
  firstOfCrop: z.boolean(),
  unit: z.enum(harvestUnits),
  total: z.number().int(),
  /** still to give, in the harvest's unit */
  remaining: z.number().int(),
  recipients: z.array(
    z.object({
      householdId: uuidSchema,
      label: z.string(),
      elderly: z.boolean(),
      receivedThisSeason: z.number().int(),
      priority: z.enum(distributionPriorities),
      priorityLabel: z.string(),
      alreadyGotThis: z.boolean(),
    }),
  ),
})
export type DistributionProposal = z.infer<typeof proposalResponse>
export const distributeInput = z.object({
  villageId: uuidSchema,
  harvestId: uuidSchema,
  allocations: z
    .array(
      z.object({
        householdId: uuidSchema,
        // Whole numbers only; zero, negative and the wrong unit are refused by shareRefusal with their own codes.
        grams: z.number().int().min(-1e9).max(1e9).optional(),
        count: z.number().int().min(-1e9).max(1e9).optional(),
      }),
    )
    .min(1)
    .max(200),
  /** why part of a first harvest goes beyond the elderly while some have had none (firstHarvestRefusal) */
  reason: shortText(200).optional(),
})
export const distributeResponse = z.object({ harvestId: uuidSchema, recorded: z.number().int() })

export const reminderSchema = z.object({ id: uuidSchema, shiftId: uuidSchema, title: z.string(), body: z.string(), createdAt: isoInstant, sentAt: isoInstant.nullable() })
export const remindersResponse = z.object({ reminders: z.array(reminderSchema) })
export const runRemindersInput = z.object({ villageId: uuidSchema, date: dateKeySchema.optional() })
export const runRemindersResponse = z.object({ forDate: z.string(), created: z.number().int(), sent: z.number().int(), failed: z.number().int() })

export const overviewResponse = z.object({
  season: z.object({ key: z.string(), label: z.string(), season: seasonSchema }),
  isSteward: z.boolean(),
  upcoming: z.array(shiftSchema.extend({ mySignupId: uuidSchema, myStatus: signupStatusSchema })),
  minutesServed: z.number().int(),
  points: z.number().int(),
  pendingSwapsForMe: z.number().int(),
  reminders: z.array(reminderSchema),
  /** My places on shifts still ahead that a steward took back or that were called off, and why. */
  released: z.array(
    z.object({ signupId: uuidSchema, shiftId: uuidSchema, title: z.string(), startsAt: isoInstant, via: z.enum(releaseWays), reason: z.string().nullable() }),
  ),
})
export type GardenOverview = z.infer<typeof overviewResponse>

export const membersResponse = z.object({ members: z.array(z.object({ personId: uuidSchema, name: z.string(), steward: z.boolean() })) })

export const rewardSchema = z.object({ id: uuidSchema, name: z.string(), points: z.number().int(), stock: z.number().int(), active: z.boolean() })
export type Reward = z.infer<typeof rewardSchema>
export const createRewardInput = z.object({
  villageId: uuidSchema,
  name: shortText(30),
  points: z.number().int().min(1).max(MAX_REWARD_POINTS),
  stock: z.number().int().min(0).max(MAX_REWARD_STOCK),
})
export const redemptionSchema = z.object({
  id: uuidSchema,
  rewardId: uuidSchema,
  rewardName: z.string(),
  personId: uuidSchema,
  name: z.string(),
  points: z.number().int(),
  status: z.enum(redemptionStatuses),
  createdAt: isoInstant,
  handedOverAt: isoInstant.nullable(),
  cancelledAt: isoInstant.nullable(),
  cancelReason: z.string().nullable(),
})
export type Redemption = z.infer<typeof redemptionSchema>
export const rewardsResponse = z.object({
  isSteward: z.boolean(),
  balance: z.number().int(),
  rewards: z.array(rewardSchema),
  /** mine; a steward sees everyone's */
  redemptions: z.array(redemptionSchema),
})
export const redeemInput = z.object({ villageId: uuidSchema, rewardId: uuidSchema })
export const redemptionIdInput = z.object({ villageId: uuidSchema, redemptionId: uuidSchema })
export const cancelRedemptionInput = redemptionIdInput.extend({ reason: shortText(100) })
export const redemptionResponse = z.object({
  redemption: redemptionSchema,
  balance: z.number().int(),
  stock: z.number().int(),
  /** true when nothing changed (handed over or cancelled already) */
  already: z.boolean(),
})
