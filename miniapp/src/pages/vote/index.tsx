import { ComingSoon } from '@/components/coming-soon'

export default function VotePage() {
  return (
    <ComingSoon
      testId='vote-page'
      title='移风易俗奖耕地'
      description='村民会议上举手表决或在手机上投票，每位有表决权的村民只算一次，结果公示后可提出异议。'
    />
  )
}
