import { performance } from 'node:perf_hooks'
import { expandDuties, generateRoster, type DutyPattern, type RosterVolunteer, type WeeklyWindow } from '../shared/garden'

/*
 * A month's roster for 200 volunteers and 60 shifts a week: 6 daily duties (42) plus 18 weekend
 * ones, capacities 1–4, each volunteer available on 2–5 half-day windows a week, prior hours
 * spread 0–40 h. Goal: under 200 ms per generation.
 */
let seed = 20260330
const rand = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
  return seed / 2 ** 32
}
const pick = (n: number) => Math.floor(rand() * n)

const duties: DutyPattern[] = []
const daily = [
  [7 * 60, 60],
  [8 * 60, 60],
  [10 * 60, 90],
  [14 * 60, 60],
  [16 * 60, 120],
  [18 * 60, 60],
] as const
for (const [i, [start, length]] of daily.entries())
  duties.push({ id: `daily-${i}`, weekdays: [1, 2, 3, 4, 5, 6, 7], startMinute: start, durationMinutes: length })
for (let i = 0; i < 9; i++) duties.push({ id: `weekend-${i}`, weekdays: [6, 7], startMinute: (8 + i) * 60, durationMinutes: 60 + (i % 3) * 30 })
const perWeek = duties.reduce((n, d) => n + d.weekdays.length, 0)

const shifts = expandDuties(duties, 2026, 4).map((o, i) => ({
  id: `shift-${String(i).padStart(4, '0')}`,
  startMin: o.startMin,
  endMin: o.endMin,
  capacity: 1 + pick(4),
  booked: [],
}))
const volunteers: RosterVolunteer[] = Array.from({ length: 200 }, (_, i) => {
  const windows: WeeklyWindow[] = Array.from({ length: 2 + pick(4) }, () => {
    const morning = rand() < 0.5
    return { weekday: 1 + pick(7), startMinute: morning ? 6 * 60 : 13 * 60, endMinute: morning ? 12 * 60 : 22 * 60 }
  })
  return { personId: `person-${String(i).padStart(3, '0')}`, servedMinutes: pick(40) * 60, availability: windows }
})

for (let i = 0; i < 5; i++) generateRoster({ volunteers, shifts })
const runs = 30
const times: number[] = []
let result = generateRoster({ volunteers, shifts })
for (let i = 0; i < runs; i++) {
  const t0 = performance.now()
  result = generateRoster({ volunteers, shifts })
  times.push(performance.now() - t0)
}
times.sort((a, b) => a - b)
const places = shifts.reduce((n, s) => n + s.capacity, 0)
const fmt = (ms: number | undefined) => `${(ms ?? 0).toFixed(2)} ms`
console.log(`garden roster: ${volunteers.length} volunteers, ${perWeek} shifts/week, ${shifts.length} shifts in April 2026, ${places} places`)
console.log(`  assigned ${result.assignments.length}, short shifts ${result.short.length}`)
console.log(
  `  ${runs} runs: median ${fmt(times[Math.floor(runs / 2)])}, p95 ${fmt(times[Math.floor(runs * 0.95)])}, max ${fmt(times[runs - 1])} (goal < 200 ms)`,
)
