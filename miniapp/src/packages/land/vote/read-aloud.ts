import { deedKindLabels, formatMu, type Ballot } from '@shared/land'
import { ballotLine } from '@shared/votes'
import { spokenDate } from '@/lib/spoken'
import { householdFace } from '../ui'

/** 读给我听 on the ballot: what is being voted on, every household on it, and where I stand. */
export function ballotReadAloudText(ballot: Ballot): string {
  const parts = [`${ballot.meetingTitle}。表决事项：${ballot.motionTitle}。`]
  if (ballot.candidates.length > 0) {
    parts.push(`候选户共${ballot.candidates.length}户，每户${formatMu(ballot.perHouseholdTenthMu)}亩。`)
    ballot.candidates.forEach((candidate, index) => {
      const notes = candidate.notes ? `，${candidate.notes}` : ''
      parts.push(
        `第${index + 1}户，${candidate.householdLabel}，${householdFace(candidate)}；事迹：${deedKindLabels[candidate.deedKind]}，${spokenDate(candidate.deedDate)}${notes}。`,
      )
    })
    if (ballot.motionKind === 'whole_list') parts.push(`这次是对这${ballot.candidates.length}户一起表决。`)
  }
  if (ballot.choice !== null) {
    parts.push(`${ballotLine({ choice: ballot.choice, assisted: ballot.assisted, assistedByName: ballot.assistedByName }, ballot.motionOpen)}。`)
    if (ballot.motionOpen) parts.push('表决结束前，您可以更改。')
  } else if (ballot.motionOpen) {
    parts.push('您还没有投票。请在下面选同意、反对或弃权，再点确认投票。')
  } else {
    parts.push('表决已经结束。')
  }
  return parts.join('')
}
