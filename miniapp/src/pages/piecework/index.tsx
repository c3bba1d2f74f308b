import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { WorkshopSummary } from '@shared/piecework'
import { fetchWorkshops } from '@/api/piecework'
import { NavCell, NavList } from '@/components/nav-cell'
import { PageShell } from '@/components/page-shell'
import { pages, pageUrl } from '@/lib/pages'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { LoadState } from '@/components/async-view'

function openWorkshopPage(page: keyof typeof pages.piecework, workshopId: string): void {
  void Taro.navigateTo({ url: pageUrl(pages.piecework[page], { workshopId }) })
}

function WorkshopCard({ workshop }: { workshop: WorkshopSummary }) {
  const open = (page: Parameters<typeof openWorkshopPage>[0]) => openWorkshopPage(page, workshop.id)
  return (
    <View className='xy-card' data-testid={`workshop-${workshop.id}`}>
      <Text className='xy-card__title'>{workshop.name}</Text>
      <Text className='xy-card__text'>{workshop.villageName}</Text>
      <NavList>
        {workshop.isHead && (
          <>
            <NavCell title='交货验收' description='选户、输件数，没网也能记' onClick={() => open('collect')} testId='open-collect' />
            <NavCell title='发料 / 退料' description='按订单给农户发线料、铅坠，可分扎打扎票' onClick={() => open('issue')} />
            <NavCell title='扎票' description='打印扎票二维码标签，看哪些还没收回' onClick={() => open('tickets')} testId='open-tickets' />
            <NavCell title='客户订单' description='订单进度、登记新订单' onClick={() => open('orders')} />
            <NavCell title='加工户' description='按姓名找本村、邻村的农户，加为加工户' onClick={() => open('workers')} testId='open-workers' />
          </>
        )}
        {workshop.myWorkerId === null && (
          <>
            <NavCell title='工资周期与工资单' description='结账、下载 Excel 工资单' onClick={() => open('periods')} />
            <NavCell title='工坊看板' description='每日产量、欠料、集体增收' onClick={() => open('dashboard')} />
          </>
        )}
        {workshop.myWorkerId !== null && (
          <NavCell title='我的计件' description='我的材料、我交的件、我的工资' onClick={() => open('mine')} testId='open-mine' />
        )}
      </NavList>
    </View>
  )
}

export default function WorkshopPage() {
  const loggedIn = useRequireLogin()
  const { state, reload } = useAsync(fetchWorkshops, [], { enabled: loggedIn })
  return (
    <PageShell testId='workshop-page'>
      <Text className='xy-page-title'>微工厂计件</Text>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && state.data.length === 0 && (
        <View className='xy-card'>
          <Text className='xy-card__text'>您家还没有在工坊做活。想在家门口挣计件工资，请找村里的工坊负责人登记。</Text>
        </View>
      )}
      {state.status === 'ready' && state.data.map((workshop) => <WorkshopCard key={workshop.id} workshop={workshop} />)}
    </PageShell>
  )
}
