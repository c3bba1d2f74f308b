import { signupStatusLabels, taskKindLabels, type GardenOverview } from '@shared/garden'
import { localParts, toEpochMinutes } from '@shared/time'
import { spokenClockRange } from '@/lib/spoken'
import { when } from '../ui'

/** 读给我听 on the garden home: my next shift, when, what, and who else is on it. */
export function nextShiftReadAloudText(overview: Pick<GardenOverview, 'upcoming'>): string {
  const [next, ...later] = [...overview.upcoming].sort((a, b) => a.startsAt.localeCompare(b.startsAt))
  if (!next) return '最近没有您的班。可以在值班月历里挑一个有空位的班报名。'
  const w = when(next.startsAt, next.endsAt)
  const minuteOfDay = (instant: string) => localParts(toEpochMinutes(new Date(instant))).minuteOfDay
  const time = spokenClockRange(minuteOfDay(next.startsAt), minuteOfDay(next.endsAt))
  const task = next.title.includes(taskKindLabels[next.kind]) ? next.title : `${next.title}，${taskKindLabels[next.kind]}`
  const others = next.people.filter((p) => p.signupId !== next.mySignupId).map((p) => p.name)
  const parts = [`您的下一个班：${w.date}，${w.weekday}，${time}，${task}。`, `状态：${signupStatusLabels[next.myStatus]}。`]
  if (others.length > 0) parts.push(`同班的有${others.join('、')}。`)
  if (later.length > 0) parts.push(`之后您还有${later.length}个班。`)
  return parts.join('')
}
