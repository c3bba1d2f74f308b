import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { dutyScheduleLabel, seasonLabels, seasons, taskKindLabels, taskKinds, type Duty, type RosterProposal, type Season, type TaskKind } from '@shared/garden'
import { localParts, toEpochMinutes } from '@shared/time'
import { createBed, createDuty, createPlanting, fetchBeds, fetchDuties, generateRoster, runReminders, updateDuty } from '@/api/garden'
import { PageShell } from '@/components/page-shell'
import { fieldLabel, pressableProps } from '@/lib/a11y'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { act, hhmm, hours, Hint, openGarden, when, WEEKDAYS } from '../ui'
import { BedCorrection, CorrectionNotes, PlantingCorrection } from '../corrections'
import { UpcomingShifts } from './upcoming-shifts'
import { DecidedBy } from '../matters/decided-by'
import { GardenGate } from '../gate'
import { useGardenNames } from '../names'
import '../garden.scss'
import { LoadState } from '@/components/async-view'

function nextMonth(): string {
  const p = localParts(toEpochMinutes(new Date()))
  const index = p.year * 12 + p.month
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

function RosterReview({ villageId }: { villageId: string }) {
  const month = nextMonth()
  const [proposal, setProposal] = useState<RosterProposal | null>(null)
  const names = useGardenNames(villageId)(proposal?.hours ?? [])
  const run = async (commit: boolean) => {
    const result = await act(() => generateRoster(villageId, month, commit), commit ? '排班已生效' : '排好了，请核对')
    if (result) setProposal(result)
  }
  return (
    <View className='xy-card'>
      <Text className='xy-card__title'>自动排{month}的班</Text>
      <Text className='xy-card__text'>按大家报的空闲时间排，服务时长少的人先排，不会一人同时两个班，也不会超员。</Text>
      <View className='garden-shift__actions'>
        <Button className='garden-button' fill='outline' onClick={() => void run(false)}>
          先看看
        </Button>
        {proposal !== null && !proposal.committed && (
          <Button className='garden-button' type='primary' onClick={() => void run(true)}>
            确认排班
          </Button>
        )}
      </View>
      {proposal !== null && (
        <>
          <Text className='xy-section-title'>
            排了{proposal.assignments.length}人次，{proposal.short.length}个班缺人
          </Text>
          {!proposal.committed && (
            <Text className='xy-card__text'>这只是预览，还没有保存。{proposal.shiftsToCreate > 0 ? `确认后会新建${proposal.shiftsToCreate}个班。` : ''}</Text>
          )}
          {proposal.short.slice(0, 20).map((s) => {
            const w = when(s.startsAt, s.startsAt)
            return (
              <View key={s.shiftId} className='garden-row'>
                <View className='garden-row__main'>
                  <Text className='garden-row__title'>
                    {w.date} {w.weekday} {s.title} 差{s.missing}人
                  </Text>
                  <Text className='garden-row__sub'>{s.reasonLabel}</Text>
                </View>
                <Text className='garden-tag garden-tag--warn'>缺人</Text>
              </View>
            )
          })}
          <Text className='xy-section-title'>每人本月时长</Text>
          {proposal.hours.map((h) => (
            <View key={h.personId} className='garden-row'>
              <Text className='garden-row__title' data-testid='garden-roster-person'>
                {names.get(h.personId) ?? h.name}
              </Text>
              <Text className='garden-row__sub'>{hours(h.minutes)}小时</Text>
            </View>
          ))}
          <Button className='garden-button' fill='outline' block onClick={() => openGarden('month', villageId)}>
            到月历里手动调整
          </Button>
        </>
      )}
    </View>
  )
}

/** A duty with its schedule: pause or resume it, and tap the seasons it runs in (none lit: all year). */
export function DutyRow({ duty, villageId, onChange }: { duty: Duty; villageId: string; onChange: () => void }) {
  const toggleSeason = (season: Season) => {
    const next = duty.seasons.includes(season) ? duty.seasons.filter((s) => s !== season) : [...duty.seasons, season]
    void act(
      () => updateDuty(villageId, duty.id, { seasons: next }),
      next.length === 0 ? '改为全年排班' : `只在${next.map((s) => seasonLabels[s]).join('、')}排班`,
      onChange,
    )
  }
  return (
    <View
      className={duty.paused ? 'garden-row garden-row--paused' : 'garden-row'}
      data-testid='garden-duty'
      data-duty-id={duty.id}
      data-paused={duty.paused ? '1' : '0'}
    >
      <View className='garden-row__main'>
        <Text className='garden-row__title'>{duty.title}</Text>
        <Text className='garden-row__sub'>
          {duty.weekdays.length === 7 ? '每天' : duty.weekdays.map((w) => WEEKDAYS[w]).join('')} {hhmm(duty.startMinute)}–
          {hhmm(duty.startMinute + duty.durationMinutes)} · {duty.capacity}人{duty.unpopular ? ' · 冷门班' : ''}
        </Text>
        <Text className='garden-row__sub' data-testid='garden-duty-schedule'>
          排班：{dutyScheduleLabel(duty)}
        </Text>
        {duty.paused && <DecidedBy villageId={villageId} subjectId={duty.id} />}
        <View className='garden-shift__actions'>
          {seasons.map((season) => (
            <Text
              key={season}
              className={duty.seasons.includes(season) ? 'garden-chip garden-chip--on' : 'garden-chip'}
              {...pressableProps('checkbox', { checked: duty.seasons.includes(season) })}
              data-testid='garden-duty-season'
              onClick={() => toggleSeason(season)}
            >
              {seasonLabels[season]}
            </Text>
          ))}
        </View>
      </View>
      <Button
        className='garden-button'
        fill={duty.paused ? 'solid' : 'outline'}
        type={duty.paused ? 'primary' : 'default'}
        data-testid='garden-duty-pause'
        onClick={() =>
          void act(
            () => updateDuty(villageId, duty.id, { paused: !duty.paused }),
            duty.paused ? '已恢复，下次排班会排上' : '已暂停，以后不再排这个班',
            onChange,
          )
        }
      >
        {duty.paused ? '恢复' : '暂停'}
      </Button>
    </View>
  )
}

function GardenStewardContent() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const [bedName, setBedName] = useState('')
  const [bedArea, setBedArea] = useState('')
  const [bedPlace, setBedPlace] = useState('')
  const [crop, setCrop] = useState('')
  const [cropBed, setCropBed] = useState('')
  const [dutyTitle, setDutyTitle] = useState('')
  const [dutyKind, setDutyKind] = useState<TaskKind>('watering')
  const [dutyDays, setDutyDays] = useState<number[]>([6])
  const [dutyHour, setDutyHour] = useState('9')
  const [dutyCapacity, setDutyCapacity] = useState('2')
  /** The bed or planting whose correction form is open: `bed:<id>` or `planting:<id>`. */
  const [correcting, setCorrecting] = useState<string | null>(null)
  const { state, reload } = useAsync(
    async () => {
      const [beds, duties] = await Promise.all([fetchBeds(villageId ?? ''), fetchDuties(villageId ?? '')])
      return { beds: beds.beds, duties: duties.duties }
    },
    [villageId],
    { enabled: loggedIn && villageId !== null },
  )
  if (villageId === null) return <Hint>缺少社区信息，请从“菜园”页进入。</Hint>
  const today = localParts(toEpochMinutes(new Date()))
  const todayKey = `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`
  return (
    <PageShell testId='garden-steward'>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && (
        <>
          <Text className='xy-section-title'>近期的班</Text>
          <UpcomingShifts villageId={villageId} />
          <Button className='garden-button' fill='outline' block data-testid='garden-steward-add-shift' onClick={() => openGarden('month', villageId)}>
            加临时班（到月历里点那一天）
          </Button>
          <Text className='xy-section-title'>排班</Text>
          <RosterReview villageId={villageId} />
          <View className='xy-card'>
            <Text className='xy-card__title'>明天值班提醒</Text>
            <Text className='xy-card__text'>每天晚上7点自动发出（8点半再补发一次）；急用时可以现在就发。</Text>
            <Button
              className='garden-button'
              type='primary'
              block
              onClick={() =>
                void act(
                  () => runReminders(villageId),
                  (r) => `微信发出${r.sent}条`,
                )
              }
            >
              给明天值班的人发提醒
            </Button>
          </View>

          <Text className='xy-section-title'>固定值班</Text>
          <View className='xy-card'>
            <Text className='xy-card__text'>点季节只在那几个季节排班（都不点就是全年）；暂停的值班不再排，已经排出的班请在上面的近期班次里取消。</Text>
            {state.data.duties.map((d) => (
              <DutyRow key={d.id} duty={d} villageId={villageId} onChange={reload} />
            ))}
            <Input
              className='garden-input'
              type='text'
              {...fieldLabel('新值班名称')}
              placeholder='新值班名称，如 周六除草'
              value={dutyTitle}
              onInput={(e) => setDutyTitle(e.detail.value)}
            />
            <View className='garden-shift__actions'>
              {taskKinds.map((k) => (
                <Text
                  key={k}
                  className={dutyKind === k ? 'garden-chip garden-chip--on' : 'garden-chip'}
                  {...pressableProps('radio', { checked: dutyKind === k })}
                  onClick={() => setDutyKind(k)}
                >
                  {taskKindLabels[k]}
                </Text>
              ))}
            </View>
            <View className='garden-shift__actions'>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <Text
                  key={d}
                  className={dutyDays.includes(d) ? 'garden-chip garden-chip--on' : 'garden-chip'}
                  {...pressableProps('checkbox', { checked: dutyDays.includes(d) })}
                  onClick={() => setDutyDays((list) => (list.includes(d) ? list.filter((x) => x !== d) : [...list, d]))}
                >
                  {WEEKDAYS[d]}
                </Text>
              ))}
            </View>
            <Input
              className='garden-input'
              type='number'
              {...fieldLabel('几点开始（0–23）')}
              placeholder='几点开始（0–23）'
              value={dutyHour}
              onInput={(e) => setDutyHour(e.detail.value)}
            />
            <Input
              className='garden-input'
              type='number'
              {...fieldLabel('需要几个人')}
              placeholder='需要几个人'
              value={dutyCapacity}
              onInput={(e) => setDutyCapacity(e.detail.value)}
            />
            <Button
              className='garden-button'
              type='primary'
              block
              onClick={() =>
                void act(
                  () =>
                    createDuty(villageId, {
                      title: dutyTitle,
                      kind: dutyKind,
                      weekdays: dutyDays,
                      startMinute: Number(dutyHour) * 60,
                      durationMinutes: 60,
                      capacity: Number(dutyCapacity),
                      unpopular: dutyKind === 'gate' || dutyKind === 'cleaning',
                    }),
                  '值班已添加',
                  reload,
                )
              }
            >
              添加值班（每次1小时）
            </Button>
          </View>

          <Text className='xy-section-title'>菜畦和种植</Text>
          {state.data.beds.length === 0 && <Hint>还没有菜畦。在下面添加第一块，菜园就办起来了。</Hint>}
          {state.data.beds.map((b) => (
            <View key={b.id} className='xy-card' data-testid='garden-bed' data-bed-id={b.id}>
              <Text className='xy-card__title'>
                {b.name} · {b.positionLabel} · {(b.areaDm2 / 100).toFixed(1)}平方米
              </Text>
              <CorrectionNotes corrections={b.corrections} />
              {b.plantings.length === 0 && <Text className='xy-card__text'>空着</Text>}
              {b.plantings.map((p) => (
                <View key={p.id} data-testid='garden-planting' data-planting-id={p.id}>
                  <View className='garden-row'>
                    <View className='garden-row__main'>
                      <Text className='garden-row__title'>{p.crop}</Text>
                      <Text className='garden-row__sub'>
                        {p.sownOn}播种{p.expectedHarvestOn !== null ? `，预计${p.expectedHarvestOn}采收` : ''}
                      </Text>
                      <CorrectionNotes corrections={p.corrections} />
                    </View>
                    {correcting !== `planting:${p.id}` && (
                      <Button className='garden-button' fill='outline' data-testid='garden-correct-planting' onClick={() => setCorrecting(`planting:${p.id}`)}>
                        更正
                      </Button>
                    )}
                  </View>
                  {correcting === `planting:${p.id}` && (
                    <PlantingCorrection villageId={villageId} planting={p} beds={state.data.beds} onClose={() => setCorrecting(null)} onDone={reload} />
                  )}
                </View>
              ))}
              <View className='garden-shift__actions'>
                <Text
                  className={cropBed === b.id ? 'garden-chip garden-chip--on' : 'garden-chip'}
                  {...pressableProps('radio', { checked: cropBed === b.id })}
                  onClick={() => setCropBed(b.id)}
                >
                  {cropBed === b.id ? '已选这块' : '在这块种菜'}
                </Text>
                {correcting !== `bed:${b.id}` && (
                  <Button className='garden-button' fill='outline' data-testid='garden-correct-bed' onClick={() => setCorrecting(`bed:${b.id}`)}>
                    更正菜畦
                  </Button>
                )}
              </View>
              {correcting === `bed:${b.id}` && <BedCorrection villageId={villageId} bed={b} onClose={() => setCorrecting(null)} onDone={reload} />}
            </View>
          ))}
          <View className='xy-card'>
            <Input
              className='garden-input'
              type='text'
              {...fieldLabel('种什么菜')}
              placeholder='种什么菜（先点上面一块菜畦）'
              value={crop}
              onInput={(e) => setCrop(e.detail.value)}
            />
            {cropBed !== '' && (
              <Button
                className='garden-button'
                type='primary'
                block
                onClick={() => void act(() => createPlanting(villageId, cropBed, crop, todayKey), '已登记种植', reload)}
              >
                登记今天播种
              </Button>
            )}
          </View>
          <View className='xy-card'>
            <Input
              className='garden-input'
              type='text'
              {...fieldLabel('新菜畦名称')}
              placeholder='新菜畦名称，如 九号畦'
              value={bedName}
              onInput={(e) => setBedName(e.detail.value)}
            />
            <Input
              className='garden-input'
              type='number'
              {...fieldLabel('面积（平方米）')}
              placeholder='面积（平方米）'
              value={bedArea}
              onInput={(e) => setBedArea(e.detail.value)}
            />
            <Input
              className='garden-input'
              type='text'
              {...fieldLabel('菜畦位置')}
              placeholder='位置，如 院门东侧'
              value={bedPlace}
              onInput={(e) => setBedPlace(e.detail.value)}
            />
            <Button
              className='garden-button'
              type='primary'
              block
              onClick={() => void act(() => createBed(villageId, bedName, Math.round(Number(bedArea) * 100), bedPlace), '菜畦已添加', reload)}
            >
              添加菜畦
            </Button>
          </View>
          <View className='garden-nav'>
            <View className='garden-nav__item' {...pressableProps('button')} onClick={() => openGarden('harvests', villageId)}>
              收获与分菜
            </View>
            <View className='garden-nav__item' {...pressableProps('button')} onClick={() => openGarden('points', villageId)}>
              积分规则
            </View>
            <View className='garden-nav__item' {...pressableProps('button')} onClick={() => openGarden('shop', villageId)}>
              积分超市 · 发放奖品
            </View>
          </View>
        </>
      )}
    </PageShell>
  )
}

export default function GardenStewardPage() {
  return (
    <GardenGate testId='garden-steward' steward>
      <GardenStewardContent />
    </GardenGate>
  )
}
