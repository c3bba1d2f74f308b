import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { adjustPoints, fetchGardenOverview, fetchPoints, setPointsRule } from '@/api/garden'
import { PageShell } from '@/components/page-shell'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { act, hours, Hint } from '../ui'
import { GardenGate } from '../gate'
import { useGardenNames } from '../names'
import '../garden.scss'
import { LoadState } from '@/components/async-view'

function GardenPointsContent() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const [perHour, setPerHour] = useState('')
  const [percent, setPercent] = useState('')
  const [who, setWho] = useState('')
  const [delta, setDelta] = useState('')
  const [reason, setReason] = useState('')
  const { state, reload } = useAsync(
    async () => {
      const [points, overview] = await Promise.all([fetchPoints(villageId ?? ''), fetchGardenOverview(villageId ?? '')])
      return { points, steward: overview.isSteward }
    },
    [villageId],
    { enabled: loggedIn && villageId !== null },
  )
  const nameOf = useGardenNames(loggedIn ? villageId : null)
  const names = nameOf(state.status === 'ready' ? [...state.data.points.board, ...state.data.points.entries] : [])
  if (villageId === null) return <Hint>缺少社区信息，请从“菜园”页进入。</Hint>
  return (
    <PageShell testId='garden-points'>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && (
        <>
          <View className='garden-stats'>
            <View className='garden-stat'>
              <Text className='garden-stat__value' data-testid='garden-points-total'>
                {state.data.points.me.points}
              </Text>
              <Text className='garden-stat__label'>我的积分</Text>
            </View>
            <View className='garden-stat'>
              <Text className='garden-stat__value'>{hours(state.data.points.me.minutesServed)}</Text>
              <Text className='garden-stat__label'>服务小时</Text>
            </View>
            <View className='garden-stat'>
              <Text className='garden-stat__value'>{state.data.points.me.shiftsDone}</Text>
              <Text className='garden-stat__label'>完成的班</Text>
            </View>
          </View>
          <Hint>{`积分规则：签到后、班次时间内每干1小时得${state.data.points.rule.pointsPerHour}分（早到不多算）；冷门班（门岗、大扫除）按${state.data.points.rule.unpopularPercent}%计；没来不得分。积分只加不改，记错了由主理人登记一笔更正。`}</Hint>
          <Text className='xy-section-title'>积分明细</Text>
          <View className='xy-card'>
            {state.data.points.entries.length === 0 && <Text className='xy-card__text'>还没有积分，签到干完活就有了。</Text>}
            {state.data.points.entries.map((e) => (
              <View key={e.id} className='garden-row' data-testid='garden-points-entry'>
                <View className='garden-row__main'>
                  <Text className='garden-row__title'>{state.data.steward ? `${names.get(e.personId) ?? e.name} · ${e.reason}` : e.reason}</Text>
                  <Text className='garden-row__sub'>{e.kind === 'adjustment' ? '主理人调整' : `值班，记${hours(e.minutes)}小时`}</Text>
                  {e.stewardReason !== null && (
                    // Confirmed by a steward without a check-in: the volunteer reads why.
                    <Text className='garden-row__sub' data-testid='garden-points-steward-reason'>
                      没有签到，主理人确认完成。原因：{e.stewardReason}
                    </Text>
                  )}
                </View>
                <Text className={e.points >= 0 ? 'xy-ok' : 'xy-bad'}>{e.points >= 0 ? `+${e.points}` : e.points}</Text>
              </View>
            ))}
          </View>
          <Text className='xy-section-title'>光荣榜</Text>
          <View className='xy-card'>
            {state.data.points.board.slice(0, 15).map((b, i) => (
              <View key={b.personId} className='garden-row'>
                <Text className='garden-row__title'>
                  {i + 1}. {names.get(b.personId) ?? b.name}
                </Text>
                <Text className='garden-row__sub'>
                  {b.points}分 · {hours(b.minutesServed)}小时
                </Text>
              </View>
            ))}
          </View>
          {state.data.steward && (
            <>
              <Text className='xy-section-title'>主理人：积分规则</Text>
              <View className='xy-card'>
                <Input
                  className='garden-input'
                  type='number'
                  placeholder={`每小时几分（现在${state.data.points.rule.pointsPerHour}）`}
                  value={perHour}
                  onInput={(e) => setPerHour(e.detail.value)}
                />
                <Input
                  className='garden-input'
                  type='number'
                  placeholder={`冷门班按百分之几（现在${state.data.points.rule.unpopularPercent}）`}
                  value={percent}
                  onInput={(e) => setPercent(e.detail.value)}
                />
                <Button
                  className='garden-button'
                  type='primary'
                  block
                  onClick={() =>
                    void act(
                      () =>
                        setPointsRule(villageId, {
                          pointsPerHour: Number(perHour || state.data.points.rule.pointsPerHour),
                          unpopularPercent: Number(percent || state.data.points.rule.unpopularPercent),
                        }),
                      '规则已更新',
                      reload,
                    )
                  }
                >
                  保存规则
                </Button>
              </View>
              <Text className='xy-section-title'>主理人：登记一笔更正</Text>
              <View className='xy-card'>
                <View className='garden-shift__actions'>
                  {state.data.points.board.map((b) => (
                    <Text
                      key={b.personId}
                      className={who === b.personId ? 'garden-chip garden-chip--on' : 'garden-chip'}
                      data-testid='garden-points-who'
                      onClick={() => setWho(b.personId)}
                    >
                      {names.get(b.personId) ?? b.name}
                    </Text>
                  ))}
                </View>
                <Input className='garden-input' type='text' placeholder='加几分（扣分写负数，如 -5）' value={delta} onInput={(e) => setDelta(e.detail.value)} />
                <Input className='garden-input' type='text' placeholder='原因（必填）' value={reason} onInput={(e) => setReason(e.detail.value)} />
                {who === '' ? (
                  <Text className='xy-card__text'>先点上面一个名字</Text>
                ) : (
                  <Button
                    className='garden-button'
                    type='primary'
                    block
                    onClick={() => void act(() => adjustPoints(villageId, who, Number(delta), reason), '已登记', reload)}
                  >
                    登记更正
                  </Button>
                )}
              </View>
            </>
          )}
        </>
      )}
    </PageShell>
  )
}

export default function GardenPointsPage() {
  return (
    <GardenGate testId='garden-points'>
      <GardenPointsContent />
    </GardenGate>
  )
}
