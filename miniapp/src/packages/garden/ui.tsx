import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { localParts, toEpochMinutes } from '@shared/time'
import { toApiError } from '@/api/api-error'
import { pages, pageUrl } from '@/lib/pages'

export function openGarden(page: keyof typeof pages.garden, villageId: string, extra: Record<string, string> = {}): void {
  void Taro.navigateTo({ url: pageUrl(pages.garden[page], { villageId, ...extra }) })
}

export const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日']

export const hhmm = (minuteOfDay: number) => `${Math.floor(minuteOfDay / 60)}:${String(minuteOfDay % 60).padStart(2, '0')}`

/** Wall-clock parts in the garden's own time (Beijing), whatever the phone's zone. */
export function when(startsAt: string, endsAt: string): { date: string; weekday: string; time: string; day: number } {
  const start = localParts(toEpochMinutes(new Date(startsAt)))
  const end = localParts(toEpochMinutes(new Date(endsAt)))
  return {
    date: `${start.month}月${start.day}日`,
    weekday: WEEKDAYS[start.weekday] ?? '',
    time: `${hhmm(start.minuteOfDay)}–${hhmm(end.minuteOfDay)}`,
    day: start.day,
  }
}

export const hours = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60}` : (minutes / 60).toFixed(1))
export const kg = (grams: number) => (grams >= 1000 ? `${(grams / 1000).toFixed(1)}公斤` : `${grams}克`)

/** Runs an action, shows the outcome in words, and refreshes the page on success. */
export async function act<T>(work: () => Promise<T>, success: string | ((result: T) => string), after?: () => void): Promise<T | null> {
  try {
    void Taro.showLoading({ title: '请稍候' })
    const result = await work()
    Taro.hideLoading()
    void Taro.showToast({ title: typeof success === 'string' ? success : success(result), icon: 'success', duration: 2000 })
    after?.()
    return result
  } catch (error) {
    Taro.hideLoading()
    void Taro.showModal({ title: '没有成功', content: toApiError(error).message, showCancel: false, confirmText: '知道了' })
    return null
  }
}

export function Hint({ children }: { children: string }) {
  return (
    <View className='xy-card garden-hint'>
      <Text className='xy-card__text'>{children}</Text>
    </View>
  )
}
