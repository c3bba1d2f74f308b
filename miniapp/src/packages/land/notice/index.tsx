import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { noticePaper, objectionHowTo, type Notice, type NoticePaper } from '@shared/land'
import { confirmNotice, fetchNotice, fetchPublicNotice, fileObjection, replyObjection } from '@/api/land'
import { toApiError } from '@/api/api-error'
import { ErrorNotice } from '@/components/error-notice'
import { PageShell } from '@/components/page-shell'
import { ReadAloudButton } from '@/components/read-aloud-button'
import { pages, pageUrl } from '@/lib/pages'
import { goToLogin } from '@/lib/routes'
import { isLoggedIn } from '@/lib/session'
import { useAction } from '@/lib/use-action'
import { useAsync } from '@/lib/use-async'
import { useVillageId } from '@/lib/use-village-id'
import { mu, openLandPage, TallyTable, useIsLeader, verdictLine } from '../ui'
import { noticeReadAloudText } from './read-aloud'
import '../land.scss'
import { todayInChina } from '@shared/time'
import { LoadState } from '@/components/async-view'

const statusLabels = { open: '公示中', locked: '已确认', withdrawn: '已撤回' } as const

/** The bulletin-board copy, the same on screen, on paper and for a stranger who scanned its QR code. */
function Paper({ paper }: { paper: NoticePaper }) {
  return (
    <View className='land-notice'>
      <Text className='xy-page-title' data-testid='notice-title'>
        {paper.villageName}
        {paper.year}年移风易俗先进典型奖励耕地公示
      </Text>
      <ReadAloudButton text={noticeReadAloudText(paper)} />
      {paper.correctedBy && (
        <View className='xy-alert land-block' data-testid='notice-corrected-by'>
          <Text>
            本公示的结果已于{paper.correctedBy.publishedOn}更正，以更正公示为准。更正理由：{paper.correctedBy.reason}
          </Text>
        </View>
      )}
      {paper.isCorrection && (
        <View className='xy-alert land-block' data-testid='notice-correction'>
          <Text>
            更正公示{paper.correctsPublishedOn ? `（更正${paper.correctsPublishedOn}公布的结果）` : ''}。更正理由：{paper.correctionReason}
          </Text>
        </View>
      )}
      {paper.isRepublication && (
        <Text className='xy-alert' data-testid='notice-replaces'>
          重新公示：原公示已撤回重新表决，原公示收到的异议和答复一并列在下面。
        </Text>
      )}
      <Text className='xy-card__text land-block'>
        公示期：{paper.publishedOn} 至 {paper.endsOn}（{paper.periodDays}天）　状态：{statusLabels[paper.status]}
      </Text>
      <Text className='xy-section-title'>
        获奖户（每户{mu(paper.perHouseholdTenthMu)}，{paper.season}免费耕种）
      </Text>
      <View className='xy-card' data-testid='notice-awards'>
        {paper.awards.map((award) => (
          <View className='land-row' key={`${award.rank}-${award.householdLabel}`}>
            <Text>
              {award.rank}. {award.householdLabel}
            </Text>
            <Text className='land-row__value'>{award.parcels.join('、') || mu(award.tenthMu)}</Text>
          </View>
        ))}
      </View>
      {paper.waitlisted.length > 0 && <Text className='xy-card__text land-block'>按会议通过的排序，因耕地不足未获奖：{paper.waitlisted.join('、')}</Text>}
      <Text className='xy-section-title'>表决结果</Text>
      {paper.motions.length === 0 && (
        // A year recorded from the village's paper archive, before its votes were taken in the app.
        <Text className='xy-card__text land-block' data-testid='notice-no-motions'>
          这一年的表决不在乡约里进行，表决结果以村里存档的会议记录为准。
        </Text>
      )}
      {paper.motions.map((motion) => (
        <View key={motion.title}>
          <Text className='xy-card__title land-block'>{motion.title}</Text>
          <TallyTable tally={motion.result} />
        </View>
      ))}
      {/* Kept together so the verdict, how to object and the QR code print on the same (last) page. */}
      <View className='land-notice-end' data-testid='notice-end'>
        {paper.motions.length > 0 && (
          <Text className='xy-card__title land-block' data-testid='notice-verdict'>
            结论：{paper.motions.map((motion) => `${motion.title}，${verdictLine(motion.result, false)}`).join('；')}
          </Text>
        )}
        <Text className='xy-card__text land-how-to' data-testid='notice-how-to'>
          {objectionHowTo(paper.endsOn)}
        </Text>
        {/* A plain img (plugin-html makes it an Image in WeChat) so that it carries its alt text. */}
        <img
          className='land-qr'
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(paper.qrSvg)}`}
          alt='本公示的二维码：用手机扫码，在网上查看这份公示'
          data-testid='notice-qr'
        />
        <Text className='land-url' data-testid='notice-url'>
          扫码查看网上公示：{paper.url}
        </Text>
      </View>
    </View>
  )
}

/** The paper of a corrected notice still hangs on the board: its reader is sent to the correction. */
function CorrectionLink({ paper, villageId }: { paper: NoticePaper; villageId: string | null }) {
  if (!paper.correctedBy) return null
  const correctionId = paper.correctedBy.id
  return (
    <Button
      className='xy-full-button land-button'
      type='primary'
      onClick={() => void Taro.redirectTo({ url: pageUrl(pages.land.notice, { noticeId: correctionId, villageId: villageId || undefined }) })}
      data-testid='open-correction'
    >
      查看更正公示
    </Button>
  )
}

function PrintButton() {
  if (process.env.TARO_ENV !== 'h5') return null
  return (
    <Button className='xy-full-button land-button' fill='outline' onClick={() => window.print()} data-testid='print-notice'>
      打印公示（张贴到公告栏）
    </Button>
  )
}

/**
 * The public notice (村务公开): anyone may read it, logged in or not, of this village or not; a
 * member of the village also sees the objections and, if a branch leader, answers them.
 */
export default function LandNoticePage() {
  const [loggedIn] = useState(isLoggedIn)
  const noticeId = useRouter().params.noticeId ?? ''
  const villageId = useVillageId()
  const { state, reload } = useAsync(
    async (): Promise<{ paper: NoticePaper; full: Notice | null }> => {
      if (loggedIn) {
        try {
          const full = await fetchNotice(noticeId)
          return { paper: noticePaper(full), full }
        } catch (caught) {
          // A visitor from another village reads what the bulletin board shows.
          if (toApiError(caught).code !== 'not_member_of_village') throw caught
        }
      }
      return { paper: await fetchPublicNotice(noticeId), full: null }
    },
    [noticeId],
    { enabled: noticeId !== '' },
  )

  if (state.status !== 'ready')
    return (
      <PageShell>
        <LoadState state={state} reload={reload} />
      </PageShell>
    )
  const { paper, full } = state.data
  if (!full) {
    return (
      <PageShell testId='land-notice'>
        <Paper paper={paper} />
        <View className='land-no-print' data-testid='notice-public'>
          <CorrectionLink paper={paper} villageId={villageId} />
          <PrintButton />
          {!loggedIn && (
            <View className='xy-card'>
              <Text className='xy-card__text land-block'>本村村民登录乡约后，可以在这里提出异议、查看答复。</Text>
              <Button className='xy-full-button land-button' type='primary' onClick={() => goToLogin()} data-testid='notice-login'>
                登录后提出异议
              </Button>
            </View>
          )}
        </View>
      </PageShell>
    )
  }
  return <MemberNotice notice={full} paper={paper} villageId={villageId} reload={reload} />
}

function MemberNotice({ notice, paper, villageId, reload }: { notice: Notice; paper: NoticePaper; villageId: string | null; reload: () => void }) {
  const [text, setText] = useState('')
  const [replies, setReplies] = useState<Record<string, string>>({})
  const [done, setDone] = useState<string | null>(null)
  const { busy, error, run } = useAction()
  const leader = useIsLeader(villageId)

  /** True when the work was done; a refusal is kept for the page to show, and what was typed stays. */
  const act = async (work: () => Promise<unknown>, message: string): Promise<boolean> => {
    const result = await run(async () => {
      await work()
      return true
    })
    if (result === null) return false
    setDone(message)
    reload()
    return true
  }

  const today = todayInChina()
  const inPeriod = notice.status === 'open' && today <= notice.endsOn

  return (
    <PageShell testId='land-notice'>
      <Paper paper={paper} />

      <View className='land-no-print'>
        <CorrectionLink paper={paper} villageId={villageId} />
        <PrintButton />
        {error && <ErrorNotice error={error} />}
        {done && (
          <Text className='xy-card xy-ok-box land-block' data-testid='notice-done'>
            {done}
          </Text>
        )}
        <Text className='xy-section-title'>异议（{notice.objections.length}条）</Text>
        {notice.objections.map((objection) => (
          <View className='xy-card' key={objection.id}>
            <Text className='xy-card__text land-block'>
              {objection.filedOn}：{objection.text}
              {objection.mine ? '（我提的）' : ''}
              {objection.earlierNotice ? '（对原公示提出）' : ''}
            </Text>
            <Text className='xy-card__text land-block'>{objection.reply ? `答复：${objection.reply}` : '尚未答复'}</Text>
            {leader && !objection.reply && notice.status === 'open' && (
              <>
                <Textarea
                  className='land-input land-textarea'
                  value={replies[objection.id] ?? ''}
                  maxlength={500}
                  placeholder='书面答复'
                  onInput={(event) => setReplies({ ...replies, [objection.id]: event.detail.value })}
                />
                <Button
                  className='xy-full-button land-button'
                  loading={busy}
                  onClick={() => void act(() => replyObjection(objection.id, (replies[objection.id] ?? '').trim()), '答复已保存')}
                >
                  保存答复
                </Button>
              </>
            )}
          </View>
        ))}
        {inPeriod && (
          <View className='xy-card'>
            <Text className='xy-card__title land-block'>提出异议</Text>
            <Textarea
              className='land-input land-textarea'
              value={text}
              maxlength={500}
              placeholder='请写明哪一户、什么问题'
              onInput={(event) => setText(event.detail.value)}
              data-testid='objection-text'
            />
            <Button
              className='xy-full-button land-button'
              type='primary'
              disabled={text.trim().length === 0}
              loading={busy}
              onClick={() =>
                void act(() => fileObjection(notice.id, text.trim()), '您的异议已提交，书记会书面答复').then((filed) => {
                  // A refused objection keeps its words, for the villager to send again.
                  if (filed) setText('')
                })
              }
              data-testid='file-objection'
            >
              提交异议
            </Button>
          </View>
        )}
        {leader && notice.status === 'open' && (
          <Button
            className='xy-full-button land-button'
            type='primary'
            loading={busy}
            onClick={() => void act(() => confirmNotice(notice.id), '结果已确认并锁定')}
            data-testid='confirm-notice'
          >
            公示期满，确认并锁定结果
          </Button>
        )}
        {leader && notice.status === 'locked' && !notice.correctedBy && villageId && (
          <Button
            className='xy-full-button land-button'
            fill='outline'
            onClick={() => openLandPage('correct', { noticeId: notice.id, villageId })}
            data-testid='open-correct'
          >
            更正结果（另立更正公示，写明理由）
          </Button>
        )}
        {leader && notice.status === 'locked' && villageId && (
          <Button className='xy-full-button' onClick={() => void Taro.navigateTo({ url: pageUrl(pages.land.allocation, { villageId }) })}>
            分配地块
          </Button>
        )}
      </View>
    </PageShell>
  )
}
