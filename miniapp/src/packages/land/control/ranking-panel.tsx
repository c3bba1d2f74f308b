import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { meetingAwardOutcome, moveInOrder, rankingReason, type AwardYear, type Meeting } from '@shared/land'
import { createMotion } from '@/api/land'
import { ConfirmAction, householdFace } from '../ui'

/**
 * More households approved than the land carries (批准了12户，地只够10户): the meeting itself must
 * approve an order, and the first as many as the land carries are awarded. The secretary arranges
 * the proposed order here and puts it to the meeting; once it passes, the screen says who is in.
 */
export function RankingPanel({ awardYear, meeting, onChanged }: { awardYear: AwardYear; meeting: Meeting; onChanged: () => void }) {
  const motions = awardYear.meetings.flatMap((candidate) => candidate.motions)
  const outcome = meetingAwardOutcome(motions, awardYear.capacity)
  const labelOf = (nominationId: string) => awardYear.nominations.find((nomination) => nomination.id === nominationId)
  const [order, setOrder] = useState<string[] | null>(null)
  if (outcome.approved.length <= awardYear.capacity) return null
  const pending = meeting.motions.find((motion) => motion.kind === 'ranking' && motion.status !== 'closed') ?? null
  const proposed = order ?? outcome.approved

  return (
    <View className='xy-card' data-testid='ranking-panel'>
      <Text className='xy-card__title land-block'>获奖排序</Text>
      <Text className='xy-alert land-block' data-testid='ranking-reason'>
        {rankingReason(outcome.approved.length, awardYear.capacity)}
      </Text>
      {outcome.result.ok ? (
        <View className='land-block' data-testid='ranking-outcome'>
          <Text className='land-voted land-block'>排序已表决通过：前{awardYear.capacity}户获奖</Text>
          {outcome.result.awarded.map((id, index) => (
            <Text className='xy-card__text land-block' key={id}>
              第{index + 1}名 {labelOf(id)?.householdLabel ?? ''}
            </Text>
          ))}
          <Text className='xy-card__text land-block' data-testid='ranking-waitlisted'>
            因耕地不足不获奖：{outcome.result.waitlisted.map((id) => labelOf(id)?.householdLabel ?? '').join('、')}
          </Text>
        </View>
      ) : pending ? (
        <Text className='land-pending' data-testid='ranking-pending'>
          排序表决{pending.status === 'open' ? '正在进行' : '已拟好，请在上面点“开始表决”'}。
        </Text>
      ) : meeting.status === 'closed' ? (
        <Text className='xy-alert land-block'>本次会议已散会。排序须另开会议表决通过后，才能公布结果。</Text>
      ) : (
        <>
          {outcome.result.reason === 'ranking_incomplete' && (
            <Text className='xy-alert land-block'>上次通过的排序漏了{outcome.result.missing.length}户，请把全部批准的户重新排序表决。</Text>
          )}
          <Text className='xy-card__text land-block'>拟定的顺序（按评选考核的结果，可上移、下移）：</Text>
          {proposed.map((id, index) => (
            <View className='land-order-row' key={id} data-testid='ranking-row'>
              {index === awardYear.capacity && <Text className='land-cut land-block'>以上{awardYear.capacity}户获奖；以下因耕地不足，不获奖</Text>}
              <Text className='land-person__name'>
                第{index + 1}名 {labelOf(id)?.householdLabel ?? ''}
              </Text>
              {labelOf(id) && <Text className='land-person__meta'>{householdFace(labelOf(id) ?? { headName: null, headAge: null, memberCount: 0 })}</Text>}
              <View className='land-order-row__buttons'>
                <Button
                  className='land-button land-order-button'
                  fill='outline'
                  disabled={index === 0}
                  onClick={() => setOrder(moveInOrder(proposed, index, -1))}
                  data-testid='ranking-up'
                >
                  上移
                </Button>
                <Button
                  className='land-button land-order-button'
                  fill='outline'
                  disabled={index === proposed.length - 1}
                  onClick={() => setOrder(moveInOrder(proposed, index, 1))}
                  data-testid='ranking-down'
                >
                  下移
                </Button>
              </View>
            </View>
          ))}
          <ConfirmAction
            label='把排序提交会议表决'
            question={`按这个顺序拟定排序表决？通过后前${awardYear.capacity}户获奖，第${awardYear.capacity + 1}名起因耕地不足不获奖。`}
            testId='create-ranking'
            run={async () => {
              await createMotion({
                meetingId: meeting.id,
                kind: 'ranking',
                title: `获奖排序：按以上顺序，前${awardYear.capacity}户获奖`,
                candidateIds: proposed,
              })
              setOrder(null)
              onChanged()
            }}
          />
        </>
      )}
    </View>
  )
}
