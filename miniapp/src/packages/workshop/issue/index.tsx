import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { WorkshopDetail } from '@shared/piecework'
import { fetchWorkshopDetail, moveMaterial } from '@/api/piecework'
import { toApiError } from '@/api/api-error'
import { ErrorNotice } from '@/components/error-notice'
import { LoadingBlock } from '@/components/loading-block'
import { PageShell } from '@/components/page-shell'
import { fieldLabel } from '@/lib/a11y'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { Choice, Choices, MissingWorkshop, useWorkshopId } from '../ui'
import { todayInChina } from '@shared/time'
import '../workshop.scss'

function IssueForm({ detail }: { detail: WorkshopDetail }) {
  const [workerId, setWorkerId] = useState('')
  const [orderId, setOrderId] = useState(detail.orders[0]?.id ?? '')
  const [kind, setKind] = useState<'issue' | 'return'>('issue')
  const [kgText, setKgText] = useState('')
  const [pieces, setPieces] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const worker = detail.workers.find((w) => w.id === workerId)
  const submit = async () => {
    setProblem(null)
    const grams = Math.round(Number(kgText) * 1000)
    if (!worker) return setProblem('请先选一户')
    if (!(grams > 0)) return setProblem('请填写重量（公斤）')
    setBusy(true)
    try {
      await moveMaterial({ workshopId: detail.workshop.id, orderId, workerId, kind, grams, expectedPieces: kind === 'issue' ? Number(pieces || '0') : 0, movedOn: todayInChina() })
      void Taro.showToast({ title: kind === 'issue' ? '已发料' : '已退料', icon: 'success' })
      setKgText('')
      setPieces('')
      setWorkerId('')
    } catch (error) {
      const apiError = toApiError(error)
      setProblem(apiError.fields?.[0]?.message ?? apiError.message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <Choices label='发料还是退料'>
        {(['issue', 'return'] as const).map((k) => (
          <Choice key={k} label={k === 'issue' ? '发料（领料）' : '收回余料（退料）'} on={kind === k} onChoose={() => setKind(k)} />
        ))}
      </Choices>
      <Text className='xy-section-title'>哪一户</Text>
      <Choices label='哪一户'>
        {detail.workers.map((w) => (
          <Choice key={w.id} label={w.label ?? w.name} on={w.id === workerId} onChoose={() => setWorkerId(w.id)} />
        ))}
      </Choices>
      <Text className='xy-section-title'>哪个订单</Text>
      <Choices label='哪个订单'>
        {detail.orders.map((o) => (
          <Choice key={o.id} label={`${o.productName}·${o.customer}`} on={o.id === orderId} onChoose={() => setOrderId(o.id)} />
        ))}
      </Choices>
      <Text>重量（公斤）</Text>
      <Input className='ws-input' {...fieldLabel('重量（公斤）')} type='digit' value={kgText} onInput={(e) => setKgText(e.detail.value)} />
      {kind === 'issue' && (
        <>
          <Text>预计能做多少件</Text>
          <Input className='ws-input' {...fieldLabel('预计能做多少件')} type='number' value={pieces} onInput={(e) => setPieces(e.detail.value)} />
        </>
      )}
      {problem && (
        <View className='xy-alert'>
          <Text>{problem}</Text>
        </View>
      )}
      <Button className='xy-full-button' type='primary' size='large' block loading={busy} onClick={() => void submit()}>
        {kind === 'issue' ? `发给${worker?.name ?? '这一户'}` : `收回${worker?.name ?? '这一户'}的余料`}
      </Button>
    </>
  )
}

export default function IssuePage() {
  const loggedIn = useRequireLogin()
  const workshopId = useWorkshopId()
  const { state, reload } = useAsync(() => fetchWorkshopDetail(workshopId ?? ''), [workshopId], { enabled: loggedIn && workshopId !== null })
  if (workshopId === null) return <MissingWorkshop />
  return (
    <PageShell testId='workshop-issue'>
      <Text className='xy-page-title'>发料 / 退料</Text>
      {state.status === 'loading' && <LoadingBlock />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' && <IssueForm detail={state.data} />}
    </PageShell>
  )
}
