import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import QRCode from 'qrcode'
import { formatTicketCode, type Ticket } from '@shared/piecework'
import { fetchTickets } from '@/api/piecework'
import { PageShell } from '@/components/page-shell'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { chinaDateTimeOf } from '@shared/time'
import { Choice, Choices, MissingWorkshop, useWorkshopId } from '../ui'
import '../piecework.scss'
import { LoadState } from '@/components/async-view'

/** QR codes drawn on the phone (the `qrcode` package, as SVG): the label sheet needs no round trip per ticket. */
function useQrImages(tickets: readonly Ticket[]): ReadonlyMap<string, string> {
  const [images, setImages] = useState<ReadonlyMap<string, string>>(new Map())
  const key = tickets.map((t) => t.code).join(',')
  useEffect(() => {
    let live = true
    void Promise.all(tickets.map(async (t) => [t.code, await QRCode.toString(t.qrText, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' })] as const)).then(
      (pairs) => {
        if (live) setImages(new Map(pairs.map(([code, svg]) => [code, `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`])))
      },
    )
    return () => {
      live = false
    }
    // The codes decide the images; the array itself is new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  return images
}

/** One label: what the household and the head read, and the code the phone scans. */
function Label({ ticket, qr }: { ticket: Ticket; qr: string | undefined }) {
  return (
    <View className='piecework-label' data-testid='ticket-label'>
      {/* A box of fixed size around the image; a plain img (plugin-html makes it an Image in WeChat) so it has its alt text. */}
      <View className='piecework-label__qr'>
        {qr && <img className='piecework-label__img' src={qr} alt={`扎票 ${formatTicketCode(ticket.code)} 的二维码`} />}
      </View>
      <View className='piecework-label__text'>
        <Text className='piecework-label__code'>{formatTicketCode(ticket.code)}</Text>
        <Text className='piecework-label__line'>{ticket.workerName}</Text>
        <Text className='piecework-label__line'>
          {ticket.operationName} {ticket.pieces} 件
        </Text>
        <Text className='piecework-label__small'>
          {ticket.productName} · {ticket.issuedOn}
        </Text>
      </View>
    </View>
  )
}

export default function TicketsPage() {
  const loggedIn = useRequireLogin()
  const workshopId = useWorkshopId()
  const { params } = useRouter()
  // Straight after an issue: only the tickets just cut (codes in the address).
  const only = typeof params.codes === 'string' && params.codes !== '' ? new Set(decodeURIComponent(params.codes).split(',')) : null
  const [show, setShow] = useState<'open' | 'collected'>('open')
  const { state, reload } = useAsync(() => fetchTickets(workshopId ?? ''), [workshopId], { enabled: loggedIn && workshopId !== null })
  const all = state.status === 'ready' ? state.data.tickets : []
  const open = all.filter((t) => t.collected === null && (only === null || only.has(t.code)))
  const collected = all.filter((t) => t.collected !== null)
  const images = useQrImages(open)
  if (workshopId === null) return <MissingWorkshop />
  return (
    <PageShell testId='workshop-tickets'>
      <View className='piecework-no-print'>
        <Text className='xy-page-title'>扎票</Text>
        <LoadState state={state} reload={reload} />
        {state.status === 'ready' && (
          <View className='xy-card' data-testid='ticket-reconciliation'>
            <Text className='xy-card__text'>
              发出 {state.data.summary.issued} 张，已收回 {state.data.summary.collected} 张
            </Text>
            <Text className='xy-card__title'>
              还没收回 {state.data.summary.open} 张，共 {state.data.summary.openPieces} 件
            </Text>
          </View>
        )}
        <Choices label='看哪些扎票'>
          <Choice label={`还没收回（${open.length}）`} on={show === 'open'} onChoose={() => setShow('open')} testId='show-open' />
          <Choice label={`已收回（${collected.length}）`} on={show === 'collected'} onChoose={() => setShow('collected')} testId='show-collected' />
        </Choices>
        {show === 'open' && open.length > 0 && process.env.TARO_ENV === 'h5' && (
          <Button className='xy-full-button' type='primary' size='large' block onClick={() => window.print()} data-testid='print-tickets'>
            打印这 {open.length} 张扎票（A4 标签纸）
          </Button>
        )}
        {show === 'open' && open.length > 0 && process.env.TARO_ENV !== 'h5' && (
          <Text className='xy-muted'>打印扎票请在电脑或手机浏览器里打开乡约网页版。</Text>
        )}
        {show === 'collected' &&
          collected.map((t) => (
            <View key={t.id} className='piecework-table-line' data-testid='collected-ticket'>
              <Text>
                {formatTicketCode(t.code)} {t.workerName} {t.pieces} 件
              </Text>
              <Text className='xy-muted'>{t.collected ? `${chinaDateTimeOf(new Date(t.collected.at))} ${t.collected.byName}收` : ''}</Text>
            </View>
          ))}
      </View>
      {show === 'open' && (
        <View className='piecework-label-sheet' data-testid='label-sheet'>
          {open.map((t) => (
            <Label key={t.id} ticket={t} qr={images.get(t.code)} />
          ))}
          {state.status === 'ready' && open.length === 0 && <Text className='xy-muted'>没有还没收回的扎票</Text>}
        </View>
      )}
    </PageShell>
  )
}
