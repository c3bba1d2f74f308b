import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatYuan, type WorkshopDetail } from '@shared/piecework'
import { createOrder, fetchWorkshopDetail } from '@/api/piecework'
import { PageShell } from '@/components/page-shell'
import { fieldLabel } from '@/lib/a11y'
import { useAction } from '@/lib/use-action'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { Bar, Choice, Choices, MissingWorkshop, useWorkshopId } from '../ui'
import { todayInChina } from '@shared/time'
import '../piecework.scss'
import { LoadState } from '@/components/async-view'
import { refusalLine } from '@/api/api-error'

function NewOrder({ detail, onDone }: { detail: WorkshopDetail; onDone: () => void }) {
  const [productId, setProductId] = useState(detail.products[0]?.id ?? '')
  const [customer, setCustomer] = useState('')
  const [quantity, setQuantity] = useState('')
  const [price, setPrice] = useState('')
  const [dueOn, setDueOn] = useState(todayInChina())
  const action = useAction()
  // A refusal for one field says which; any other refusal says what happened.
  const problem = action.error ? refusalLine(action.error) : null
  const busy = action.busy
  const submit = async () => {
    const unitPriceFen = Math.round(Number(price) * 100)
    const created = await action.run(() =>
      createOrder({ workshopId: detail.workshop.id, customer, productId, quantity: Number(quantity), dueOn, unitPriceFen }),
    )
    if (created === null) return
    void Taro.showToast({ title: '订单已登记', icon: 'success' })
    setCustomer('')
    setQuantity('')
    setPrice('')
    onDone()
  }
  return (
    <View className='xy-card'>
      <Text className='xy-card__title'>登记新订单</Text>
      <Choices label='产品'>
        {detail.products.map((p) => (
          <Choice key={p.id} label={p.name} on={p.id === productId} onChoose={() => setProductId(p.id)} />
        ))}
      </Choices>
      <Text>客户</Text>
      <Input
        className='piecework-input'
        {...fieldLabel('客户')}
        value={customer}
        maxlength={60}
        placeholder='客户名称'
        onInput={(e) => setCustomer(e.detail.value)}
      />
      <Text>数量（件）</Text>
      <Input className='piecework-input' {...fieldLabel('数量（件）')} type='number' value={quantity} onInput={(e) => setQuantity(e.detail.value)} />
      <Text>单价（元/件）</Text>
      <Input className='piecework-input' {...fieldLabel('单价（元/件）')} type='digit' value={price} onInput={(e) => setPrice(e.detail.value)} />
      <Text>交货日期</Text>
      <Input className='piecework-input' {...fieldLabel('交货日期')} value={dueOn} placeholder='2025-06-30' onInput={(e) => setDueOn(e.detail.value)} />
      {problem && (
        <View className='xy-alert'>
          <Text>{problem}</Text>
        </View>
      )}
      <Button className='xy-full-button' type='primary' block loading={busy} onClick={() => void submit()}>
        登记订单
      </Button>
    </View>
  )
}

export default function OrdersPage() {
  const loggedIn = useRequireLogin()
  const workshopId = useWorkshopId()
  const { state, reload } = useAsync(() => fetchWorkshopDetail(workshopId ?? ''), [workshopId], { enabled: loggedIn && workshopId !== null })
  if (workshopId === null) return <MissingWorkshop />
  return (
    <PageShell testId='workshop-orders'>
      <Text className='xy-page-title'>客户订单</Text>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && (
        <>
          {state.data.orders.map((order) => (
            <View key={order.id} className='xy-card' data-testid='order'>
              <Text className='xy-card__title'>{order.customer}</Text>
              <Text className='xy-card__text'>
                {order.productName} {order.quantity} 件 · 每件 {formatYuan(order.unitPriceFen)} 元 · {order.dueOn} 交货
              </Text>
              <Bar value={order.acceptedPieces} max={order.quantity} label={`已验收合格 ${order.acceptedPieces} / ${order.quantity}`} />
            </View>
          ))}
          {state.data.workshop.isHead && <NewOrder detail={state.data} onDone={reload} />}
        </>
      )}
    </PageShell>
  )
}
