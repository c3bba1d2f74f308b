import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { redemptionRefusal, redemptionStatusLabels, type Redemption, type Reward } from '@shared/garden'
import { errorCatalog } from '@shared/errors'
import { cancelRedemption, createReward, fetchRewards, handOverRedemption, redeemReward } from '@/api/garden'
import { PageShell } from '@/components/page-shell'
import { fieldLabel, roleProps } from '@/lib/a11y'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { act, Hint, when } from '../ui'
import { GardenGate } from '../gate'
import '../garden.scss'
import { LoadState } from '@/components/async-view'

const day = (iso: string) => when(iso, iso).date

/** One confirmation, in words: what it costs and what is left. */
async function confirmRedeem(reward: Reward, balance: number): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title: `兑换${reward.name}？`,
    content: `要用${reward.points}分，兑换后还剩${balance - reward.points}分。到菜园找主理人领取。`,
    confirmText: '兑换',
    cancelText: '再想想',
  })
  return confirm
}

export function RewardCard({ reward, balance, onRedeem }: { reward: Reward; balance: number; onRedeem: (reward: Reward) => void }) {
  // The rule the server applies, shown before the tap.
  const refusal = redemptionRefusal({ balance, reward })
  return (
    <View className='garden-row' data-testid='garden-reward' data-reward={reward.name}>
      <View className='garden-row__main'>
        <Text className='garden-row__title'>{reward.name}</Text>
        <Text className='garden-row__sub'>
          {reward.points}分 · 还有{reward.stock}件
        </Text>
        {refusal !== null && (
          <Text className='garden-row__sub'>
            {refusal === 'garden_points_insufficient' ? `还差${reward.points - balance}分` : errorCatalog[refusal].message}
          </Text>
        )}
      </View>
      <Button className='garden-button' type='primary' disabled={refusal !== null} data-testid='garden-redeem' onClick={() => onRedeem(reward)}>
        兑换
      </Button>
    </View>
  )
}

function RedemptionRow({ item, steward, villageId, onChange }: { item: Redemption; steward: boolean; villageId: string; onChange: () => void }) {
  const cancel = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消这次兑换？',
      content: `积分${item.points}分会退回，奖品放回超市。`,
      confirmText: '取消兑换',
      cancelText: '不取消',
    })
    if (confirm) await act(() => cancelRedemption(villageId, item.id, steward ? '主理人取消' : '本人不需要了'), '已取消，积分已退回', onChange)
  }
  return (
    <View className='garden-row' data-testid='garden-redemption' data-status={item.status}>
      <View className='garden-row__main'>
        <Text className='garden-row__title'>
          {steward ? `${item.name}：` : ''}
          {item.rewardName} · {item.points}分
        </Text>
        <Text className='garden-row__sub'>
          {day(item.createdAt)}兑换 · {redemptionStatusLabels[item.status]}
          {item.cancelReason ? `（${item.cancelReason}）` : ''}
        </Text>
      </View>
      {item.status === 'requested' && steward && (
        <Button
          className='garden-button'
          type='success'
          data-testid='garden-hand-over'
          onClick={() => void act(() => handOverRedemption(villageId, item.id), '已交给本人', onChange)}
        >
          已交给本人
        </Button>
      )}
      {item.status === 'requested' && (
        <Button className='garden-button' fill='outline' onClick={() => void cancel()}>
          取消
        </Button>
      )}
    </View>
  )
}

function GardenShopContent() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const [name, setName] = useState('')
  const [points, setPoints] = useState('')
  const [stock, setStock] = useState('')
  const { state, reload } = useAsync(() => fetchRewards(villageId ?? ''), [villageId], { enabled: loggedIn && villageId !== null })
  if (villageId === null) return <Hint>缺少社区信息，请从“菜园”页进入。</Hint>
  const redeem = async (reward: Reward, balance: number) => {
    if (!(await confirmRedeem(reward, balance))) return
    await act(
      () => redeemReward(villageId, reward.id),
      (r) => `兑换成功，还剩${r.balance}分`,
      reload,
    )
  }
  return (
    <PageShell testId='garden-shop'>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && (
        <>
          <View className='xy-card' {...roleProps('status')}>
            <Text className='xy-card__title' data-testid='garden-shop-balance'>
              我的积分：{state.data.balance}分
            </Text>
            <Text className='xy-card__text'>值班挣的积分可以换东西。兑换后到菜园找主理人领取；没领之前可以取消，积分退回。</Text>
          </View>
          <Text className='xy-section-title'>能换什么</Text>
          <View className='xy-card'>
            {state.data.rewards.length === 0 && <Text className='xy-card__text'>超市里还没有东西。</Text>}
            {state.data.rewards
              .filter((r) => r.active)
              .map((r) => (
                <RewardCard key={r.id} reward={r} balance={state.data.balance} onRedeem={(reward) => void redeem(reward, state.data.balance)} />
              ))}
          </View>
          {state.data.isSteward && (
            <>
              <Text className='xy-section-title'>等着领取的</Text>
              <View className='xy-card' data-testid='garden-hand-over-list'>
                {state.data.redemptions.filter((r) => r.status === 'requested').length === 0 && <Text className='xy-card__text'>没有等着领取的兑换。</Text>}
                {state.data.redemptions
                  .filter((r) => r.status === 'requested')
                  .map((r) => (
                    <RedemptionRow key={r.id} item={r} steward villageId={villageId} onChange={reload} />
                  ))}
              </View>
              <Text className='xy-section-title'>上架新奖品</Text>
              <View className='xy-card'>
                <Input
                  className='garden-input'
                  type='text'
                  {...fieldLabel('奖品名称')}
                  placeholder='奖品名称，如 食用盐一袋'
                  value={name}
                  onInput={(e) => setName(e.detail.value)}
                />
                <Input
                  className='garden-input'
                  type='number'
                  {...fieldLabel('要多少分')}
                  placeholder='要多少分'
                  value={points}
                  onInput={(e) => setPoints(e.detail.value)}
                />
                <Input
                  className='garden-input'
                  type='number'
                  {...fieldLabel('有几件')}
                  placeholder='有几件'
                  value={stock}
                  onInput={(e) => setStock(e.detail.value)}
                />
                <Button
                  className='garden-button'
                  type='primary'
                  block
                  onClick={() => void act(() => createReward(villageId, name, Number(points), Number(stock)), '已上架', reload)}
                >
                  上架
                </Button>
              </View>
            </>
          )}
          <Text className='xy-section-title'>{state.data.isSteward ? '全部兑换记录' : '我的兑换'}</Text>
          <View className='xy-card'>
            {state.data.redemptions.length === 0 && <Text className='xy-card__text'>还没有兑换过。</Text>}
            {state.data.redemptions
              .filter((r) => !state.data.isSteward || r.status !== 'requested')
              .map((r) => (
                <RedemptionRow key={r.id} item={r} steward={state.data.isSteward} villageId={villageId} onChange={reload} />
              ))}
          </View>
        </>
      )}
    </PageShell>
  )
}

export default function GardenShopPage() {
  return (
    <GardenGate testId='garden-shop'>
      <GardenShopContent />
    </GardenGate>
  )
}
