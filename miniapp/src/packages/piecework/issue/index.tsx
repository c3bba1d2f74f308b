import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatTicketCode, GRAMS, type CountUnit, type WorkshopDetail } from '@shared/piecework'
import { fetchWorkshopDetail, moveMaterial } from '@/api/piecework'
import { PageShell } from '@/components/page-shell'
import { fieldLabel, pressableProps } from '@/lib/a11y'
import { useAction } from '@/lib/use-action'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { Choice, Choices, MissingWorkshop, openWorkshopPage, useWorkshopId } from '../ui'
import { todayInChina } from '@shared/time'
import '../piecework.scss'
import { LoadState } from '@/components/async-view'
import { refusalLine } from '@/api/api-error'

/** The units the order's product counts material in (its operations'), beside weighing. */
function countUnitsOf(detail: WorkshopDetail, productId: string | undefined): { unit: string; name: string }[] {
  const ops = detail.products.find((p) => p.id === productId)?.operations ?? []
  const units = new Map<string, string>()
  for (const op of ops) if (op.countPerPiece > 0 && op.countUnit) units.set(op.countUnit, op.countMaterialName ?? op.countUnit)
  return [...units].map(([unit, name]) => ({ unit, name }))
}

function IssueForm({ detail }: { detail: WorkshopDetail }) {
  const [workerId, setWorkerId] = useState('')
  const [orderId, setOrderId] = useState(detail.orders[0]?.id ?? '')
  const [kind, setKind] = useState<'issue' | 'return'>('issue')
  const [measure, setMeasure] = useState<string>(GRAMS)
  const [amountText, setAmountText] = useState('')
  const [pieces, setPieces] = useState('')
  const [bundled, setBundled] = useState(false)
  const [bundleOperationId, setBundleOperationId] = useState('')
  const [perBundle, setPerBundle] = useState('')
  const [bundleCount, setBundleCount] = useState('')
  const action = useAction()
  // A refusal for one field says which; any other refusal says what happened.
  const problem = action.error ? refusalLine(action.error) : null
  const busy = action.busy
  const [cut, setCut] = useState<string[]>([])
  const worker = detail.workers.find((w) => w.id === workerId)
  const order = detail.orders.find((o) => o.id === orderId)
  const product = detail.products.find((p) => p.id === order?.productId)
  const countUnits = countUnitsOf(detail, order?.productId)
  const unit = measure === GRAMS || countUnits.some((u) => u.unit === measure) ? measure : GRAMS
  const counted = countUnits.find((u) => u.unit === unit)
  const amountLabel = unit === GRAMS ? '重量（千克）' : `${counted?.name ?? ''}个数（${unit}）`
  // Bundles go to an operation that uses this material, or none.
  const bundleOperations = (product?.operations ?? []).filter((op) =>
    unit === GRAMS ? op.countPerPiece === 0 : op.gramsPerPiece === 0 && (op.countPerPiece === 0 || op.countUnit === unit),
  )
  const bundleOperation = bundleOperations.find((op) => op.id === bundleOperationId) ?? bundleOperations[0]
  const submit = async () => {
    action.clearError()
    setCut([])
    if (!worker) return action.fail('请先选一户')
    const amount = unit === GRAMS ? Math.round(Number(amountText) * 1000) : Number(amountText)
    if (!(amount > 0)) return action.fail(`请填写${amountLabel}`)
    const bundles =
      kind === 'issue' && bundled && bundleOperation
        ? { operationId: bundleOperation.id, piecesPerBundle: Number(perBundle || '0'), count: Number(bundleCount || '0') }
        : undefined
    const answer = await action.run(() =>
      moveMaterial({
        workshopId: detail.workshop.id,
        orderId,
        workerId,
        kind,
        ...(unit === GRAMS ? { grams: amount } : { count: amount, unit: unit as CountUnit }),
        expectedPieces: kind === 'issue' ? Number(pieces || (bundles ? bundles.count * bundles.piecesPerBundle : 0)) : 0,
        movedOn: todayInChina(),
        ...(bundles ? { bundles } : {}),
      }),
    )
    if (answer === null) return
    void Taro.showToast({ title: kind === 'issue' ? '已发料' : '已退料', icon: 'success' })
    setCut(answer.tickets.map((t) => t.code))
    setAmountText('')
    setPieces('')
    setWorkerId('')
  }
  return (
    <>
      {cut.length > 0 && (
        <View className='xy-card' data-testid='tickets-cut'>
          <Text className='xy-card__title'>打好了 {cut.length} 张扎票</Text>
          <Text className='xy-card__text'>{cut.map(formatTicketCode).join('、')}</Text>
          <Button type='primary' onClick={() => openWorkshopPage('tickets', detail.workshop.id, { codes: cut.join(',') })} data-testid='print-cut'>
            打印这些扎票
          </Button>
        </View>
      )}
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
      {countUnits.length > 0 && (
        <>
          <Text className='xy-section-title'>什么材料</Text>
          <Choices label='什么材料'>
            <Choice label={`${product?.materialName ?? '线料'}（称重）`} on={unit === GRAMS} onChoose={() => setMeasure(GRAMS)} testId='measure-grams' />
            {countUnits.map((u) => (
              <Choice key={u.unit} label={`${u.name}（数${u.unit}数）`} on={unit === u.unit} onChoose={() => setMeasure(u.unit)} testId='measure-count' />
            ))}
          </Choices>
        </>
      )}
      <Text>{amountLabel}</Text>
      <Input
        className='piecework-input'
        {...fieldLabel(amountLabel)}
        type={unit === GRAMS ? 'digit' : 'number'}
        value={amountText}
        onInput={(e) => setAmountText(e.detail.value)}
      />
      {kind === 'issue' && (
        <>
          <Text>预计能做多少件</Text>
          <Input className='piecework-input' {...fieldLabel('预计能做多少件')} type='number' value={pieces} onInput={(e) => setPieces(e.detail.value)} />
          <View className='piecework-chips'>
            <View
              className={`piecework-chip${bundled ? ' piecework-chip--on' : ''}`}
              {...pressableProps('checkbox', { checked: bundled })}
              onClick={() => setBundled(!bundled)}
              data-testid='bundle-toggle'
            >
              <Text>{bundled ? '✓ ' : ''}分扎打扎票（每扎一张，收货时扫码）</Text>
            </View>
          </View>
          {bundled && (
            <View className='xy-card'>
              {bundleOperations.length > 1 && (
                <Choices label='扎票的工序'>
                  {bundleOperations.map((op) => (
                    <Choice key={op.id} label={op.name} on={op.id === bundleOperation?.id} onChoose={() => setBundleOperationId(op.id)} />
                  ))}
                </Choices>
              )}
              <Text>每扎几件</Text>
              <Input className='piecework-input' {...fieldLabel('每扎几件')} type='number' value={perBundle} onInput={(e) => setPerBundle(e.detail.value)} />
              <Text>打几张扎票</Text>
              <Input
                className='piecework-input'
                {...fieldLabel('打几张扎票')}
                type='number'
                value={bundleCount}
                onInput={(e) => setBundleCount(e.detail.value)}
              />
            </View>
          )}
        </>
      )}
      {problem && (
        <View className='xy-alert'>
          <Text>{problem}</Text>
        </View>
      )}
      <Button className='xy-full-button' type='primary' size='large' block loading={busy} onClick={() => void submit()} data-testid='issue-submit'>
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
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && <IssueForm detail={state.data} />}
    </PageShell>
  )
}
