import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import {
  checkCollection,
  checkInPeriod,
  checkOrderLimit,
  checkTicketEntry,
  formatTicketCode,
  GRAMS,
  noMaterialWarning,
  operationMaterial,
  orderArithmetic,
  orderCountDelta,
  parseTicketCode,
  piecesMade,
  ticketCollectedMessage,
  type Ticket,
  type Worker,
  type WorkshopDetail,
} from '@shared/piecework'
import { lookupTicket } from '@/api/piecework'
import { toApiError } from '@/api/api-error'
import { PageShell } from '@/components/page-shell'
import { groupProps, pressableProps } from '@/lib/a11y'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { loadDetail } from '../detail-cache'
import { enqueue, loadQueue, newClientId, removeEntry, syncQueue, watchNetwork, type QueuedEntry } from '../offline-queue'
import { TicketScanPanel } from '../scan/panel'
import { applyKey, Choice, Choices, Keypad, MissingWorkshop, scrollToId, useWorkshopId, workerLabels } from '../ui'
import { todayInChina } from '@shared/time'
import '../piecework.scss'
import { LoadState } from '@/components/async-view'

type Field = 'accepted' | 'rejected' | 'rework'
const FIELD_LABELS: Record<Field, string> = { accepted: '合格', rejected: '不合格', rework: '返工' }
const REASONS = ['网眼不匀', '破洞', '尺寸不对', '线头没收']
const OVER_ORDER_REASONS = ['客户追加了数量', '补前面不合格的', '留作备货']

/** Pieces already counted against the order at this operation: the server's count plus what waits in the queue. */
function countedBefore(detail: WorkshopDetail, queue: QueuedEntry[], orderId: string, operationId: string): number {
  const stored = detail.orders.find((o) => o.id === orderId)?.countedByOperation.find((c) => c.operationId === operationId)?.counted ?? 0
  const queued = queue
    .filter((q) => q.status === 'pending' && q.entry.orderId === orderId && q.entry.operationId === operationId)
    .reduce(
      (sum, q) =>
        sum +
        orderCountDelta({ accepted: q.entry.accepted, rejected: q.entry.rejected, rework: q.entry.rework ?? 0, reworkReturn: q.entry.reworkReturn ?? false }),
      0,
    )
  return stored + queued
}

/** What the household holds for the operation once the queue's waiting entries are counted: the shared rule's input. */
function materialFor(detail: WorkshopDetail, queue: QueuedEntry[], workerId: string, orderId: string, operationId: string) {
  const order = detail.orders.find((o) => o.id === orderId)
  const product = detail.products.find((p) => p.id === order?.productId)
  const operation = product?.operations.find((o) => o.id === operationId)
  const usage = operation ? operationMaterial(operation) : null
  if (!product || !operation || !usage) return null
  const onHand = detail.material.find((m) => m.workerId === workerId && m.productId === product.id && m.unit === usage.unit)
  let queued = 0
  for (const q of queue) {
    if (q.status !== 'pending' || q.entry.workerId !== workerId) continue
    const op = product.operations.find((o) => o.id === q.entry.operationId)
    const use = op ? operationMaterial(op) : null
    if (use && use.unit === usage.unit)
      queued +=
        piecesMade({ accepted: q.entry.accepted, rejected: q.entry.rejected, rework: q.entry.rework ?? 0, reworkReturn: q.entry.reworkReturn ?? false }) *
        use.perPiece
  }
  return {
    perPiece: usage.perPiece,
    netIssued: onHand?.netIssued ?? 0,
    alreadyUsed: (onHand?.used ?? 0) + queued,
    toleranceBp: detail.workshop.toleranceBp,
    materialName: usage.unit === GRAMS ? product.materialName : (operation.countMaterialName ?? product.materialName),
    operationName: operation.name,
  }
}

/** "待同步 2 条 · 需要处理 1 条": waiting entries and refused ones are never counted together. */
export function queueHeadline(queue: readonly QueuedEntry[]): string {
  const pending = queue.filter((q) => q.status === 'pending').length
  const refused = queue.length - pending
  if (queue.length === 0) return '全部已同步'
  return [pending > 0 ? `待同步 ${pending} 条` : '', refused > 0 ? `需要处理 ${refused} 条` : ''].filter(Boolean).join(' · ')
}

function QueuePanel({
  queue,
  onSync,
  onRemove,
  onFix,
  syncing,
}: {
  queue: QueuedEntry[]
  onSync: () => void
  onRemove: (id: string) => void
  onFix: (item: QueuedEntry) => void
  syncing: boolean
}) {
  const pending = queue.filter((q) => q.status === 'pending').length
  return (
    <View className='xy-card' data-testid='sync-queue'>
      <View className='piecework-row'>
        <Text className='xy-card__title' data-testid='queue-count'>
          {queueHeadline(queue)}
        </Text>
        {pending > 0 && (
          <Button type='primary' size='small' loading={syncing} onClick={onSync} data-testid='sync-now'>
            立即同步
          </Button>
        )}
      </View>
      {queue.map((item) => (
        <View
          key={item.entry.clientId}
          className={`xy-card piecework-queue-item${item.status === 'error' ? ' piecework-queue-item--error' : ''}`}
          data-testid='queue-item'
          data-status={item.status}
        >
          {item.status === 'error' && <Text className='piecework-badge'>需要处理</Text>}
          <Text className='xy-card__text'>{item.label}</Text>
          {item.status === 'pending' && <Text className='xy-muted'>等网络好了自动上传</Text>}
          {item.status === 'error' && (
            <>
              <Text className='xy-bad' data-testid='queue-error'>
                没有登记上：{item.message}
              </Text>
              <View className='piecework-row'>
                <Button type='primary' size='small' onClick={() => onFix(item)} data-testid='queue-fix'>
                  修改后重记
                </Button>
                <Button type='default' size='small' onClick={() => onRemove(item.entry.clientId)} data-testid='queue-discard'>
                  删除这条
                </Button>
              </View>
            </>
          )}
        </View>
      ))}
    </View>
  )
}

type Draft = QueuedEntry['entry']

function CollectForm(props: {
  detail: WorkshopDetail
  workshopId: string
  queue: QueuedEntry[]
  /** Tickets this phone has synced as collected (the cached detail still lists them as open). */
  takenTickets: ReadonlySet<string>
  /** An entry the server refused, back in the form to be fixed. */
  draft: Draft | null
  onQueued: () => void
}) {
  const { detail, workshopId, queue, takenTickets, draft, onQueued } = props
  const [worker, setWorker] = useState<Worker | null>(() => detail.workers.find((w) => w.id === draft?.workerId) ?? null)
  const [orderId, setOrderId] = useState(draft?.orderId ?? detail.orders[0]?.id ?? '')
  const order = detail.orders.find((o) => o.id === orderId)
  const operations = detail.products.find((p) => p.id === order?.productId)?.operations ?? []
  const [operationId, setOperationId] = useState(draft?.operationId ?? '')
  const effectiveOperationId = operations.some((o) => o.id === operationId) ? operationId : (operations[0]?.id ?? '')
  const typedDraft = (n: number | undefined) => (n ? String(n) : '')
  const [values, setValues] = useState<Record<Field, string>>({
    accepted: typedDraft(draft?.accepted),
    rejected: typedDraft(draft?.rejected),
    rework: typedDraft(draft?.rework),
  })
  const [active, setActive] = useState<Field>('accepted')
  const [reason, setReason] = useState(draft?.rejectReason ?? '')
  const [reworkReturn, setReworkReturn] = useState(draft?.reworkReturn ?? false)
  const [problem, setProblem] = useState<string | null>(null)
  const [overOrder, setOverOrder] = useState(false)
  const [overOrderReason, setOverOrderReason] = useState('')
  const [ticket, setTicket] = useState<Ticket | null>(() => detail.openTickets.find((t) => t.code === draft?.ticketCode) ?? null)
  const [scanProblem, setScanProblem] = useState<string | null>(null)
  const [looking, setLooking] = useState(false)

  // A new step starts at its top: the household's name and any warning about it come first.
  const chosenId = worker?.id ?? null
  const names = workerLabels(detail.workers)
  useEffect(() => {
    scrollToId(chosenId ? 'collect-top' : scanProblem ? 'scan-problem' : 'scan-top')
  }, [chosenId, scanProblem])

  const reset = () => {
    setOverOrder(false)
    setOverOrderReason('')
    setWorker(null)
    setValues({ accepted: '', rejected: '', rework: '' })
    setActive('accepted')
    setReason('')
    setReworkReturn(false)
    setProblem(null)
    setTicket(null)
    setScanProblem(null)
  }

  /** A scanned or typed ticket: the server's word when online, the phone's copy without a network. */
  const takeTicket = async (text: string) => {
    setScanProblem(null)
    const code = parseTicketCode(text)
    if (code === null) return setScanProblem('这不是扎票的二维码，请对准扎票上的二维码再扫，或输入扎票上的号码')
    if (queue.some((q) => q.entry.ticketCode === code && q.status === 'pending')) {
      return setScanProblem(`扎票 ${formatTicketCode(code)} 刚才已经记下了，正在等待同步，一张扎票只能收一次`)
    }
    setLooking(true)
    let found: Ticket | null = null
    try {
      found = await lookupTicket(workshopId, code)
    } catch (error) {
      const apiError = toApiError(error)
      if (apiError.code !== 'network_error' && apiError.status !== 0) {
        setLooking(false)
        return setScanProblem(apiError.message)
      }
      if (takenTickets.has(code)) {
        setLooking(false)
        return setScanProblem(`扎票 ${formatTicketCode(code)} 已经收过了，一张扎票只能收一次`)
      }
      found = detail.openTickets.find((t) => t.code === code) ?? null
      if (!found) {
        setLooking(false)
        return setScanProblem(`现在没有网络，手机上也没有扎票 ${formatTicketCode(code)}。请有网时再扫，或按户手动登记`)
      }
    }
    setLooking(false)
    if (found.collected) return setScanProblem(ticketCollectedMessage(found))
    const household = detail.workers.find((w) => w.id === found.workerId)
    if (!household) return setScanProblem(`扎票 ${formatTicketCode(code)} 的加工户不在这台手机的名单里，请刷新后再扫`)
    setTicket(found)
    setWorker(household)
    setOrderId(found.orderId)
    setOperationId(found.operationId)
    setReworkReturn(false)
    setValues({ accepted: String(found.pieces), rejected: '', rework: '' })
    setActive('accepted')
  }

  if (!worker) {
    return (
      <View id='scan-top'>
        <Text className='xy-section-title'>有扎票的，扫一下</Text>
        {scanProblem && (
          <View className='xy-alert' data-testid='scan-problem' id='scan-problem'>
            <Text>{scanProblem}</Text>
          </View>
        )}
        <TicketScanPanel onText={(text) => void takeTicket(text)} busy={looking} />
        <Text className='xy-section-title'>第一步：选交货的户</Text>
        <View className='piecework-chips' {...groupProps('group', '交货的户')}>
          {detail.workers.map((w) => (
            <View key={w.id} className='piecework-chip' {...pressableProps('button')} onClick={() => setWorker(w)} data-testid='household'>
              <Text>{names.get(w.id) ?? w.name}</Text>
            </View>
          ))}
        </View>
      </View>
    )
  }

  const count = (field: Field) => Number(values[field] || '0')
  const typed = { accepted: count('accepted'), rejected: count('rejected'), rework: count('rework'), reworkReturn }
  const before = countedBefore(detail, queue, orderId, effectiveOperationId)
  // The same rule and the same words as the server's refusal, shown while the head types.
  const arithmetic = order
    ? orderArithmetic({ quantity: order.quantity, countedBefore: before, adding: orderCountDelta(typed), toleranceBp: detail.workshop.orderToleranceBp })
    : null
  const overRefusal = order
    ? checkOrderLimit({ quantity: order.quantity, countedBefore: before, entry: typed, toleranceBp: detail.workshop.orderToleranceBp })
    : null
  const noPeriod = checkInPeriod(detail.periods, todayInChina())
  const unpriced = operations.find((o) => o.id === effectiveOperationId)?.currentRateFen === null
  // The server's material rule, on the phone: said as soon as the household is chosen, before any count.
  const onHand = reworkReturn ? null : materialFor(detail, queue, worker.id, orderId, effectiveOperationId)
  const noMaterial = onHand ? noMaterialWarning({ ...onHand, householdName: worker.name }) : null
  const done = () => {
    const entry = {
      clientId: newClientId(),
      workerId: worker.id,
      orderId,
      operationId: effectiveOperationId,
      collectedOn: todayInChina(),
      accepted: count('accepted'),
      rejected: count('rejected'),
      rework: count('rework'),
      rejectReason: count('rejected') > 0 ? reason : undefined,
      reworkReturn,
      overOrder: overRefusal !== null && overOrder,
      overOrderReason: overRefusal !== null && overOrder ? overOrderReason : undefined,
      ticketCode: ticket?.code,
    }
    if (entry.accepted + entry.rejected + entry.rework === 0) return setProblem('请至少填一件')
    if (entry.rejected > 0 && !reason) return setProblem('有不合格的件，请选原因')
    const ticketRefusal = ticket ? checkTicketEntry(ticket, { ...entry, reworkReturn }) : null
    if (ticketRefusal) return setProblem(ticketRefusal.message)
    const materialRefusal = onHand ? checkCollection({ entry: { ...entry, reworkReturn }, ...onHand, openReworkPieces: 0 }) : null
    if (materialRefusal?.code === 'piecework_over_collection') return setProblem(materialRefusal.message)
    if (overRefusal && !overOrder) return setProblem(overRefusal.message)
    if (overRefusal && overOrder && !overOrderReason) return setProblem('选了「超出订单」，请选为什么多收')
    const label = `${names.get(worker.id) ?? worker.name}：合格 ${entry.accepted}，不合格 ${entry.rejected}，返工 ${entry.rework}${reworkReturn ? '（返工交回）' : ''}${ticket ? `（扎票 ${formatTicketCode(ticket.code)}）` : ''}`
    const invalid = enqueue(workshopId, entry, label)
    if (invalid) return setProblem(invalid)
    void Taro.showToast({ title: '已记下', icon: 'success', duration: 1200 })
    reset()
    onQueued()
  }

  return (
    <View data-testid='collect-form' id='collect-top'>
      <View className='piecework-row'>
        <Text className='xy-page-title'>{names.get(worker.id) ?? worker.name}</Text>
        <Button type='default' size='small' onClick={reset}>
          换一户
        </Button>
      </View>
      {ticket ? (
        <View className='xy-card' data-testid='ticket-entry'>
          <Text className='xy-card__title'>
            扎票 <Text className='piecework-nowrap'>{formatTicketCode(ticket.code)}</Text>：{ticket.operationName} {ticket.pieces} 件
          </Text>
          <Text className='xy-card__text'>
            {ticket.productName}·{ticket.customer}。不合格或要返工的，点那一栏改件数，合计不超过 {ticket.pieces} 件。
          </Text>
        </View>
      ) : (
        <>
          <Choices label='哪个订单'>
            {detail.orders.map((o) => (
              <Choice key={o.id} label={`${o.productName}·${o.customer}`} on={o.id === orderId} onChoose={() => setOrderId(o.id)} />
            ))}
          </Choices>
          {operations.length > 1 && (
            <Choices label='哪道工序'>
              {operations.map((op) => (
                <Choice key={op.id} label={op.name} on={op.id === effectiveOperationId} onChoose={() => setOperationId(op.id)} />
              ))}
            </Choices>
          )}
        </>
      )}
      {noMaterial && (
        <View className='xy-alert' data-testid='no-material'>
          <Text>{noMaterial}</Text>
        </View>
      )}
      <View className='piecework-fields' {...groupProps('radiogroup', '数字键输入到哪一栏')}>
        {(Object.keys(FIELD_LABELS) as Field[]).map((field) => (
          <View
            key={field}
            className={`piecework-field${active === field ? ' piecework-field--on' : ''}`}
            {...pressableProps('radio', { checked: active === field })}
            onClick={() => setActive(field)}
            data-testid={`field-${field}`}
          >
            <Text className='piecework-field__label'>{FIELD_LABELS[field]}</Text>
            <Text className='piecework-field__value'>{values[field] || '0'}</Text>
          </View>
        ))}
      </View>
      <Keypad onKey={(key) => setValues((v) => ({ ...v, [active]: applyKey(v[active], key) }))} />
      {count('rejected') > 0 && (
        <Choices label='不合格的原因'>
          {REASONS.map((r) => (
            <Choice key={r} label={r} on={reason === r} onChoose={() => setReason(r)} />
          ))}
        </Choices>
      )}
      {!ticket && (
        <View className='piecework-chips'>
          <View
            className={`piecework-chip${reworkReturn ? ' piecework-chip--on' : ''}`}
            {...pressableProps('checkbox', { checked: reworkReturn })}
            onClick={() => setReworkReturn(!reworkReturn)}
          >
            <Text>{reworkReturn ? '✓ ' : ''}这是返工后交回的件</Text>
          </View>
        </View>
      )}
      {arithmetic && (
        <Text className={overRefusal ? 'xy-bad' : 'xy-card__text'} data-testid='order-arithmetic'>
          {arithmetic.text}
        </Text>
      )}
      {overRefusal && (
        <View className='xy-alert' data-testid='over-order'>
          <Text>{overRefusal.message}</Text>
          <View className='piecework-chips'>
            <View
              className={`piecework-chip${overOrder ? ' piecework-chip--on' : ''}`}
              {...pressableProps('checkbox', { checked: overOrder })}
              onClick={() => setOverOrder(!overOrder)}
              data-testid='over-order-toggle'
            >
              <Text>{overOrder ? '✓ ' : ''}超出订单</Text>
            </View>
          </View>
          {overOrder && (
            <Choices label='为什么多收'>
              {OVER_ORDER_REASONS.map((r) => (
                <Choice key={r} label={r} on={overOrderReason === r} onChoose={() => setOverOrderReason(r)} />
              ))}
            </Choices>
          )}
        </View>
      )}
      {noPeriod && (
        <View className='xy-alert' data-testid='no-period'>
          <Text>{noPeriod.message}</Text>
        </View>
      )}
      {unpriced && (
        <View className='xy-alert'>
          <Text>这道工序今天还没有计件单价，登记会被退回，请先定好单价。</Text>
        </View>
      )}
      {problem && (
        <View className='xy-alert'>
          <Text>{problem}</Text>
        </View>
      )}
      <Button className='xy-full-button' type='primary' size='large' block onClick={done} data-testid='collect-done'>
        完成，记下
      </Button>
    </View>
  )
}

export default function CollectPage() {
  const loggedIn = useRequireLogin()
  const workshopId = useWorkshopId()
  const { state, reload } = useAsync(() => loadDetail(workshopId ?? ''), [workshopId], { enabled: loggedIn && workshopId !== null })
  const [queue, setQueue] = useState<QueuedEntry[]>(() => (workshopId ? loadQueue(workshopId) : []))
  const [syncing, setSyncing] = useState(false)
  const [takenTickets, setTakenTickets] = useState<ReadonlySet<string>>(new Set())
  const [draft, setDraft] = useState<{ entry: Draft; key: number } | null>(null)

  const sync = useCallback(async () => {
    if (!workshopId) return
    setQueue(loadQueue(workshopId))
    if (!loadQueue(workshopId).some((q) => q.status === 'pending')) return
    setSyncing(true)
    try {
      const { ticketCodes } = await syncQueue(workshopId)
      if (ticketCodes.length > 0) setTakenTickets((before) => new Set([...before, ...ticketCodes]))
    } finally {
      setSyncing(false)
      setQueue(loadQueue(workshopId))
    }
  }, [workshopId])

  useEffect(() => {
    void sync()
    const stop = watchNetwork(() => void sync())
    // A network that comes back without telling us is caught by a gentle retry.
    const timer = setInterval(() => void sync(), 15_000)
    return () => {
      stop()
      clearInterval(timer)
    }
  }, [sync])

  if (workshopId === null) return <MissingWorkshop />
  return (
    <PageShell testId='workshop-collect'>
      <QueuePanel
        queue={queue}
        syncing={syncing}
        onSync={() => void sync()}
        onRemove={(id) => {
          removeEntry(workshopId, id)
          setQueue(loadQueue(workshopId))
        }}
        onFix={(item) => {
          // Back into the form with a new client id: the refused one was never stored.
          removeEntry(workshopId, item.entry.clientId)
          setQueue(loadQueue(workshopId))
          setDraft({ entry: item.entry, key: Date.now() })
        }}
      />
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && (
        <>
          {state.data.stale && (
            <View className='xy-alert'>
              <Text>现在没有网络，可以照常登记，有网后自动上传。</Text>
            </View>
          )}
          <CollectForm
            key={draft?.key ?? 0}
            detail={state.data.detail}
            workshopId={workshopId}
            queue={queue}
            takenTickets={takenTickets}
            draft={draft?.entry ?? null}
            onQueued={() => {
              setDraft(null)
              void sync()
            }}
          />
        </>
      )}
    </PageShell>
  )
}
