import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { consentAnswers, type ConsentAnswer } from '@shared/garden'
import { fetchReminderSubscription, reportReminderConsent, signUp } from '@/api/garden'
import { isWeapp } from '@/lib/env'
import { useAsync } from '@/lib/use-async'
import { act } from './ui'

type Subscription = Awaited<ReturnType<typeof fetchReminderSubscription>>

/** Which template to ask consent for, read before the tap (WeChat asks only from a tap itself). */
export function useReminderSubscription(villageId: string | null): { subscription: Subscription | null; reload: () => void } {
  const { state, reload } = useAsync(
    // A garden without WeChat reminders still signs people up: a failure here only means no asking.
    () => fetchReminderSubscription(villageId ?? '').catch(() => ({ templateId: null, credits: 0, wechat: false })),
    [villageId],
    { enabled: villageId !== null },
  )
  return { subscription: state.status === 'ready' ? state.data : null, reload }
}

const isAnswer = (value: unknown): value is ConsentAnswer => typeof value === 'string' && (consentAnswers as readonly string[]).includes(value)

/**
 * Asks WeChat's one-time consent for the reminder template. Must start inside the tap handler,
 * before anything is awaited. Null where there is nothing to ask (H5, no template) or WeChat
 * could not ask (an old client, the main switch off).
 */
export async function askReminderConsent(templateId: string | null): Promise<ConsentAnswer | null> {
  if (!isWeapp || templateId === null) return null
  try {
    const result = await Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] })
    // The answer is keyed by the template id: { errMsg, [templateId]: 'accept' | 'reject' | … }.
    const answer: unknown = (result as Record<string, unknown>)[templateId]
    return isAnswer(answer) ? answer : null
  } catch {
    return null
  }
}

/**
 * The sign-up tap: the consent question first (from the tap), then the sign-up, then the answer
 * reported — even when the sign-up is refused, since WeChat has counted the consent all the same.
 */
export async function signUpWithReminder(
  villageId: string,
  shiftId: string,
  reminders: { subscription: Subscription | null; reload: () => void },
  after: () => void,
): Promise<void> {
  const templateId = reminders.subscription?.templateId ?? null
  const answer = await askReminderConsent(templateId)
  // The toast is short (WeChat shows 7 characters beside an icon); the line under the shift says where the reminder goes.
  await act(() => signUp(villageId, shiftId), '报名成功', after)
  if (answer === null || templateId === null) return
  const reported = await reportReminderConsent(villageId, templateId, answer).catch(() => null)
  if (reported) reminders.reload()
}

/** Under a shift I am on: where the day-before reminder will reach me. */
export function ReminderNote({ subscription }: { subscription: Subscription | null }) {
  const byWechat = isWeapp && subscription !== null && subscription.templateId !== null && subscription.credits > 0
  return (
    <Text className='garden-shift__meta' data-testid='garden-reminder-note'>
      {byWechat ? '值班前一天会收到微信提醒。' : '值班前一天的提醒会显示在菜园首页，请记得来看。'}
    </Text>
  )
}
