import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import { correctionText, earlyCloseNotice, formatTicketCode, formatYuan, type Collection, type Period, type Worker } from '@shared/piecework'
import {
  closePeriod,
  correctCollection,
  createAdjustment,
  createPeriod,
  downloadPaySheet,
  fetchCollectionsPage,
  fetchPaySheet,
  fetchWorkshopDetail,
} from '@/api/piecework'
import { newClientId } from '../offline-queue'
import { toApiError, refusalLine } from '@/api/api-error'
import { LoadingBlock } from '@/components/loading-block'
import { PageShell } from '@/components/page-shell'
import { fieldLabel, pressableProps } from '@/lib/a11y'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { Choice, Choices, MissingWorkshop, PayArithmetic, Yuan, useWorkshopId } from '../ui'
import { todayInChina } from '@shared/time'
import '../piecework.scss'
import { LoadState } from '@/components/async-view'

function NewPeriod({ workshopId, lastEndsOn, onDone }: { workshopId: string; lastEndsOn: string | null; onDone: () => void }) {
  const start = lastEndsOn ? new Date(Date.parse(`${lastEndsOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : todayInChina()
  const [name, setName] = useState('')
  const [startsOn, setStartsOn] = useState(start)
  const [endsOn, setEndsOn] = useState(new Date(Date.parse(`${start}T00:00:00Z`) + 13 * 86_400_000).toISOString().slice(0, 10))
  const [problem, setProblem] = useState<string | null>(null)
  const submit = async () => {
    setProblem(null)
    try {
      await createPeriod({ workshopId, name, startsOn, endsOn })
      void Taro.showToast({ title: '已新建周期', icon: 'success' })
      setName('')
      onDone()
    } catch (error) {
      const apiError = toApiError(error)
      setProblem(refusalLine(apiError))
    }
  }
  return (
    <View className='xy-card'>
      <Text className='xy-card__title'>新建下一个周期</Text>
      <Text>名称</Text>
      <Input
        className='piecework-input'
        {...fieldLabel('名称')}
        value={name}
        maxlength={30}
        placeholder='例如：第3期'
        onInput={(e) => setName(e.detail.value)}
      />
      <Text>开始日期</Text>
      <Input className='piecework-input' {...fieldLabel('开始日期')} value={startsOn} onInput={(e) => setStartsOn(e.detail.value)} />
      <Text>结束日期</Text>
      <Input className='piecework-input' {...fieldLabel('结束日期')} value={endsOn} onInput={(e) => setEndsOn(e.detail.value)} />
      {problem && (
        <View className='xy-alert'>
          <Text>{problem}</Text>
        </View>
      )}
      <Button className='xy-full-button' type='primary' block onClick={() => void submit()}>
        新建周期
      </Button>
    </View>
  )
}

function NewAdjustment({ period, workers, onDone }: { period: Period; workers: Worker[]; onDone: () => void }) {
  const [workerId, setWorkerId] = useState('')
  const [yuan, setYuan] = useState('')
  const [minus, setMinus] = useState(false)
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const submit = async () => {
    setProblem(null)
    const fen = Math.round(Number(yuan) * 100) * (minus ? -1 : 1)
    try {
      await createAdjustment({ periodId: period.id, workerId, amountFen: fen, reason })
      void Taro.showToast({ title: '已记调整', icon: 'success' })
      setYuan('')
      setReason('')
      onDone()
    } catch (error) {
      const apiError = toApiError(error)
      setProblem(refusalLine(apiError))
    }
  }
  return (
    <View className='xy-card'>
      <Text className='xy-card__title'>记一笔调整（奖励、扣回预支、更正上期）</Text>
      <Choices label='给哪一户'>
        {workers.map((w) => (
          <Choice key={w.id} label={w.label ?? w.name} on={w.id === workerId} onChoose={() => setWorkerId(w.id)} />
        ))}
      </Choices>
      <Choices label='加钱还是扣钱'>
        <Choice label='加钱' on={!minus} onChoose={() => setMinus(false)} />
        <Choice label='扣钱' on={minus} onChoose={() => setMinus(true)} />
      </Choices>
      <Text>金额（元）</Text>
      <Input className='piecework-input' {...fieldLabel('金额（元）')} type='digit' value={yuan} onInput={(e) => setYuan(e.detail.value)} />
      <Text>原因</Text>
      <Input className='piecework-input' {...fieldLabel('原因')} value={reason} maxlength={100} onInput={(e) => setReason(e.detail.value)} />
      {problem && (
        <View className='xy-alert'>
          <Text>{problem}</Text>
        </View>
      )}
      <Button className='xy-full-button' type='default' block onClick={() => void submit()}>
        记下调整
      </Button>
    </View>
  )
}

/**
 * The period's collections, a page at a time: the list says when there is more and never stops
 * silently (a busy period has hundreds of rows).
 */
const CORRECTION_REASONS = ['多按了一个 0', '点错了户', '件数点错了', '这批没交']

/**
 * 更正 / 作废 one collection: the head types the counts it should have had (or voids it) and says
 * why; the server records a linked correction, never an edit.
 */
function CorrectCollection({
  workshopId,
  row,
  onDone,
}: {
  workshopId: string
  row: Collection
  onDone: (counts: { accepted: number; rejected: number; rework: number }) => void
}) {
  const [accepted, setAccepted] = useState(String(row.accepted))
  const [rejected, setRejected] = useState(String(row.rejected))
  const [rework, setRework] = useState(String(row.rework))
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [clientId] = useState(newClientId)
  const send = async (action: 'void' | 'correct') => {
    setProblem(null)
    if (!reason) return setProblem('请选更正的原因')
    try {
      const answer = await correctCollection({
        workshopId,
        collectionId: row.id,
        clientId,
        action,
        reason,
        ...(action === 'correct'
          ? {
              accepted: Number(accepted || '0'),
              rejected: Number(rejected || '0'),
              rework: Number(rework || '0'),
              rejectReason: row.rejectReason ?? '更正时改为不合格',
            }
          : {}),
      })
      void Taro.showToast({ title: action === 'void' ? '已作废' : '已更正', icon: 'success' })
      onDone(answer.counts)
    } catch (error) {
      const apiError = toApiError(error)
      setProblem(refusalLine(apiError))
    }
  }
  return (
    <View className='xy-card' data-testid='correct-form'>
      <Text className='xy-card__text'>改成应有的件数（原记录不改，另记一条更正）：</Text>
      {(
        [
          ['合格', accepted, setAccepted],
          ['不合格', rejected, setRejected],
          ['返工', rework, setRework],
        ] as const
      ).map(([label, value, set]) => (
        <View key={label} className='piecework-row'>
          <Text>{label}</Text>
          <Input
            className='piecework-input piecework-input--short'
            {...fieldLabel(`更正后${label}件数`)}
            type='number'
            value={value}
            onInput={(e) => set(e.detail.value)}
          />
        </View>
      ))}
      <Choices label='更正的原因'>
        {CORRECTION_REASONS.map((r) => (
          <Choice key={r} label={r} on={reason === r} onChoose={() => setReason(r)} />
        ))}
      </Choices>
      {problem && (
        <View className='xy-alert'>
          <Text>{problem}</Text>
        </View>
      )}
      <View className='piecework-row'>
        <Button type='primary' onClick={() => void send('correct')} data-testid='correct-save'>
          记下更正
        </Button>
        <Button type='default' onClick={() => void send('void')} data-testid='correct-void'>
          作废这条
        </Button>
      </View>
    </View>
  )
}

export function CollectionsList({ workshopId, period, workers, isHead = false }: { workshopId: string; period: Period; workers: Worker[]; isHead?: boolean }) {
  const [editing, setEditing] = useState<string | null>(null)
  const [fixed, setFixed] = useState<ReadonlyMap<string, { accepted: number; rejected: number; rework: number }>>(new Map())
  const [rows, setRows] = useState<Collection[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [status, setStatus] = useState<'idle' | 'loading' | 'done' | 'error'>('idle')
  const [problem, setProblem] = useState<string | null>(null)
  const names = new Map(workers.map((w) => [w.id, w.name]))
  const load = async (cursor: string | null) => {
    setStatus('loading')
    setProblem(null)
    try {
      const page = await fetchCollectionsPage({ workshopId, from: period.startsOn, to: period.endsOn, cursor })
      setRows((before) => (cursor ? [...before, ...page.collections] : page.collections))
      setNext(page.nextCursor)
      setStatus('done')
    } catch (error) {
      setProblem(toApiError(error).message)
      setStatus('error')
    }
  }
  useEffect(() => {
    setRows([])
    setNext(null)
    void load(null)
    // Reload only when the period changes; `load` is recreated on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workshopId, period.id])
  return (
    <View className='xy-card' data-testid='collections-list'>
      <Text className='xy-card__title'>
        交货明细（{rows.length} 条{next ? '，还有更多' : ''}）
      </Text>
      {rows.map((c) => {
        const now = fixed.get(c.id)
        return (
          <View key={c.id} data-testid='collection-row'>
            <View className='piecework-table-line'>
              <Text>
                {c.collectedOn.slice(5)}　{names.get(c.workerId) ?? '加工户'}
                {c.reworkReturn ? '（返工交回）' : ''}
                {c.ticketCode ? `（扎票 ${formatTicketCode(c.ticketCode)}）` : ''}
                {c.correctsId ? `　更正：${c.correctionReason ?? ''}` : ''}
              </Text>
              <Text>
                {c.correctsId ? '改动 ' : ''}合格 {c.accepted}
                {c.rejected !== 0 ? `　不合格 ${c.rejected}` : ''}
                {c.rework !== 0 ? `　返工 ${c.rework}` : ''}
              </Text>
            </View>
            {now && <Text className='xy-muted'>{correctionText(c, now)}</Text>}
            {isHead && period.status === 'open' && c.correctsId === null && editing !== c.id && (
              <Button type='default' size='small' onClick={() => setEditing(c.id)} data-testid='correct-open'>
                更正 / 作废
              </Button>
            )}
            {editing === c.id && (
              <CorrectCollection
                workshopId={workshopId}
                row={c}
                onDone={(counts) => {
                  setEditing(null)
                  setFixed((before) => new Map([...before, [c.id, counts]]))
                }}
              />
            )}
          </View>
        )
      })}
      {period.status === 'closed' && isHead && <Text className='xy-muted'>这一期已结账，交货不能再改；要更正请在下一期给这户记一笔调整。</Text>}
      {status === 'loading' && <LoadingBlock />}
      {problem && (
        <View className='xy-alert'>
          <Text>{problem}</Text>
        </View>
      )}
      {status === 'done' && rows.length === 0 && <Text className='xy-muted'>这一期还没有交货</Text>}
      {(next !== null || status === 'error') && status !== 'loading' && (
        <Button
          className='xy-full-button piecework-more-button'
          type='default'
          block
          onClick={() => void load(rows.length === 0 ? null : next)}
          data-testid='load-more'
        >
          {status === 'error' ? '重试' : '加载更多'}
        </Button>
      )}
      {status === 'done' && next === null && rows.length > 0 && <Text className='xy-muted'>已经是全部了</Text>}
    </View>
  )
}

function PaySheetView({
  workshopId,
  period,
  workshopName,
  isHead,
  workers,
  onClosed,
}: {
  workshopId: string
  period: Period
  workshopName: string
  isHead: boolean
  workers: Worker[]
  onClosed: () => void
}) {
  const { state, reload } = useAsync(() => fetchPaySheet(period.id), [period.id])
  const [confirm, setConfirm] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const close = async () => {
    setConfirm(false)
    try {
      await closePeriod(period.id)
      void Taro.showToast({ title: '已结账', icon: 'success' })
      reload()
      onClosed()
    } catch (error) {
      setProblem(toApiError(error).message)
    }
  }
  const download = async () => {
    try {
      await downloadPaySheet(period.id, `${workshopName}-工资单-${period.name}.xlsx`)
    } catch (error) {
      setProblem(toApiError(error).message)
    }
  }
  return (
    <View className='xy-card' data-testid='pay-sheet'>
      <Text className='xy-card__title'>
        {period.name} 工资单 {period.status === 'closed' ? '（已结账）' : '（未结账）'}
      </Text>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && (
        <>
          {state.data.unratedPieces > 0 && (
            <View className='xy-alert' data-testid='unrated-pieces'>
              <Text>有 {state.data.unratedPieces} 件合格件待定价（那天这道工序没有单价），定好单价之前不能结账。</Text>
            </View>
          )}
          {state.data.lines.map((line) => (
            <View key={line.workerId} data-testid='pay-line'>
              <View className='piecework-table-line'>
                <Text className='xy-card__title'>
                  {line.workerName}（{line.villageName}）{line.unratedPieces > 0 ? `　待定价 ${line.unratedPieces} 件` : ''}
                </Text>
                <Text>
                  <Yuan fen={line.totalFen} />
                </Text>
              </View>
              <PayArithmetic
                byRate={line.byRate}
                reworkPieces={line.reworkPieces}
                rejectedPieces={line.rejectedPieces}
                adjustmentsFen={line.adjustmentsFen}
                totalFen={line.totalFen}
              />
            </View>
          ))}
          <View className='piecework-table-line'>
            <Text className='xy-card__title'>合计</Text>
            <Text className='xy-card__title'>
              <Yuan fen={state.data.totalFen} />
            </Text>
          </View>
        </>
      )}
      {problem && (
        <View className='xy-alert'>
          <Text>{problem}</Text>
        </View>
      )}
      <Button className='xy-full-button' type='default' block onClick={() => void download()} data-testid='download-pay-sheet'>
        下载工资单（Excel）
      </Button>
      <CollectionsList workshopId={workshopId} period={period} workers={workers} isHead={isHead} />
      {isHead && period.status === 'open' && <NewAdjustment period={period} workers={workers} onDone={reload} />}
      {isHead && period.status === 'open' && (
        <Button className='xy-full-button' type='primary' block onClick={() => setConfirm(true)}>
          结账（结账后不能再改）
        </Button>
      )}
      <Dialog
        visible={confirm}
        title='确认结账'
        content={`结账后「${period.name}」的件数和工资就定下来了，以后的更正记到下一期。${earlyCloseNotice(period, todayInChina()) ?? ''}`}
        confirmText='结账'
        cancelText='再等等'
        onConfirm={() => void close()}
        onCancel={() => setConfirm(false)}
      />
    </View>
  )
}

export default function PeriodsPage() {
  const loggedIn = useRequireLogin()
  const workshopId = useWorkshopId()
  const { state, reload } = useAsync(() => fetchWorkshopDetail(workshopId ?? ''), [workshopId], { enabled: loggedIn && workshopId !== null })
  const [selected, setSelected] = useState<string | null>(null)
  if (workshopId === null) return <MissingWorkshop />
  return (
    <PageShell testId='workshop-periods'>
      <Text className='xy-page-title'>工资周期</Text>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && (
        <>
          {state.data.uncoveredDays.length > 0 && (
            <View className='xy-alert' data-testid='uncovered-days'>
              <Text>
                这些日子交的件不在任何工资周期里，不会算进工资单：
                {state.data.uncoveredDays.map((d) => `${d.day}（${d.accepted} 件）`).join('、')}。请新建包含这些日子的周期，之后的周期才能结账。
              </Text>
            </View>
          )}
          {[...state.data.periods].reverse().map((period) => (
            <View key={period.id}>
              <View
                className='xy-card'
                {...pressableProps('button', { expanded: selected === period.id })}
                onClick={() => setSelected(selected === period.id ? null : period.id)}
                data-testid='period'
              >
                <View className='piecework-row'>
                  <Text className='xy-card__title'>{period.name}</Text>
                  <Text className={period.status === 'closed' ? 'xy-muted' : 'xy-ok'}>{period.status === 'closed' ? '已结账' : '进行中'}</Text>
                </View>
                <Text className='xy-card__text'>
                  {period.startsOn} 至 {period.endsOn}　合计 {formatYuan(period.totalFen ?? 0)} 元
                </Text>
              </View>
              {selected === period.id && (
                <PaySheetView
                  workshopId={workshopId}
                  period={period}
                  workshopName={state.data.workshop.name}
                  isHead={state.data.workshop.isHead}
                  workers={state.data.workers}
                  onClosed={reload}
                />
              )}
            </View>
          ))}
          {state.data.workshop.isHead && (
            <NewPeriod workshopId={workshopId} lastEndsOn={state.data.periods[state.data.periods.length - 1]?.endsOn ?? null} onDone={reload} />
          )}
        </>
      )}
    </PageShell>
  )
}
