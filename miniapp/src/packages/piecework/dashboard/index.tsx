import { Text, View } from '@tarojs/components'
import { formatYuan } from '@shared/piecework'
import { fetchDashboard } from '@/api/piecework'
import { PageShell } from '@/components/page-shell'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { Button } from '@nutui/nutui-react-taro'
import { Bar, MissingWorkshop, material, openWorkshopPage, useWorkshopId } from '../ui'
import '../piecework.scss'
import { LoadState } from '@/components/async-view'

export default function DashboardPage() {
  const loggedIn = useRequireLogin()
  const workshopId = useWorkshopId()
  const { state, reload } = useAsync(() => fetchDashboard(workshopId ?? ''), [workshopId], { enabled: loggedIn && workshopId !== null })
  if (workshopId === null) return <MissingWorkshop />
  if (state.status !== 'ready') {
    return (
      <PageShell testId='workshop-dashboard'>
        <LoadState state={state} reload={reload} />
      </PageShell>
    )
  }
  const board = state.data
  const days = board.outputPerDay.slice(-42)
  const maxDay = Math.max(1, ...days.map((d) => d.accepted))
  const flagged = board.material.filter((m) => m.flagged)
  return (
    <PageShell testId='workshop-dashboard'>
      <Text className='xy-page-title'>{board.workshopName}</Text>
      <View className='xy-stat-grid'>
        <View className='xy-stat'>
          <Text className='xy-stat__value'>{formatYuan(board.income.incomeFen)}</Text>
          <Text className='xy-stat__label'>村集体增收（元）</Text>
        </View>
        <View className='xy-stat'>
          <Text className='xy-stat__value'>{formatYuan(board.income.wagesFen)}</Text>
          <Text className='xy-stat__label'>发给农户的工资（元）</Text>
        </View>
      </View>
      <Text className='xy-muted'>订单收入 {formatYuan(board.income.revenueFen)} 元 − 工资 = 集体增收</Text>

      <Text className='xy-section-title'>每天验收合格件数</Text>
      <View className='xy-card'>
        <View className='piecework-chart' data-testid='output-chart'>
          {days.map((d) => (
            <View key={d.day} className='piecework-chart__col' style={{ height: `${Math.round((d.accepted / maxDay) * 100)}%` }} />
          ))}
        </View>
        <View className='piecework-chart__axis'>
          <Text>{days[0]?.day.slice(5) ?? ''}</Text>
          <Text>最多 {maxDay} 件/天</Text>
          <Text>{days[days.length - 1]?.day.slice(5) ?? ''}</Text>
        </View>
      </View>

      <Text className='xy-section-title'>订单进度</Text>
      {board.orders.map((o) => (
        <View key={o.id} className='xy-card'>
          <Text className='xy-card__title'>{o.customer}</Text>
          <Text className='xy-card__text'>
            {o.productName}，{o.dueOn} 交货
          </Text>
          <Bar value={o.acceptedPieces} max={o.quantity} label={`${o.acceptedPieces} / ${o.quantity} 件`} />
        </View>
      ))}

      <Text className='xy-section-title'>材料：该收回的 {flagged.length} 户</Text>
      {board.material.slice(0, 12).map((m) => (
        <View
          key={`${m.workerId}-${m.productName}-${m.unit}`}
          className={`xy-card${m.flagged ? ' piecework-queue-item--error piecework-queue-item' : ''}`}
          data-testid='material-line'
        >
          <Text className='xy-card__title'>
            {m.workerName} · {m.productName}（{m.materialName}）
          </Text>
          <Text className='xy-card__text'>
            手上还有 {material(m.outstanding, m.unit)}，剩下的活只要 {material(m.openWork, m.unit)}
          </Text>
          {m.flagged && <Text className='xy-bad'>多出的材料请收回</Text>}
        </View>
      ))}

      <Text className='xy-section-title'>扎票</Text>
      <View className='xy-card' data-testid='ticket-summary'>
        <Text className='xy-card__text'>
          发出 {board.tickets.issued} 张，已收回 {board.tickets.collected} 张，还没收回 {board.tickets.open} 张（共 {board.tickets.openPieces} 件）
        </Text>
        <Button type='default' size='small' onClick={() => openWorkshopPage('tickets', workshopId)} data-testid='open-tickets'>
          看扎票、打印标签
        </Button>
      </View>

      <Text className='xy-section-title'>各期工资</Text>
      {board.payPerPeriod.map((p) => (
        <View key={p.periodId} className='piecework-table-line'>
          <Text>
            {p.name}（{p.status === 'closed' ? '已结账' : '进行中'}）
          </Text>
          <Text>{formatYuan(p.totalFen)} 元</Text>
        </View>
      ))}
    </PageShell>
  )
}
