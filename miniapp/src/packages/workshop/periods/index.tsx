import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import { formatYuan, type Period } from '@shared/piecework'
import { closePeriod, downloadPaySheet, fetchPaySheet, fetchWorkshopDetail } from '@/api/piecework'
import { toApiError } from '@/api/api-error'
import { ErrorNotice } from '@/components/error-notice'
import { LoadingBlock } from '@/components/loading-block'
import { PageShell } from '@/components/page-shell'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { MissingWorkshop, Yuan, useWorkshopId } from '../ui'
import '../workshop.scss'

function PaySheetView({ period, workshopName, isHead, onClosed }: { period: Period; workshopName: string; isHead: boolean; onClosed: () => void }) {
  const { state, reload } = useAsync(() => fetchPaySheet(period.id), [period.id])
  const [confirm, setConfirm] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const close = async () => {
    setConfirm(false)
    try {
      await closePeriod(period.id)
      void Taro.showToast({ title: '已结账', icon: 'success' })
      reload()
      onClosed()
    } catch (error) {
      setProblem(toApiError(error).message)
    }
  }
  const download = async () => {
    try {
      await downloadPaySheet(period.id, `${workshopName}-工资单-${period.name}.xlsx`)
    } catch (error) {
      setProblem(toApiError(error).message)
    }
  }
  return (
    <View className='xy-card' data-testid='pay-sheet'>
      <Text className='xy-card__title'>
        {period.name} 工资单 {period.status === 'closed' ? '（已结账）' : '（未结账）'}
      </Text>
      {state.status === 'loading' && <LoadingBlock />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          {state.data.lines.map((line) => (
            <View key={line.workerId} className='ws-table-line'>
              <Text>
                {line.workerName}　{line.acceptedPieces} 件{line.adjustmentsFen !== 0 ? `　调整 ${formatYuan(line.adjustmentsFen)}` : ''}
              </Text>
              <Text>
                <Yuan fen={line.totalFen} />
              </Text>
            </View>
          ))}
          <View className='ws-table-line'>
            <Text className='xy-card__title'>合计</Text>
            <Text className='xy-card__title'>
              <Yuan fen={state.data.totalFen} />
            </Text>
          </View>
        </>
      )}
      {problem && (
        <View className='xy-alert'>
          <Text>{problem}</Text>
        </View>
      )}
      <Button className='xy-full-button' type='default' block onClick={() => void download()} data-testid='download-pay-sheet'>
        下载工资单（Excel）
      </Button>
      {isHead && period.status === 'open' && (
        <Button className='xy-full-button' type='primary' block onClick={() => setConfirm(true)}>
          结账（结账后不能再改）
        </Button>
      )}
      <Dialog
        visible={confirm}
        title='确认结账'
        content={`结账后「${period.name}」的件数和工资就定下来了，以后的更正记到下一期。`}
        confirmText='结账'
        cancelText='再等等'
        onConfirm={() => void close()}
        onCancel={() => setConfirm(false)}
      />
    </View>
  )
}

export default function PeriodsPage() {
  const loggedIn = useRequireLogin()
  const workshopId = useWorkshopId()
  const { state, reload } = useAsync(() => fetchWorkshopDetail(workshopId ?? ''), [workshopId], { enabled: loggedIn && workshopId !== null })
  const [selected, setSelected] = useState<string | null>(null)
  if (workshopId === null) return <MissingWorkshop />
  return (
    <PageShell testId='workshop-periods'>
      <Text className='xy-page-title'>工资周期</Text>
      {state.status === 'loading' && <LoadingBlock />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          {[...state.data.periods].reverse().map((period) => (
            <View key={period.id}>
              <View className='xy-card' onClick={() => setSelected(selected === period.id ? null : period.id)} data-testid='period'>
                <View className='ws-row'>
                  <Text className='xy-card__title'>{period.name}</Text>
                  <Text className={period.status === 'closed' ? 'xy-muted' : 'xy-ok'}>{period.status === 'closed' ? '已结账' : '进行中'}</Text>
                </View>
                <Text className='xy-card__text'>
                  {period.startsOn} 至 {period.endsOn}　合计 {formatYuan(period.totalFen ?? 0)} 元
                </Text>
              </View>
              {selected === period.id && (
                <PaySheetView period={period} workshopName={state.data.workshop.name} isHead={state.data.workshop.isHead} onClosed={reload} />
              )}
            </View>
          ))}
        </>
      )}
    </PageShell>
  )
}
