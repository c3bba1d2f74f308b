import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { correctNotice, fetchCurrentYear, fetchNotice } from '@/api/land'
import { ApiError } from '@/api/api-error'
import { PageShell } from '@/components/page-shell'
import { decorativeProps, fieldLabel, groupProps, pressableProps } from '@/lib/a11y'
import { pages, pageUrl } from '@/lib/pages'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { ConfirmAction, householdFace } from '../ui'
import '../land.scss'
import { LoadState } from '@/components/async-view'

/**
 * A confirmed notice is never edited: a correction is a new notice linked to it, with its reason,
 * posted for its own period. The secretary ticks the households the corrected list names.
 */
export default function LandCorrectPage() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const noticeId = useRouter().params.noticeId ?? ''
  const notice = useAsync(() => fetchNotice(noticeId), [noticeId], { enabled: loggedIn && noticeId !== '' })
  const year = useAsync(() => fetchCurrentYear(villageId ?? ''), [villageId], { enabled: loggedIn && villageId !== null })
  const [picked, setPicked] = useState<string[] | null>(null)
  const [reason, setReason] = useState('')

  if (notice.state.status !== 'ready')
    return (
      <PageShell>
        <LoadState state={notice.state} reload={notice.reload} />
      </PageShell>
    )
  if (year.state.status !== 'ready')
    return (
      <PageShell>
        <LoadState state={year.state} reload={year.reload} />
      </PageShell>
    )
  const original = notice.state.data
  const awardYear = year.state.data.awardYear
  if (!awardYear || !villageId)
    return (
      <PageShell>
        <View className='xy-card land-block'>
          <Text>找不到这一年的奖励耕地</Text>
        </View>
      </PageShell>
    )
  if (original.status !== 'locked' || original.correctedBy) {
    return (
      <PageShell testId='land-correct'>
        <View className='xy-alert land-block'>
          <Text>
            {original.correctedBy
              ? `这份公示已于${original.correctedBy.publishedOn}更正过，请在最新的公示上更正。`
              : '公示期满、确认锁定后才能更正；公示期内有问题请用异议和答复。'}
          </Text>
        </View>
      </PageShell>
    )
  }
  const awardedHouseholds = original.awards.map((award) => award.householdId)
  const chosen = picked ?? awardedHouseholds
  const approved = awardYear.nominations.filter((nomination) => nomination.status === 'approved')
  // The confirmed list first, in its order; then the other approved households.
  const options = [
    ...awardedHouseholds.flatMap((householdId) => approved.filter((nomination) => nomination.householdId === householdId)),
    ...approved.filter((nomination) => !awardedHouseholds.includes(nomination.householdId)),
  ]
  const unchanged = chosen.length === awardedHouseholds.length && chosen.every((id, index) => awardedHouseholds[index] === id)
  const toggle = (householdId: string) => setPicked(chosen.includes(householdId) ? chosen.filter((id) => id !== householdId) : [...chosen, householdId])

  return (
    <PageShell testId='land-correct'>
      <Text className='xy-page-title'>更正{original.year}年的公示结果</Text>
      <View className='xy-card'>
        <Text className='xy-card__text land-block'>
          原公示{original.publishedOn}公布，已确认锁定。原记录不改：更正另立一份更正公示，写明理由，关联原公示，重新公示7天。
        </Text>
      </View>
      <View className='xy-card'>
        <Text className='xy-card__title land-block'>
          更正后的获奖户（已选{chosen.length}户，耕地够{awardYear.capacity}户）
        </Text>
        <View {...groupProps('group', '更正后的获奖户')}>
          {options.map((nomination) => {
            const on = chosen.includes(nomination.householdId)
            const rank = chosen.indexOf(nomination.householdId)
            return (
              <View
                key={nomination.id}
                className={on ? 'land-check land-check--on' : 'land-check'}
                {...pressableProps('checkbox', { checked: on })}
                onClick={() => toggle(nomination.householdId)}
                data-testid='correct-household'
              >
                <Text className='land-check__box' {...decorativeProps()}>
                  {on ? '✓' : ''}
                </Text>
                <View className='land-block'>
                  <Text className='land-person__name'>
                    {on ? `${rank + 1}. ` : ''}
                    {nomination.householdLabel}
                    {awardedHouseholds.includes(nomination.householdId) ? '' : '（原名单没有）'}
                  </Text>
                  <Text className='land-person__meta'>{householdFace(nomination)}</Text>
                </View>
              </View>
            )
          })}
        </View>
        {chosen.length > awardYear.capacity && (
          <Text className='xy-alert land-block' data-testid='correct-over-capacity'>
            选了{chosen.length}户，耕地只够{awardYear.capacity}户，请去掉{chosen.length - awardYear.capacity}户。
          </Text>
        )}
        <Text className='xy-card__text land-block'>更正的理由（印在更正公示上，全村都能看到）</Text>
        <Textarea
          className='land-input land-textarea'
          {...fieldLabel('更正的理由')}
          value={reason}
          maxlength={300}
          onInput={(event) => setReason(event.detail.value)}
          data-testid='correct-reason'
        />
        <ConfirmAction
          label='发布更正公示'
          question={`发布更正公示？更正后的名单${chosen.length}户，原公示保留并注明“已更正”，更正公示再公示7天。`}
          testId='submit-correction'
          disabled={chosen.length === 0 || chosen.length > awardYear.capacity}
          run={async () => {
            if (reason.trim().length === 0) throw new ApiError('validation_failed', '请写明更正的理由', 0)
            if (unchanged) throw new ApiError('validation_failed', '名单和原公示一样，没有要更正的户', 0)
            const correction = await correctNotice(original.id, reason.trim(), chosen)
            void Taro.redirectTo({ url: pageUrl(pages.land.notice, { noticeId: correction.id, villageId }) })
          }}
        />
      </View>
    </PageShell>
  )
}
