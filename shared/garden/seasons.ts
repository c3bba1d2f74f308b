import { localParts, parseDateKey } from '../time'
import { z } from '../zod'

/* 四季看菜北: the garden's year in four seasons (春播 / 夏长 / 秋收 / 冬藏), read on the Beijing calendar. */

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
