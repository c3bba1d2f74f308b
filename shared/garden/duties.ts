import type { ErrorCode } from '../errors'
import { MINUTES_PER_DAY, daysInMonth, localDateKey, localParts, localToEpochMinutes, parseDateKey } from '../time'
import { z } from '../zod'
import type { Season } from './seasons'
import { seasonLabels, seasonOfDateKey, seasons } from './seasons'

/* Duties (watering, gate duty, …) and the shifts they make: weekdays, seasons, date ranges. */

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
    parts.push(
      seasons
        .filter((s) => duty.seasons?.includes(s))
        .map((s) => seasonLabels[s])
        .join('、'),
    )
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
