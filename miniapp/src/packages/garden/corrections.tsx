import { useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { errorCatalog } from '@shared/errors'
import { correctionNote, harvestTotal, type Bed, type Correction, type Planting } from '@shared/garden'
import { dateKeySchema } from '@shared/time'
import { correctBed, correctHarvest, correctPlanting, type fetchHarvests } from '@/api/garden'
import { fieldLabel, groupProps, pressableProps } from '@/lib/a11y'
import { useAction } from '@/lib/use-action'
import { REASON_MAX } from './give-back'

type Harvest = Awaited<ReturnType<typeof fetchHarvests>>['harvests'][number]

/** Under a corrected value, for everyone: "已更正（数量原为5.0公斤；原因：…）· 马淑兰". */
export function CorrectionNotes({ corrections }: { corrections: readonly Correction[] }) {
  return (
    <>
      {corrections.map((c) => (
        <Text key={c.at} className='garden-corrected' data-testid='garden-corrected'>
          {correctionNote(c)} · {c.by}
        </Text>
      ))}
    </>
  )
}

interface FieldSpec {
  key: string
  label: string
  type?: 'text' | 'number' | 'digit'
  placeholder?: string
}

/**
 * A correction form: the fields as they stand, a required reason, and the problem said beside
 * the form (not in a pop-up that hides what was typed). Sends only the fields that changed.
 */
function CorrectionForm({
  title,
  fields,
  initial,
  build,
  send,
  onClose,
  onDone,
  children,
}: {
  title: string
  fields: FieldSpec[]
  initial: Record<string, string>
  /** the change to send, or a problem to show */
  build: (values: Record<string, string>) => { change: Record<string, unknown> } | { problem: string }
  send: (change: Record<string, unknown>, reason: string) => Promise<unknown>
  onClose: () => void
  onDone: () => void
  children?: ReactNode
}) {
  const [values, setValues] = useState(initial)
  const [reason, setReason] = useState('')
  const { busy: sending, error, run, fail } = useAction()
  const problem = error?.message ?? null
  const submit = async () => {
    const built = build(values)
    if ('problem' in built) return fail(built.problem)
    if (Object.keys(built.change).length === 0) return fail(errorCatalog.garden_correction_no_change.message)
    if (reason.trim() === '') return fail('请写上为什么更正，大家都会看到')
    // `send` may resolve to nothing; only a refusal keeps the form open.
    const sent = await run(async () => {
      await send(built.change, reason.trim())
      return true
    })
    if (sent === null) return
    void Taro.showToast({ title: '已更正', icon: 'success', duration: 2000 })
    onClose()
    onDone()
  }
  return (
    <View className='garden-correct-form' data-testid='garden-correct-form'>
      <Text className='garden-reason__label'>{title}</Text>
      <Text className='garden-reason__note'>原来的记录会留着，大家看到的是更正后的，旁边写着原来是什么、为什么改。</Text>
      {fields.map((f) => (
        <View key={f.key} className='garden-field'>
          <Text className='garden-field__label'>{f.label}</Text>
          <Input
            className='garden-input'
            type={f.type ?? 'text'}
            {...fieldLabel(f.label)}
            placeholder={f.placeholder ?? ''}
            value={values[f.key] ?? ''}
            onInput={(e) => setValues((v) => ({ ...v, [f.key]: e.detail.value }))}
            data-testid={`garden-correct-${f.key}`}
          />
        </View>
      ))}
      {children}
      <View className='garden-field'>
        <Text className='garden-field__label'>为什么更正</Text>
        <Input
          className='garden-input'
          type='text'
          {...fieldLabel('为什么更正')}
          maxlength={REASON_MAX}
          placeholder='必填，如 秤没归零'
          value={reason}
          onInput={(e) => setReason(e.detail.value)}
          data-testid='garden-correct-reason'
        />
      </View>
      {problem !== null && (
        <Text className='garden-field__problem' data-testid='garden-correct-problem'>
          {problem}
        </Text>
      )}
      <View className='garden-shift__actions'>
        <Button className='garden-button' type='primary' data-testid='garden-correct-submit' onClick={() => !sending && void submit()}>
          确认更正
        </Button>
        <Button className='garden-button' fill='outline' onClick={onClose}>
          不改了
        </Button>
      </View>
    </View>
  )
}

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null)

export function BedCorrection({ villageId, bed, onClose, onDone }: { villageId: string; bed: Bed; onClose: () => void; onDone: () => void }) {
  const area = (bed.areaDm2 / 100).toString()
  return (
    <CorrectionForm
      title={`更正${bed.name}`}
      fields={[
        { key: 'name', label: '名称' },
        { key: 'area', label: '面积（平方米）', type: 'digit' },
        { key: 'position', label: '位置' },
      ]}
      initial={{ name: bed.name, area, position: bed.positionLabel }}
      build={(v) => {
        const change: Record<string, unknown> = {}
        const areaM2 = Number(v.area ?? '')
        if (!Number.isFinite(areaM2) || areaM2 < 0.1 || areaM2 > 100) return { problem: '面积要在0.1到100平方米之间' }
        if ((v.name ?? '').trim() === '' || (v.position ?? '').trim() === '') return { problem: '名称和位置不能空着' }
        if ((v.name ?? '').trim() !== bed.name) change.name = (v.name ?? '').trim()
        if (Math.round(areaM2 * 100) !== bed.areaDm2) change.areaDm2 = Math.round(areaM2 * 100)
        if ((v.position ?? '').trim() !== bed.positionLabel) change.positionLabel = (v.position ?? '').trim()
        return { change }
      }}
      send={(change, reason) => correctBed(villageId, bed.id, change, reason)}
      onClose={onClose}
      onDone={onDone}
    />
  )
}

export function PlantingCorrection({
  villageId,
  planting,
  beds,
  onClose,
  onDone,
}: {
  villageId: string
  planting: Planting
  beds: readonly Bed[]
  onClose: () => void
  onDone: () => void
}) {
  const [bedId, setBedId] = useState(planting.bedId)
  return (
    <CorrectionForm
      title={`更正${planting.crop}的种植记录`}
      fields={[
        { key: 'crop', label: '种的什么菜' },
        { key: 'sownOn', label: '播种日期', placeholder: '如 2026-03-30' },
      ]}
      initial={{ crop: planting.crop, sownOn: planting.sownOn }}
      build={(v) => {
        const change: Record<string, unknown> = {}
        const crop = (v.crop ?? '').trim()
        if (crop === '') return { problem: '菜名不能空着' }
        if (!dateKeySchema.safeParse(v.sownOn ?? '').success) return { problem: '播种日期请写成 2026-03-30 这样' }
        if (crop !== planting.crop) change.crop = crop
        if (v.sownOn !== planting.sownOn) change.sownOn = v.sownOn
        if (bedId !== planting.bedId) change.bedId = bedId
        return { change }
      }}
      send={(change, reason) => correctPlanting(villageId, planting.id, change, reason)}
      onClose={onClose}
      onDone={onDone}
    >
      <View className='garden-field'>
        <Text className='garden-field__label'>种在哪块菜畦</Text>
        <View className='garden-shift__actions' {...groupProps('radiogroup', '种在哪块菜畦')}>
          {beds.map((b) => (
            <Text
              key={b.id}
              className={bedId === b.id ? 'garden-chip garden-chip--on' : 'garden-chip'}
              {...pressableProps('radio', { checked: bedId === b.id })}
              onClick={() => setBedId(b.id)}
            >
              {b.name}
            </Text>
          ))}
        </View>
      </View>
    </CorrectionForm>
  )
}

/**
 * A harvest's amount in its own unit, its crop and date. Below what was handed out is said before
 * sending (the shared rule's message); the rules about the 头茬 are the server's to decide, and
 * their refusal is shown here, beside the form.
 */
export function HarvestCorrection({ villageId, harvest, onClose, onDone }: { villageId: string; harvest: Harvest; onClose: () => void; onDone: () => void }) {
  const byWeight = harvest.unit === 'grams'
  return (
    <CorrectionForm
      title={`更正${harvest.crop}这批收获`}
      fields={[
        { key: 'crop', label: '什么菜' },
        { key: 'amount', label: byWeight ? '多少克（1公斤=1000克）' : '多少个', type: 'number' },
        { key: 'harvestedOn', label: '哪天收的', placeholder: '如 2026-05-10' },
      ]}
      initial={{ crop: harvest.crop, amount: String(harvestTotal(harvest)), harvestedOn: harvest.harvestedOn }}
      build={(v) => {
        const change: Record<string, unknown> = {}
        const crop = (v.crop ?? '').trim()
        const amount = wholeNumber(v.amount ?? '')
        if (crop === '') return { problem: '菜名不能空着' }
        if (amount === null || amount < 1) return { problem: errorCatalog.garden_harvest_weight_invalid.message }
        if (amount < harvest.given)
          return { problem: `${errorCatalog.garden_correction_below_shared.message}（已分出去${harvest.given}${byWeight ? '克' : '个'}）` }
        if (!dateKeySchema.safeParse(v.harvestedOn ?? '').success) return { problem: '日期请写成 2026-05-10 这样' }
        if (crop !== harvest.crop) change.crop = crop
        if (amount !== harvestTotal(harvest)) change[byWeight ? 'grams' : 'count'] = amount
        if (v.harvestedOn !== harvest.harvestedOn) change.harvestedOn = v.harvestedOn
        return { change }
      }}
      send={(change, reason) => correctHarvest(villageId, harvest.id, change, reason)}
      onClose={onClose}
      onDone={onDone}
    />
  )
}
