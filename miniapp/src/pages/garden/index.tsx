import { ComingSoon } from '@/components/coming-soon'

export default function GardenPage() {
  return (
    <ComingSoon
      testId='garden-page'
      title='共享菜园'
      description='菜园主理人排班浇水、除草、值守门岗，记录收获与志愿服务积分，头茬菜先送院里的老人。'
    />
  )
}
