import { useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { todayInChina } from '@shared/time'
import { createYear } from '@/api/land'
import { ErrorNotice } from '@/components/error-notice'
import { PageShell } from '@/components/page-shell'
import { fieldLabel } from '@/lib/a11y'
import { useAction } from '@/lib/use-action'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import '../land.scss'

/** Parcels one per line, "名称 亩数" (e.g. "西大甸子地块 12"); areas kept in tenth-mu. */
function parseParcels(text: string): { name: string; areaTenthMu: number }[] | null {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
  const parcels = lines.map((line) => {
    const match = /^(.+?)\s+(\d+(?:\.\d)?)$/.exec(line)
    return match?.[1] && match[2] ? { name: match[1], areaTenthMu: Math.round(Number(match[2]) * 10) } : null
  })
  return parcels.every((parcel) => parcel !== null) && parcels.length > 0 ? (parcels as { name: string; areaTenthMu: number }[]) : null
}

export default function LandSetupPage() {
  useRequireLogin()
  const villageId = useVillageId()
  const [year, setYear] = useState(String(Number(todayInChina().slice(0, 4)) + 1))
  const [share, setShare] = useState('12')
  const [season, setSeason] = useState('')
  const [parcels, setParcels] = useState('')
  const { busy, error, run, fail } = useAction()
  const [done, setDone] = useState(false)

  const submit = async () => {
    const list = parseParcels(parcels)
    if (!villageId || !list) {
      fail('地块请每行写一块：名称 空格 亩数')
      return
    }
    const result = await run(() =>
      createYear({
        villageId,
        year: Number(year),
        perHouseholdTenthMu: Math.round(Number(share) * 10),
        season: season.trim() || `${Number(year) + 1}年春播至秋收`,
        parcels: list,
      }),
    )
    if (result === null) return
    setDone(true)
  }

  return (
    <PageShell testId='land-setup'>
      <Text className='xy-page-title'>设置奖励耕地</Text>
      {error && <ErrorNotice error={error} />}
      {done ? (
        <Text className='xy-card xy-ok-box'>已设置，可以开始提名了</Text>
      ) : (
        <View className='xy-card'>
          <Text className='xy-card__text'>评选年度</Text>
          <Input className='land-input' {...fieldLabel('评选年度')} type='number' value={year} onInput={(event) => setYear(event.detail.value)} />
          <Text className='xy-card__text'>每户奖励亩数</Text>
          <Input className='land-input' {...fieldLabel('每户奖励亩数')} type='digit' value={share} onInput={(event) => setShare(event.detail.value)} />
          <Text className='xy-card__text'>承包季（如：2028年春播至秋收）</Text>
          <Input className='land-input' {...fieldLabel('承包季')} value={season} onInput={(event) => setSeason(event.detail.value)} />
          <Text className='xy-card__text'>奖励地块（每行一块：名称 亩数）</Text>
          <Textarea
            className='land-input land-textarea'
            {...fieldLabel('奖励地块，每行一块：名称 亩数')}
            value={parcels}
            onInput={(event) => setParcels(event.detail.value)}
          />
          <Button className='xy-full-button' type='primary' loading={busy} onClick={() => void submit()}>
            保存
          </Button>
        </View>
      )}
    </PageShell>
  )
}
