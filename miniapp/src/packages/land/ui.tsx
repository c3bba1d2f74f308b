import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { z } from '@shared/zod'
import { formatMu, type tallySchema } from '@shared/land'
import { branchLeaders, hasAnyRole, type Role } from '@shared/roles'
import { getCachedMe } from '@/lib/session'

type Tally = z.infer<typeof tallySchema>

export const landPages = {
  meeting: '/packages/land/meeting/index',
  vote: '/packages/land/vote/index',
  control: '/packages/land/control/index',
  notice: '/packages/land/notice/index',
  history: '/packages/land/history/index',
  review: '/packages/land/review/index',
  allocation: '/packages/land/allocation/index',
  setup: '/packages/land/setup/index',
} as const

export function openLandPage(page: keyof typeof landPages, params: Record<string, string>): void {
  const query = Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&')
  void Taro.navigateTo({ url: `${landPages[page]}?${query}` })
}

export function rolesIn(villageId: string | null): readonly Role[] {
  const me = getCachedMe()
  return me?.memberships.find((membership) => membership.villageId === villageId)?.roles ?? []
}

export function isLeader(villageId: string | null): boolean {
  return hasAnyRole(rolesIn(villageId), branchLeaders)
}

export const mu = (tenthMu: number) => `${formatMu(tenthMu)}亩`

export function Row({ label, value, testId }: { label: string; value: string | number; testId?: string }) {
  return (
    <View className='land-row' data-testid={testId}>
      <Text>{label}</Text>
      <Text className='land-row__value'>{value}</Text>
    </View>
  )
}

/** The arithmetic of a show-of-hands vote merged with app ballots, as the secretary reads it out. */
export function TallyTable({ tally }: { tally: Tally }) {
  return (
    <View className='xy-card' data-testid='tally'>
      <Row label='应到' value={`${tally.eligible}人`} testId='tally-eligible' />
      <Row label='实到' value={`${tally.present}人（须至少${tally.quorumNeeded}人${tally.quorum ? '，已够' : '，还不够'}）`} testId='tally-present' />
      <Row label='手机已投' value={`${tally.votedInApp}人`} testId='tally-app' />
      <Row label='其中代为投票' value={`${tally.assisted}人（应本人或家属请求，由干部代录）`} testId='tally-assisted' />
      <Row label='最多可举手' value={`${tally.maxHands}人（实到−手机已投）`} testId='tally-max-hands' />
      <Row label='同意' value={`${tally.total.for}人（举手${tally.hands.for}＋手机${tally.app.for}）`} testId='tally-for' />
      <Row label='反对' value={`${tally.total.against}人（举手${tally.hands.against}＋手机${tally.app.against}）`} />
      <Row label='弃权' value={`${tally.total.abstain}人（举手${tally.hands.abstain}＋手机${tally.app.abstain}）`} />
      <Row label='未表态' value={`${tally.notVoting}人（算到会，不算同意）`} />
      <Text className={tally.passed ? 'land-voted' : 'land-not-voted'} data-testid='tally-verdict'>
        {tally.passed
          ? `通过：同意${tally.total.for}人，超过实到${tally.present}人的一半`
          : !tally.quorum
            ? '到会人数不够，表决无效'
            : `未通过：同意${tally.total.for}人，须超过实到${tally.present}人的一半`}
      </Text>
    </View>
  )
}
