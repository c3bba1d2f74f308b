import { ComingSoon } from '@/components/coming-soon'

export default function WorkshopPage() {
  return (
    <ComingSoon
      testId='workshop-page'
      title='微工厂计件'
      description='客户点单、工坊分料、农户加工，交货验收后按合格件数和计件单价生成工资单。'
    />
  )
}
