import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { deedKindLabels, deedKinds, type DeedKind } from '@shared/land'
import { isoDate } from '@shared/votes'
import { todayInChina } from '@shared/time'
import { createNomination, fetchCurrentYear, fetchNominationHouseholds, uploadPhoto } from '@/api/land'
import { ErrorNotice } from '@/components/error-notice'
import { PageShell } from '@/components/page-shell'
import { decorativeProps, fieldLabel, groupProps, pressableProps } from '@/lib/a11y'
import { useAction } from '@/lib/use-action'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { PhotoPicker, type PickedPhoto } from '../photos'
import { householdFace } from '../ui'
import '../land.scss'
import { LoadState } from '@/components/async-view'

/**
 * A council member (红白理事会) records a household's deed, or a household applies for itself:
 * the deed, its date, what happened, and photos shrunk on this phone. Photos go up first, one by
 * one (a weak network loses one, not all); the nomination then takes them, or takes none.
 */
export default function LandNominatePage() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const year = useAsync(() => fetchCurrentYear(villageId ?? ''), [villageId], { enabled: loggedIn && villageId !== null })
  const awardYear = year.state.status === 'ready' ? year.state.data.awardYear : null
  const homes = useAsync(() => fetchNominationHouseholds(awardYear?.id ?? ''), [awardYear?.id], { enabled: awardYear !== null })
  const [householdId, setHouseholdId] = useState<string | null>(null)
  const [search, setSearch] = useState('')
  const [deedKind, setDeedKind] = useState<DeedKind>('no_birthday_banquet')
  const [deedDate, setDeedDate] = useState(todayInChina())
  const [notes, setNotes] = useState('')
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const { busy: sending, error, run, fail } = useAction()
  // What the sending is doing now (which photo goes up), said under the button while it runs.
  const [step, setStep] = useState('')
  const busy = sending ? step : null
  const [done, setDone] = useState<string | null>(null)

  if (year.state.status !== 'ready')
    return (
      <PageShell>
        <LoadState state={year.state} reload={year.reload} />
      </PageShell>
    )
  if (awardYear && homes.state.status !== 'ready')
    return (
      <PageShell>
        <LoadState state={homes.state} reload={homes.reload} />
      </PageShell>
    )
  if (!awardYear || !villageId || homes.state.status !== 'ready') {
    return (
      <PageShell testId='land-nominate'>
        <View className='xy-card land-block'>
          <Text>今年还没有设置奖励耕地，暂时不能提名。</Text>
        </View>
      </PageShell>
    )
  }
  if (awardYear.status !== 'nominating') {
    return (
      <PageShell testId='land-nominate'>
        <View className='xy-card land-block'>
          <Text>{awardYear.year}年的评选结果已经公示，不能再提名或申请。</Text>
        </View>
      </PageShell>
    )
  }
  const { canNominateOthers, households } = homes.state.data
  if (done) {
    return (
      <PageShell testId='land-nominate'>
        <View className='xy-card xy-ok-box land-block' data-testid='nomination-done'>
          <Text>{done}</Text>
        </View>
        {canNominateOthers && (
          <Button className='xy-full-button land-button' type='primary' onClick={() => setDone(null)} data-testid='nominate-another'>
            再提名一户
          </Button>
        )}
        <Button className='xy-full-button land-button' fill='outline' onClick={() => void Taro.navigateBack()}>
          返回
        </Button>
      </PageShell>
    )
  }
  // A villager's list is their own household only: it is chosen for them.
  const chosenId = canNominateOthers ? householdId : (households[0]?.householdId ?? null)
  const chosen = households.find((home) => home.householdId === chosenId) ?? null
  const words = search.trim()
  const shown = words ? households.filter((home) => home.householdLabel.includes(words) || (home.headName ?? '').includes(words)) : households

  const submit = async () => {
    setDone(null)
    if (!chosen) return fail(canNominateOthers ? '请先选一户' : '您还没有登记在哪一户，请找村干部')
    if (!isoDate.safeParse(deedDate.trim()).success) return fail('事迹日期请写成 2026-03-01 这样')
    const sent = await run(async () => {
      // Uploaded ones keep their id, so pressing 提交 again after a lost answer sends only the rest.
      let current = photos
      for (const [index, photo] of current.entries()) {
        if (photo.photoId) continue
        setStep(`正在上传第${index + 1}张照片（共${current.length}张）…`)
        const kept = await uploadPhoto(awardYear.id, photo.base64)
        current = current.map((item) => (item.key === photo.key ? { ...item, photoId: kept.id } : item))
        setPhotos(current)
      }
      setStep('正在提交…')
      await createNomination({
        awardYearId: awardYear.id,
        householdId: chosen.householdId,
        deedKind,
        deedDate: deedDate.trim(),
        notes: notes.trim(),
        evidencePhotoIds: current.flatMap((photo) => (photo.photoId ? [photo.photoId] : [])),
      })
      return current
    })
    if (sent === null) return
    setPhotos([])
    setNotes('')
    setHouseholdId(null)
    setDone(`${chosen.householdLabel}的${canNominateOthers ? '提名' : '申请'}已提交${sent.length > 0 ? `，附照片${sent.length}张` : ''}，等待审核。`)
    homes.reload()
    year.reload()
  }

  return (
    <PageShell testId='land-nominate'>
      <Text className='xy-page-title'>{canNominateOthers ? `${awardYear.year}年移风易俗提名` : `为我家申请（${awardYear.year}年）`}</Text>
      <View className='xy-card'>
        <Text className='xy-card__title land-block'>{canNominateOthers ? '1. 提名哪一户' : '1. 申请的户'}</Text>
        {canNominateOthers ? (
          <>
            <Input
              className='land-input'
              {...fieldLabel('按户名或户主姓名查找')}
              placeholder='按户名或户主姓名查找'
              value={search}
              onInput={(event) => setSearch(event.detail.value)}
              data-testid='household-search'
            />
            <View {...groupProps('radiogroup', '提名哪一户')}>
              {shown.slice(0, 60).map((home) => {
                const on = home.householdId === chosenId
                return (
                  <View
                    key={home.householdId}
                    className={on ? 'land-check land-check--on' : 'land-check'}
                    {...pressableProps('radio', { checked: on })}
                    onClick={() => !home.nominated && setHouseholdId(home.householdId)}
                    data-testid='household-option'
                  >
                    <Text className='land-check__box' {...decorativeProps()}>
                      {on ? '✓' : ''}
                    </Text>
                    <View className='land-block'>
                      <Text className='land-person__name'>
                        {home.householdLabel}
                        {home.nominated ? '（今年已提名）' : ''}
                      </Text>
                      <Text className='land-person__meta'>{householdFace(home)}</Text>
                    </View>
                  </View>
                )
              })}
            </View>
          </>
        ) : chosen ? (
          <View className='land-block' data-testid='own-household'>
            <Text className='land-person__name'>{chosen.householdLabel}</Text>
            <Text className='land-person__meta'>{householdFace(chosen)}</Text>
            {chosen.nominated && <Text className='xy-alert land-block'>您家今年已经提名或申请过了，不用再申请。</Text>}
          </View>
        ) : (
          <Text className='xy-card__text land-block'>您还没有登记在哪一户，请找村干部。</Text>
        )}
      </View>

      <View className='xy-card'>
        <Text className='xy-card__title land-block'>2. 什么事迹</Text>
        <View {...groupProps('radiogroup', '什么事迹')}>
          {deedKinds.map((kind) => (
            <View
              key={kind}
              className={deedKind === kind ? 'land-check land-check--on' : 'land-check'}
              {...pressableProps('radio', { checked: deedKind === kind })}
              onClick={() => setDeedKind(kind)}
              data-testid={`deed-${kind}`}
            >
              <Text className='land-check__box' {...decorativeProps()}>
                {deedKind === kind ? '✓' : ''}
              </Text>
              <Text>{deedKindLabels[kind]}</Text>
            </View>
          ))}
        </View>
        <Text className='xy-card__text land-block'>事迹日期（如 2026-03-01）</Text>
        <Input
          className='land-input'
          {...fieldLabel('事迹日期')}
          value={deedDate}
          onInput={(event) => setDeedDate(event.detail.value)}
          data-testid='deed-date'
        />
        <Text className='xy-card__text land-block'>经过（谁家、什么事、怎么简办的）</Text>
        <Textarea
          className='land-input land-textarea'
          {...fieldLabel('经过')}
          value={notes}
          maxlength={500}
          onInput={(event) => setNotes(event.detail.value)}
          data-testid='deed-notes'
        />
      </View>

      <View className='xy-card'>
        <Text className='xy-card__title land-block'>3. 证明照片</Text>
        <PhotoPicker photos={photos} onChange={setPhotos} disabled={busy !== null} />
      </View>

      <View className='land-control'>
        {busy && (
          <Text className='land-pending' data-testid='nominate-progress'>
            {busy}
          </Text>
        )}
        <Button
          className='xy-full-button land-button'
          type='primary'
          loading={busy !== null}
          disabled={!chosen || chosen.nominated}
          onClick={() => void submit()}
          data-testid='submit-nomination'
        >
          {canNominateOthers ? '提交提名' : '提交申请'}
        </Button>
        {error && <ErrorNotice error={error} />}
      </View>
    </PageShell>
  )
}
