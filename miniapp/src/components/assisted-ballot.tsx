import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { MyVote } from '@shared/land'
import { assistRequestLine, ballotLine } from '@shared/votes'

/**
 * A ballot someone else entered for this villager (代为投票), said plainly: who entered it, what,
 * at whose request and when, and — while the motion is open — a button to cast their own instead.
 * Shown on the vote screen and on 我的, so the villager always learns of it.
 */
export function AssistedBallot({ ballot, onChange, changeLabel = '改成我自己的投票' }: { ballot: MyVote; onChange?: () => void; changeLabel?: string }) {
  if (!ballot.assisted || ballot.choice === null) return null
  const line = ballotLine({ choice: ballot.choice, assisted: true, assistedByName: ballot.assistedByName }, ballot.motionOpen)
  return (
    <View className='xy-alert' data-testid='assisted-ballot'>
      <Text className='xy-card__title' data-testid='assisted-ballot-line'>
        {line}
      </Text>
      <Text className='xy-card__text'>
        {assistRequestLine(ballot.requestedBy, ballot.familyMemberName)}
        {ballot.recordedAt ? `，${ballot.recordedAt}` : ''}
        {ballot.assistReason ? `。原因：${ballot.assistReason}` : ''}
      </Text>
      {ballot.motionOpen ? (
        <>
          <Text className='xy-card__text'>如果不是您的意思，表决结束前您可以自己改；您自己投的票，别人不能再改。</Text>
          {onChange && (
            <Button className='xy-full-button' type='primary' onClick={onChange} data-testid='change-assisted-ballot'>
              {changeLabel}
            </Button>
          )}
        </>
      ) : (
        <Text className='xy-card__text'>表决已经结束。</Text>
      )}
    </View>
  )
}
