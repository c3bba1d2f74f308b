import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { directoryReaders, hasAnyRole, villageKindLabels } from '@shared/roles'
import type { Me, Membership } from '@shared/auth'
import { ApiError, NETWORK_ERROR_MESSAGE } from '@/api/api-error'
import { ErrorNotice } from '@/components/error-notice'
import { LoadingBlock } from '@/components/loading-block'
import { NavCell, NavList } from '@/components/nav-cell'
import { PageShell } from '@/components/page-shell'
import { RoleTags } from '@/components/role-tags'
import { routes, villagePageUrl } from '@/lib/routes'
import { getCachedMe, getStoredMe } from '@/lib/session'
import { useMe } from '@/lib/use-session'
import { useSlow } from '@/lib/use-slow'
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
    key: 'piecework',
    title: '微工厂计件',
    text: '工坊分料、农户在家加工，交货验收后按件计酬，多劳多得。',
    url: routes.piecework,
  },
] as const

function VillageCard({ membership }: { membership: Membership }) {
  const open = (page: Parameters<typeof villagePageUrl>[0]) => void Taro.navigateTo({ url: villagePageUrl(page, membership.villageId) })
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
        {hasAnyRole(membership.roles, directoryReaders) && <NavCell title='花名册' description='按姓名、户号找本村的人和户' onClick={() => open('people')} />}
      </NavList>
    </View>
  )
}

/** A request that has not answered after a few seconds reads as the network it most likely is. */
const stillWaiting = new ApiError('network_error', NETWORK_ERROR_MESSAGE, 0)

function Profile({ me }: { me: Me }) {
  return (
    <>
      <Text className='xy-page-title' data-testid='home-greeting'>
        {me.person.name}，您好！
      </Text>
      <Text className='xy-section-title'>我所在的村（社区）</Text>
      {me.memberships.length === 0 && (
        <View className='xy-card'>
          <Text className='xy-card__text'>您还没有加入任何村（社区），请联系村书记。</Text>
        </View>
      )}
      {me.memberships.map((membership) => (
        <VillageCard key={membership.villageId} membership={membership} />
      ))}
    </>
  )
}

export default function HomePage() {
  const { state, reload } = useMe()
  // What an earlier visit kept: shown at once, and kept on screen when the network is away.
  const [kept] = useState(() => getCachedMe() ?? getStoredMe())
  const slow = useSlow(state.status === 'loading')
  const shown = state.status === 'ready' ? state.data : kept
  const problem = state.status === 'error' ? state.error : slow ? stillWaiting : null

  return (
    <PageShell testId='home-page'>
      {problem !== null && (
        <View data-testid='home-offline'>
          <ErrorNotice error={problem} onRetry={reload} />
          {shown !== null && <Text className='xy-muted'>下面是上次打开时的信息，可能不是最新的。</Text>}
        </View>
      )}
      {shown === null && problem === null && <LoadingBlock />}
      {shown !== null && <Profile me={shown} />}
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
