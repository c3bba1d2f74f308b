import { z } from './zod'

/*
 * The Beijing clock. Every village this product serves keeps China Standard Time (UTC+8, no
 * daylight saving), so "today", the date printed on a notice and every day boundary are read
 * here, once, whatever zone the server or the phone happens to be in.
 */

export const CHINA_UTC_OFFSET_MINUTES = 8 * 60
const OFFSET_MS = CHINA_UTC_OFFSET_MINUTES * 60_000
const DAY_MS = 86_400_000

/** Years a date typed into this product can mean; anything else is a slip of the finger. */
export const EARLIEST_YEAR = 2000
export const LATEST_YEAR = 2100

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/

/** The calendar date (YYYY-MM-DD) in China at an instant. */
export function chinaDateOf(instant: Date | number): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime()
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10)
}

/** Today in China, as a villager reads it off the calendar on the wall. */
export function todayInChina(now: number = Date.now()): string {
  return chinaDateOf(now)
}

/** The instant a China calendar day begins (00:00 Beijing time). */
export function chinaDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS)
}

/** A real calendar day between EARLIEST_YEAR and LATEST_YEAR: 2026-02-30 is not one. */
export function isRealDate(value: string): boolean {
  const match = DATE_KEY.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) return false
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** The one validator of a calendar day on the wire. */
export const dateKeySchema = z.string().regex(DATE_KEY, { message: '日期格式应为 2026-03-30' }).refine(isRealDate, { message: '没有这一天' })

export const monthKeySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 2026-04' })

/** Whole days from a to b (both YYYY-MM-DD), independent of time zones. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS)
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** True when `date` lies within [from, to] (inclusive, YYYY-MM-DD compare as text). */
export function dateWithin(date: string, from: string, to: string): boolean {
  return date >= from && date <= to
}

/** Date and minute in China at an instant ("2026-03-30 02:05"), as a person reads it off a clock. */
export function chinaDateTimeOf(instant: Date | number): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime()
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

/*
 * Minutes on the Beijing clock. Shift times are integer minutes since the Unix epoch ("epoch
 * minutes"); which weekday, which season and "tomorrow" are read in Beijing time, so a 7:00
 * watering shift is 7:00 in the courtyard whatever zone the server is in.
 */
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
  const local = epochMinutes + CHINA_UTC_OFFSET_MINUTES
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

/** Epoch minutes of a Beijing wall-clock time. */
export function localToEpochMinutes(year: number, month: number, day: number, minuteOfDay = 0): number {
  return Math.floor(Date.UTC(year, month - 1, day) / 60_000) + minuteOfDay - CHINA_UTC_OFFSET_MINUTES
}

export const localDateKey = (epochMinutes: number): string => {
  const p = localParts(epochMinutes)
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}

export function parseDateKey(key: string): { year: number; month: number; day: number } {
  const [y, m, d] = key.split('-').map(Number)
  return { year: y ?? 1970, month: m ?? 1, day: d ?? 1 }
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}
