import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { directoryReaders, hasAnyRole, villageKindLabels } from '@shared/roles'
import type { Membership } from '@shared/auth'
import { ErrorNotice } from '@/components/error-notice'
import { LoadingBlock } from '@/components/loading-block'
import { NavCell, NavList } from '@/components/nav-cell'
import { PageShell } from '@/components/page-shell'
import { RoleTags } from '@/components/role-tags'
import { routes, villagePageUrl } from '@/lib/routes'
import { useMe } from '@/lib/use-session'
import { pressableProps } from '@/lib/a11y'
import './index.scss'

const features = [
  {
    key: 'vote',
    title: '移风易俗奖耕地',
    text: '不办寿宴、升学宴、满月酒的农户，经村民表决获得奖励耕地。',
    url: routes.vote,
  },
  {
    key: 'garden',
    title: '共享菜园',
    text: '春播、夏长、秋收、冬藏，菜园主理人排班值守，头茬菜先送老人。',
    url: routes.garden,
  },
  {
    key: 'workshop',
    title: '微工厂计件',
    text: '工坊分料、农户在家加工，交货验收后按件计酬，多劳多得。',
    url: routes.workshop,
  },
] as const

function VillageCard({ membership }: { membership: Membership }) {
  const open = (page: Parameters<typeof villagePageUrl>[0]) =>
    void Taro.navigateTo({ url: villagePageUrl(page, membership.villageId) })
  return (
    <View className='xy-card' data-testid={`village-${membership.villageId}`}>
      <Text className='xy-card__title'>
        {membership.villageName}
        <Text className='village-kind'>（{villageKindLabels[membership.villageKind]}）</Text>
      </Text>
      <Text className='xy-card__text'>{membership.township}</Text>
      <RoleTags roles={membership.roles} />
      <NavList className='village-links'>
        <NavCell title='村情概况' description='户数、老人户、村干部' onClick={() => open('overview')} />
        <NavCell title='村务记录核验' description='查看记录是否被改动过' onClick={() => open('audit')} />
        {hasAnyRole(membership.roles, directoryReaders) && (
          <NavCell title='花名册' description='按姓名、户号找本村的人和户' onClick={() => open('people')} />
        )}
      </NavList>
    </View>
  )
}

export default function HomePage() {
  const { state, reload } = useMe()

  return (
    <PageShell testId='home-page'>
      {state.status === 'loading' && <LoadingBlock />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          <Text className='xy-page-title' data-testid='home-greeting'>
            {state.data.person.name}，您好！
          </Text>
          <Text className='xy-section-title'>我所在的村（社区）</Text>
          {state.data.memberships.length === 0 && (
            <View className='xy-card'>
              <Text className='xy-card__text'>您还没有加入任何村（社区），请联系村书记。</Text>
            </View>
          )}
          {state.data.memberships.map((membership) => (
            <VillageCard key={membership.villageId} membership={membership} />
          ))}
        </>
      )}
      <Text className='xy-section-title'>村里的事</Text>
      {features.map((feature) => (
        <View
          key={feature.key}
          className='xy-card xy-tappable feature-card'
          data-testid={`feature-${feature.key}`}
          {...pressableProps('button')}
          onClick={() => void Taro.switchTab({ url: feature.url })}
        >
          <Text className='xy-card__title'>{feature.title}</Text>
          <Text className='xy-card__text'>{feature.text}</Text>
        </View>
      ))}
    </PageShell>
  )
}
