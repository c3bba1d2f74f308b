import { objectionHowTo, type NoticePaper } from '@shared/land'
import { spokenDate } from '@/lib/spoken'
import { verdictLine } from '../ui'

/** 读给我听 on the 公示: who is awarded, the verdict, and how and until when to object. */
export function noticeReadAloudText(paper: NoticePaper): string {
  const parts = [`${paper.villageName}${paper.year}年移风易俗先进典型奖励耕地公示。公示到${spokenDate(paper.endsOn)}。`]
  if (paper.awards.length > 0) parts.push(`获奖的有${paper.awards.length}户：${paper.awards.map((award) => award.householdLabel).join('、')}。`)
  for (const motion of paper.motions) parts.push(`${motion.title}，${verdictLine(motion.result, false)}。`)
  parts.push(objectionHowTo(spokenDate(paper.endsOn)))
  return parts.join('')
}
