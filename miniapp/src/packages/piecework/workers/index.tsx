import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { HouseholdSearchResult } from '@shared/piecework'
import { listLabels } from '@shared/people'
import { addWorker, fetchWorkshopDetail, searchHouseholds } from '@/api/piecework'
import { AsyncView } from '@/components/async-view'
import { PageShell } from '@/components/page-shell'
import { fieldLabel } from '@/lib/a11y'
import { useAction } from '@/lib/use-action'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { MissingWorkshop, useWorkshopId } from '../ui'
import '../piecework.scss'
import { refusalLine } from '@/api/api-error'

/** One household found: village, household and head side by side, so two 王秀英 are told apart. */
function Found({ household, onAdd }: { household: HouseholdSearchResult; onAdd: () => void }) {
  return (
    <View className='xy-card' data-testid='found-household'>
      <Text className='xy-card__title'>
        {household.headName ?? household.label}（{household.villageName}
        {household.fromOtherVillage ? '，邻村' : ''}）
      </Text>
      <Text className='xy-card__text'>
        户：{household.label}　户主：{household.headName ?? '未登记'}
      </Text>
      {household.alreadyWorker ? (
        <Text className='xy-muted' data-testid='already-worker'>
          已是本工坊的加工户
        </Text>
      ) : (
        <Button className='xy-full-button' type='primary' block onClick={onAdd} data-testid='add-worker'>
          加为加工户
        </Button>
      )}
    </View>
  )
}

export default function WorkersPage() {
  const loggedIn = useRequireLogin()
  const workshopId = useWorkshopId()
  const { state, reload } = useAsync(() => fetchWorkshopDetail(workshopId ?? ''), [workshopId], { enabled: loggedIn && workshopId !== null })
  const [q, setQ] = useState('')
  const [found, setFound] = useState<{ households: HouseholdSearchResult[]; more: boolean } | null>(null)
  const action = useAction()
  // A search refused for its words (too short) says which; any other refusal says what happened.
  const problem = action.error ? refusalLine(action.error) : null
  const busy = action.busy
  if (workshopId === null) return <MissingWorkshop />

  const search = async () => {
    const result = await action.run(() => searchHouseholds(workshopId, q))
    if (result) setFound(result)
  }
  const add = async (household: HouseholdSearchResult) => {
    const added = await action.run(() => addWorker({ workshopId, householdId: household.householdId }))
    if (!added) return
    void Taro.showToast({ title: '已加为加工户', icon: 'success' })
    setFound(
      (before) =>
        before && { ...before, households: before.households.map((h) => (h.householdId === household.householdId ? { ...h, alreadyWorker: true } : h)) },
    )
    reload()
  }

  // The roster by household label, numbered if two ever read alike (a fixture without labels).
  const rosterNames = listLabels(state.status === 'ready' ? state.data.workers.map((w) => ({ key: w.id, name: w.label ?? w.name })) : [])

  return (
    <PageShell testId='workshop-workers'>
      <Text className='xy-page-title'>加工户</Text>
      <AsyncView state={state} reload={reload}>
        {(detail) => (
          <>
            <View className='xy-card'>
              <Text className='xy-card__title'>按姓名找一户</Text>
              <Text className='xy-card__text'>可以收{[detail.workshop.villageName, ...detail.neighbourVillages.map((v) => v.name)].join('、')}的农户。</Text>
              <Text>姓名或户名</Text>
              <Input
                className='piecework-input'
                {...fieldLabel('姓名或户名')}
                value={q}
                maxlength={20}
                placeholder='例如：王秀英'
                onInput={(e) => setQ(e.detail.value)}
                onConfirm={() => void search()}
                data-testid='household-query'
              />
              <Button className='xy-full-button' type='primary' block disabled={busy} onClick={() => void search()} data-testid='search-households'>
                查找
              </Button>
            </View>
            {problem && (
              <View className='xy-alert'>
                <Text>{problem}</Text>
              </View>
            )}
            {found && found.households.length === 0 && <Text className='xy-muted'>没有找到叫「{q}」的户。只能找本村和所列邻村的。</Text>}
            {found?.households.map((h) => (
              <Found key={h.householdId} household={h} onAdd={() => void add(h)} />
            ))}
            {found?.more && <Text className='xy-muted'>找到的太多，只显示前 20 户，请把名字写全一些。</Text>}

            <Text className='xy-section-title'>现有加工户（{detail.workers.length} 户）</Text>
            {detail.workers.map((w) => (
              <View key={w.id} className='piecework-table-line' data-testid='worker'>
                <Text>{rosterNames.get(w.id) ?? w.name}</Text>
                <Text className='xy-muted'>{w.villageName}</Text>
              </View>
            ))}
          </>
        )}
      </AsyncView>
    </PageShell>
  )
}
