import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { formatYuan, type StatementPeriod } from '@shared/piecework'
import { fetchStatement } from '@/api/piecework'
import { PageShell } from '@/components/page-shell'
import { ReadAloudButton } from '@/components/read-aloud-button'
import { pressableProps } from '@/lib/a11y'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { MissingWorkshop, PayArithmetic, material, useWorkshopId } from '../ui'
import { myPayReadAloudText } from './read-aloud'
import '../piecework.scss'
import { LoadState } from '@/components/async-view'

/** One period of mine: tap to see how its pay was worked out. */
function MyPeriod({ item, open, onToggle }: { item: StatementPeriod; open: boolean; onToggle: () => void }) {
  const { period } = item
  return (
    <View className='xy-card' data-testid='my-period'>
      <View {...pressableProps('button', { expanded: open })} onClick={onToggle} data-testid='my-period-toggle'>
        <View className='piecework-row'>
          <Text className='xy-card__title'>{period.name}</Text>
          <Text className={item.paid ? 'xy-muted' : 'xy-ok'}>{item.paid ? '已结账' : '进行中'}</Text>
        </View>
        <Text className='xy-card__text'>
          {period.startsOn} 至 {period.endsOn}
        </Text>
        <Text className='xy-card__text'>
          {item.paid ? '实发' : '到现在'} {formatYuan(item.totalFen)} 元　{open ? '收起' : '看怎么算的'}
        </Text>
      </View>
      {open && (
        <>
          <PayArithmetic
            byRate={item.byRate}
            reworkPieces={item.reworkPieces}
            rejectedPieces={item.rejectedPieces}
            adjustments={item.adjustments}
            adjustmentsFen={item.adjustmentsFen}
            totalFen={item.totalFen}
          />
          {item.unratedPieces > 0 && <Text className='xy-card__text'>其中 {item.unratedPieces} 件还没有单价（待定价），定好单价后才算钱。</Text>}
          {!item.paid && <Text className='xy-muted'>这一期还没结账，交了新的件数还会变。</Text>}
        </>
      )}
    </View>
  )
}

export default function MyPieceworkPage() {
  const loggedIn = useRequireLogin()
  const workshopId = useWorkshopId()
  const { state, reload } = useAsync(() => fetchStatement(workshopId ?? ''), [workshopId], { enabled: loggedIn && workshopId !== null })
  const [openPeriod, setOpenPeriod] = useState<string | null>(null)
  if (workshopId === null) return <MissingWorkshop />
  if (state.status !== 'ready') {
    return (
      <PageShell testId='workshop-mine'>
        <LoadState state={state} reload={reload} />
      </PageShell>
    )
  }
  const s = state.data
  return (
    <PageShell testId='workshop-mine'>
      <Text className='xy-page-title'>{s.worker.name}家的计件</Text>
      <ReadAloudButton text={myPayReadAloudText(s)} />
      <Text className='xy-section-title'>我的工资</Text>
      <View className='xy-stat-grid'>
        <View className='xy-stat'>
          <Text className='xy-stat__value'>{formatYuan(s.todayFen)}</Text>
          <Text className='xy-stat__label'>今天（元）</Text>
        </View>
        <View className='xy-stat'>
          <Text className='xy-stat__value'>{formatYuan(s.periodFen)}</Text>
          <Text className='xy-stat__label'>{s.currentPeriod ? `${s.currentPeriod.name}（元）` : '本期（元）'}</Text>
        </View>
        <View className='xy-stat'>
          <Text className='xy-stat__value'>{formatYuan(s.yearFen)}</Text>
          <Text className='xy-stat__label'>今年（元）</Text>
        </View>
      </View>
      {s.adjustments.map((a, index) => (
        <Text key={index} className='xy-card__text'>
          {a.periodName}：{a.reason} {a.amountFen > 0 ? '+' : ''}
          {formatYuan(a.amountFen)} 元
        </Text>
      ))}

      <Text className='xy-section-title'>每一期的工资</Text>
      {s.periods.length === 0 && <Text className='xy-muted'>还没有算过工资的周期</Text>}
      {s.periods.map((item) => (
        <MyPeriod
          key={item.period.id}
          item={item}
          open={openPeriod === item.period.id}
          onToggle={() => setOpenPeriod(openPeriod === item.period.id ? null : item.period.id)}
        />
      ))}

      <Text className='xy-section-title'>我的材料</Text>
      {s.material.length === 0 && <Text className='xy-muted'>还没有领过料</Text>}
      {s.material.map((m) => (
        <View key={`${m.productName}|${m.unit}`} className='xy-card'>
          <Text className='xy-card__title'>
            {m.productName}（{m.materialName}）
          </Text>
          <Text className='xy-card__text'>
            领了 {material(m.issued, m.unit)}，退了 {material(m.returned, m.unit)}，做成件用了 {material(m.used, m.unit)}
          </Text>
          <Text className='xy-card__text'>手上还有 {material(m.outstanding, m.unit)}</Text>
        </View>
      ))}

      <Text className='xy-section-title'>我交的件</Text>
      {s.days.map((d) => (
        <View key={d.day} className='piecework-table-line'>
          <Text>
            {d.day.slice(5)}　合格 {d.accepted}
            {d.rejected > 0 ? `　不合格 ${d.rejected}` : ''}
            {d.rework > 0 ? `　返工 ${d.rework}` : ''}
          </Text>
          <Text>{formatYuan(d.earnedFen)} 元</Text>
        </View>
      ))}
    </PageShell>
  )
}
