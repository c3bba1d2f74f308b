import { useState } from 'react'
import { Image, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { deedKindLabels } from '@shared/land'
import { fetchCurrentYear, reviewNomination } from '@/api/land'
import { ErrorNotice } from '@/components/error-notice'
import { PageShell } from '@/components/page-shell'
import { fieldLabel } from '@/lib/a11y'
import { useAction } from '@/lib/use-action'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { EvidencePhotos } from '../photos'
import { householdFace } from '../ui'
import '../land.scss'
import { LoadState } from '@/components/async-view'

const statusLabels = { pending: '待审核', approved: '已通过', rejected: '未通过' } as const

/** One pending nomination at a time: read the deed, then approve, or reject with a reason. */
export default function LandReviewPage() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const { state, reload } = useAsync(() => fetchCurrentYear(villageId ?? ''), [villageId], { enabled: loggedIn && villageId !== null })
  const [reason, setReason] = useState('')
  const { busy, error, run } = useAction()
  const year = state.status === 'ready' ? state.data.awardYear : null
  const next = year?.nominations.find((nomination) => nomination.status === 'pending') ?? null

  const decide = async (decision: 'approved' | 'rejected') => {
    if (!next) return
    const result = await run(() => reviewNomination(next.id, decision, reason.trim()))
    if (result === null) return
    setReason('')
    reload()
  }

  return (
    <PageShell testId='land-review'>
      <LoadState state={state} reload={reload} />
      {year && (
        <>
          <Text className='xy-page-title'>{year.year}年提名审核</Text>
          {error && <ErrorNotice error={error} />}
          {next ? (
            <View className='xy-card' data-testid='review-card'>
              <Text className='xy-card__title land-block'>
                {next.householdLabel}
                {next.selfApplied ? '（本户申请）' : ''}
              </Text>
              <Text className='xy-card__text land-block'>
                {deedKindLabels[next.deedKind]}（{next.deedDate}）
              </Text>
              {next.notes && <Text className='xy-card__text land-block'>{next.notes}</Text>}
              <Text className='xy-card__text land-block'>{householdFace(next)}</Text>
              <EvidencePhotos photoIds={next.evidencePhotoIds} />
              {next.evidencePhotoIds.length === 0 && next.evidenceUrls.length === 0 && <Text className='xy-card__text land-block'>没有附照片</Text>}
              {next.evidenceUrls.map((url) => (
                <Image key={url} src={url} mode='widthFix' style={{ width: '100%' }} />
              ))}
              <Text className='xy-card__text land-block'>审核意见（不通过时必须写明理由）</Text>
              <Textarea
                className='land-input land-textarea'
                {...fieldLabel('审核意见')}
                value={reason}
                maxlength={300}
                placeholder='不通过时必须写明理由'
                onInput={(event) => setReason(event.detail.value)}
              />
              <Button className='land-big-choice land-big-choice--for' loading={busy} onClick={() => void decide('approved')}>
                通过
              </Button>
              <Button
                className='land-big-choice land-big-choice--against'
                disabled={reason.trim().length === 0}
                loading={busy}
                onClick={() => void decide('rejected')}
              >
                不通过
              </Button>
            </View>
          ) : (
            <Text className='xy-card xy-ok-box'>没有待审核的提名</Text>
          )}
          <Text className='xy-section-title'>全部提名（{year.nominations.length}户）</Text>
          {year.nominations.map((nomination) => (
            <View className='land-row' key={nomination.id}>
              <Text>{nomination.householdLabel}</Text>
              <Text className='land-row__value'>{statusLabels[nomination.status]}</Text>
            </View>
          ))}
        </>
      )}
    </PageShell>
  )
}
