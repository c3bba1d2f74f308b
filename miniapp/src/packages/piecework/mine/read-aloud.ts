import type { Statement } from '@shared/piecework'
import { spokenDate, spokenYuan } from '@/lib/spoken'

/** 读给我听 on 我的计件: my pay this period so far, and today's. */
export function myPayReadAloudText(statement: Pick<Statement, 'worker' | 'currentPeriod' | 'periodFen' | 'todayFen' | 'yearFen'>): string {
  const parts = [`${statement.worker.name}家的计件工资。`]
  const period = statement.currentPeriod
  if (period) {
    parts.push(`这一期是${period.name}，从${spokenDate(period.startsOn)}到${spokenDate(period.endsOn)}，到现在是${spokenYuan(statement.periodFen)}。`)
    parts.push(`今天是${spokenYuan(statement.todayFen)}。这一期还没结账，交了新的件数还会变。`)
  } else {
    parts.push(`现在没有正在算的工资周期。今年一共${spokenYuan(statement.yearFen)}。`)
  }
  return parts.join('')
}
