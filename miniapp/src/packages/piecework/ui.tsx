import type { ReactNode } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { uuidSchema } from '@shared/ids'
import { formatKg, formatMaterial, formatYuan, rateLineText, type RateLineOut, type Worker } from '@shared/piecework'
import { listLabels, withDetail } from '@shared/people'
import { groupProps, pressableProps } from '@/lib/a11y'
import { pages, pageUrl } from '@/lib/pages'

export function openWorkshopPage(page: keyof typeof pages.piecework, workshopId: string, extra: Record<string, string> = {}): void {
  void Taro.navigateTo({ url: pageUrl(pages.piecework[page], { workshopId, ...extra }) })
}

/** Brings an element into view (a warning or a refusal the head must read before going on). */
export function scrollToId(id: string): void {
  if (process.env.TARO_ENV === 'h5') {
    // After the render that shows it.
    setTimeout(() => document.getElementById(id)?.scrollIntoView({ block: 'start' }), 0)
    return
  }
  void Taro.pageScrollTo({ selector: `#${id}`, duration: 0 }).catch(() => undefined)
}

export function useWorkshopId(): string | null {
  const { params } = useRouter()
  const parsed = uuidSchema.safeParse(params.workshopId)
  return parsed.success ? parsed.data : null
}

export function Yuan({ fen }: { fen: number }) {
  return <Text>{formatYuan(fen)} 元</Text>
}

export function kg(grams: number): string {
  return `${formatKg(grams)} 千克`
}

/** An amount of material in its unit: "2.5 千克" or "200 个". */
export function material(amount: number, unit: string): string {
  return formatMaterial(amount, unit)
}

/** A horizontal bar in CSS: light on every screen, no chart library. */
export function Bar({ value, max, label, testId }: { value: number; max: number; label?: string; testId?: string }) {
  const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0
  return (
    // The label sits above the bar, not on it: dark text over the dark fill was unreadable.
    <View className='piecework-bar-row' data-testid={testId}>
      {label !== undefined && <Text className='piecework-bar__label'>{label}</Text>}
      <View className='piecework-bar'>
        <View className='piecework-bar__fill' style={{ width: `${percent}%` }} />
      </View>
    </View>
  )
}

export function MissingWorkshop() {
  return (
    <View className='xy-alert'>
      <Text>没有指定工坊，请从「工坊」页进入。</Text>
    </View>
  )
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '清空', '0', '退格'] as const

/** Big number keys: old eyes, rough hands, gloves. */
export function Keypad({ onKey }: { onKey: (key: (typeof KEYS)[number]) => void }) {
  return (
    <View className='piecework-keypad' {...groupProps('group', '数字键')} data-testid='keypad'>
      {KEYS.map((key) => (
        <View
          key={key}
          className='piecework-key'
          hoverClass='piecework-key--down'
          {...pressableProps('button')}
          onClick={() => onKey(key)}
          data-testid={`key-${key}`}
        >
          <Text>{key}</Text>
        </View>
      ))}
    </View>
  )
}

export function applyKey(value: string, key: string): string {
  if (key === '清空') return ''
  if (key === '退格') return value.slice(0, -1)
  const next = value === '0' ? key : value + key
  return next.length > 5 ? value : next
}

/** One of a row of chips of which exactly one is chosen (a product, a household, an order). */
export function Choice({ label, on, onChoose, testId }: { label: string; on: boolean; onChoose: () => void; testId?: string }) {
  return (
    <View
      className={on ? 'piecework-chip piecework-chip--on' : 'piecework-chip'}
      {...pressableProps('radio', { checked: on })}
      onClick={onChoose}
      data-testid={testId}
    >
      <Text>{label}</Text>
    </View>
  )
}

/** A row of Choices, named after what is being chosen. */
export function Choices({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className='piecework-chips' {...groupProps('radiogroup', label)}>
      {children}
    </View>
  )
}

/**
 * How a household's pay for a period comes about, line by line, as the worker checks it on
 * paper: pieces × rate per operation, then what earned nothing, the adjustments and the total.
 */
export function PayArithmetic(props: {
  byRate: readonly RateLineOut[]
  reworkPieces: number
  rejectedPieces: number
  adjustments?: readonly { amountFen: number; reason: string }[]
  adjustmentsFen: number
  totalFen: number
  testId?: string
}) {
  const { byRate, reworkPieces, rejectedPieces, adjustments, adjustmentsFen, totalFen } = props
  return (
    <View className='piecework-arithmetic' data-testid={props.testId ?? 'pay-arithmetic'}>
      {byRate.length === 0 && <Text className='piecework-arithmetic__line'>没有合格件</Text>}
      {byRate.map((r) => (
        <Text key={`${r.operationId}|${r.rateFen ?? ''}`} className='piecework-arithmetic__line' data-testid='rate-line'>
          {r.operationName}：{rateLineText(r)}
        </Text>
      ))}
      {reworkPieces > 0 && <Text className='piecework-arithmetic__line'>返工 {reworkPieces} 件（改好交回、验收合格后才算钱）</Text>}
      {rejectedPieces > 0 && <Text className='piecework-arithmetic__line'>不合格 {rejectedPieces} 件（不算钱）</Text>}
      {adjustments
        ? adjustments.map((a, index) => (
            <Text key={index} className='piecework-arithmetic__line'>
              调整：{a.reason} {a.amountFen > 0 ? '+' : ''}
              {formatYuan(a.amountFen)} 元
            </Text>
          ))
        : adjustmentsFen !== 0 && (
            <Text className='piecework-arithmetic__line'>
              调整 {adjustmentsFen > 0 ? '+' : ''}
              {formatYuan(adjustmentsFen)} 元
            </Text>
          )}
      <Text className='piecework-arithmetic__total' data-testid='arithmetic-total'>
        合计 {formatYuan(totalFen)} 元
      </Text>
    </View>
  )
}

/**
 * The workshop's households as the head picks them: the head's name (and village, for a
 * neighbour's), and for namesakes the household's distinct label (一组1号 吴金宝户), so no two
 * chips read alike.
 */
export function workerLabels(workers: readonly Worker[]): Map<string, string> {
  return listLabels(
    workers.map((w) => ({
      key: w.id,
      name: w.fromOtherVillage ? withDetail(w.name, w.villageName) : w.name,
      label: w.label === undefined ? null : w.fromOtherVillage ? withDetail(w.label, w.villageName) : w.label,
    })),
  )
}
