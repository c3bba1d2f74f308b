import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { directoryRoleLine, type DirectoryPerson } from '@shared/people'
import { fetchDirectory } from '@/api/villages'
import { ErrorNotice } from '@/components/error-notice'
import { PageShell } from '@/components/page-shell'
import { fieldLabel, groupProps, pressableProps } from '@/lib/a11y'
import { useAction } from '@/lib/use-action'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { MissingVillage } from '../missing-village'
import '../village.scss'
import { LoadState } from '@/components/async-view'

/** One person: the label that tells namesakes apart, then household, age and roles spelled out. */
function PersonCard({ person }: { person: DirectoryPerson }) {
  const roles = directoryRoleLine(person.roles)
  const household = person.household
  return (
    <View className='xy-card' data-testid='directory-person'>
      <Text className='vp-person__name' data-testid='directory-person-label'>
        {person.label}
      </Text>
      {household ? (
        <Text className='vp-person__line'>
          {household.label}，{household.isHead ? '户主' : '家人'}，全户{household.memberCount}人
        </Text>
      ) : (
        <Text className='vp-person__line'>没有登记在本村的户里</Text>
      )}
      <Text className='vp-person__line'>
        {person.age}岁（{person.birthYear}年生）
      </Text>
      {(household?.elderly || roles !== '') && (
        <View className='vp-person__tags'>
          {household?.elderly && <Text className='vp-tag vp-tag--elderly'>老年户</Text>}
          {roles !== '' && <Text className='vp-tag'>{roles}</Text>}
        </View>
      )}
    </View>
  )
}

export default function VillagePeoplePage() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const [typed, setTyped] = useState('')
  const [search, setSearch] = useState('')
  const [group, setGroup] = useState<string | null>(null)
  const [more, setMore] = useState<{ people: DirectoryPerson[]; nextCursor: string | null } | null>(null)
  const { busy, error: moreError, run, clearError: clearMoreError } = useAction()
  const { state, reload } = useAsync(
    async () => {
      setMore(null)
      clearMoreError()
      // The answer keeps the search it answers: while the next one loads, the heading still matches the list.
      const page = await fetchDirectory({ villageId: villageId ?? '', q: search, group: group ?? undefined })
      return { ...page, asked: { q: search, group } }
    },
    [villageId, search, group],
    { enabled: loggedIn && villageId !== null },
  )

  if (villageId === null) return <MissingVillage />

  const data = state.status === 'ready' ? state.data : null
  const loadMore = async (cursor: string) => {
    const page = await run(() => fetchDirectory({ villageId, q: data?.asked.q ?? '', group: data?.asked.group ?? undefined, cursor }))
    if (page === null) return
    setMore((before) => ({ people: [...(before?.people ?? []), ...page.people], nextCursor: page.nextCursor }))
  }

  const shown = data ? [...data.people, ...(more?.people ?? [])] : []
  const nextCursor = more ? more.nextCursor : (data?.nextCursor ?? null)

  return (
    <PageShell testId='village-people'>
      <Text className='xy-page-title'>{data ? `${data.villageName}花名册` : '花名册'}</Text>
      <View className='xy-card'>
        <Text className='xy-card__title'>找人、找户</Text>
        <Text className='xy-card__text'>写姓名、户名或户号（门牌），同名的人看组、户号和出生年份分清。</Text>
        <Input
          className='vp-input'
          {...fieldLabel('姓名、户名或户号')}
          value={typed}
          maxlength={20}
          placeholder='例如：包巴特尔 或 12号'
          onInput={(event) => setTyped(event.detail.value)}
          onConfirm={() => setSearch(typed.trim())}
          data-testid='directory-query'
        />
        <Button className='xy-full-button' type='primary' block onClick={() => setSearch(typed.trim())} data-testid='directory-search'>
          查找
        </Button>
      </View>
      {data && data.groups.length > 0 && (
        <View className='vp-chips' {...groupProps('radiogroup', '按组看')}>
          {[null, ...data.groups].map((name) => (
            <View
              key={name ?? 'all'}
              className={name === group ? 'vp-chip vp-chip--on' : 'vp-chip'}
              {...pressableProps('radio', { checked: name === group })}
              onClick={() => setGroup(name)}
              data-testid='directory-group'
            >
              <Text>{name ?? '全部'}</Text>
            </View>
          ))}
        </View>
      )}
      <LoadState state={state} reload={reload} />
      {data && (
        <>
          <Text className='xy-section-title' data-testid='directory-total'>
            {data.asked.q ? `找到${data.total}人` : `共${data.total}人`}
            {data.asked.group ? `（${data.asked.group}）` : ''}
          </Text>
          {data.total === 0 && <Text className='xy-muted'>没有找到「{data.asked.q}」。只能找本村（社区）的人。</Text>}
          {shown.map((person) => (
            <PersonCard key={person.personId} person={person} />
          ))}
          {moreError && <ErrorNotice error={moreError} />}
          {nextCursor && (
            <Button className='xy-full-button' block disabled={busy} onClick={() => void loadMore(nextCursor)} data-testid='directory-more'>
              {busy ? '正在加载…' : `加载更多（还有${data.total - shown.length}人）`}
            </Button>
          )}
        </>
      )}
    </PageShell>
  )
}
