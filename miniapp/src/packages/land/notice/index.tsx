import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { confirmNotice, fetchNotice, fileObjection, replyObjection } from '@/api/land'
import { toApiError, type ApiError } from '@/api/api-error'
import { ErrorNotice } from '@/components/error-notice'
import { LoadingBlock } from '@/components/loading-block'
import { PageShell } from '@/components/page-shell'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { isLeader, mu, TallyTable } from '../ui'
import '../land.scss'
import { todayInChina } from '@shared/time'

const statusLabels = { open: '公示中', locked: '已确认', withdrawn: '已撤回' } as const

/** The public notice; on H5 it prints as the bulletin-board copy with a QR code to this page. */
export default function LandNoticePage() {
  const loggedIn = useRequireLogin()
  const noticeId = useRouter().params.noticeId ?? ''
  const villageId = useVillageId()
  const { state, reload } = useAsync(() => fetchNotice(noticeId), [noticeId], { enabled: loggedIn && noticeId !== '' })
  const [text, setText] = useState('')
  const [replies, setReplies] = useState<Record<string, string>>({})
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const leader = isLeader(villageId)

  const act = async (work: () => Promise<unknown>, message: string) => {
    setBusy(true)
    setError(null)
    try {
      await work()
      setDone(message)
      reload()
    } catch (caught) {
      setError(toApiError(caught))
    } finally {
      setBusy(false)
    }
  }

  if (state.status === 'loading') return <PageShell><LoadingBlock /></PageShell>
  if (state.status === 'error') return <PageShell><ErrorNotice error={state.error} onRetry={reload} /></PageShell>
  const notice = state.data
  const today = todayInChina()
  const inPeriod = notice.status === 'open' && today <= notice.endsOn

  return (
    <PageShell testId='land-notice'>
      <View className='land-notice'>
        <Text className='xy-page-title' data-testid='notice-title'>
          {notice.villageName}{notice.year}年移风易俗先进典型奖励耕地公示
        </Text>
        {notice.correctsNoticeId && <Text className='xy-alert'>更正公示。理由：{notice.correctionReason}</Text>}
        {notice.replacesNoticeId && (
          <Text className='xy-alert' data-testid='notice-replaces'>重新公示：原公示已撤回重新表决，原公示收到的异议和答复一并列在下面。</Text>
        )}
        <Text className='xy-card__text'>
          公示期：{notice.publishedOn} 至 {notice.endsOn}（{notice.periodDays}天）　状态：{statusLabels[notice.status]}
        </Text>
        <Text className='xy-section-title'>获奖户（每户{mu(notice.perHouseholdTenthMu)}，{notice.season}免费耕种）</Text>
        <View className='xy-card' data-testid='notice-awards'>
          {notice.awards.map((award) => (
            <View className='land-row' key={award.householdId}>
              <Text>{award.rank}. {award.householdLabel}</Text>
              <Text className='land-row__value'>{award.parcels.join('、') || mu(award.tenthMu)}</Text>
            </View>
          ))}
        </View>
        {notice.waitlisted.length > 0 && <Text className='xy-card__text'>按会议通过的排序，因耕地不足未获奖：{notice.waitlisted.join('、')}</Text>}
        <Text className='xy-section-title'>表决结果</Text>
        {notice.motions.map((motion) => (
          <View key={motion.title}>
            <Text className='xy-card__title'>{motion.title}</Text>
            <TallyTable tally={motion.result} />
          </View>
        ))}
        <Text className='xy-card__text'>对公示内容有异议的，请在公示期内通过乡约小程序或向村党支部书面提出。</Text>
        <Image className='land-qr' src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(notice.qrSvg)}`} data-testid='notice-qr' />
        <Text className='land-print-only'>扫码查看网上公示：{notice.url}</Text>
      </View>

      <View className='land-no-print'>
        {process.env.TARO_ENV === 'h5' && (
          <Button className='xy-full-button' fill='outline' onClick={() => window.print()}>
            打印公示（张贴到公告栏）
          </Button>
        )}
        {error && <ErrorNotice error={error} />}
        {done && <Text className='xy-card xy-ok-box'>{done}</Text>}
        <Text className='xy-section-title'>异议（{notice.objections.length}条）</Text>
        {notice.objections.map((objection) => (
          <View className='xy-card' key={objection.id}>
            <Text className='xy-card__text'>{objection.filedOn}：{objection.text}{objection.mine ? '（我提的）' : ''}{objection.earlierNotice ? '（对原公示提出）' : ''}</Text>
            <Text className='xy-card__text'>{objection.reply ? `答复：${objection.reply}` : '尚未答复'}</Text>
            {leader && !objection.reply && notice.status === 'open' && (
              <>
                <Textarea
                  className='land-input land-textarea'
                  value={replies[objection.id] ?? ''}
                  maxlength={500}
                  placeholder='书面答复'
                  onInput={(event) => setReplies({ ...replies, [objection.id]: event.detail.value })}
                />
                <Button
                  className='xy-full-button'
                  loading={busy}
                  onClick={() => void act(() => replyObjection(objection.id, (replies[objection.id] ?? '').trim()), '答复已保存')}
                >
                  保存答复
                </Button>
              </>
            )}
          </View>
        ))}
        {inPeriod && (
          <View className='xy-card'>
            <Text className='xy-card__title'>提出异议</Text>
            <Textarea className='land-input land-textarea' value={text} maxlength={500} placeholder='请写明哪一户、什么问题' onInput={(event) => setText(event.detail.value)} data-testid='objection-text' />
            <Button
              className='xy-full-button'
              type='primary'
              disabled={text.trim().length === 0}
              loading={busy}
              onClick={() => void act(() => fileObjection(notice.id, text.trim()), '您的异议已提交，书记会书面答复').then(() => setText(''))}
              data-testid='file-objection'
            >
              提交异议
            </Button>
          </View>
        )}
        {leader && notice.status === 'open' && (
          <Button className='xy-full-button' type='primary' loading={busy} onClick={() => void act(() => confirmNotice(notice.id), '结果已确认并锁定')} data-testid='confirm-notice'>
            公示期满，确认并锁定结果
          </Button>
        )}
        {leader && notice.status === 'locked' && villageId && (
          <Button className='xy-full-button' onClick={() => void Taro.navigateTo({ url: `/packages/land/allocation/index?villageId=${villageId}` })}>
            分配地块
          </Button>
        )}
      </View>
    </PageShell>
  )
}
