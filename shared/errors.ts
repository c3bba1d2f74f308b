import { z } from './zod'

/**
 * The closed list of error codes the API can answer with. Each maps to one HTTP status and one
 * message a villager can read. Clients branch on `code`, never on the message.
 */
export const errorCatalog = {
  invalid_json: { status: 400, message: '提交的内容格式不对，请重试' },
  validation_failed: { status: 400, message: '填写的内容有误，请检查后再提交' },
  unauthenticated: { status: 401, message: '请先登录' },
  session_expired: { status: 401, message: '登录已过期，请重新登录' },
  session_revoked: { status: 401, message: '这台手机已退出登录，请重新登录' },
  rate_limited: { status: 429, message: '尝试次数太多了，请稍后再试' },
  forbidden: { status: 403, message: '您没有权限进行此操作' },
  not_member_of_village: { status: 403, message: '您不是该村（社区）的成员' },
  account_not_bound: { status: 403, message: '您的微信还未绑定村民身份，请向村书记索取邀请码' },
  invite_invalid: { status: 400, message: '邀请码无效或已过期，请向村书记重新索取' },
  demo_login_disabled: { status: 403, message: '演示登录未开启' },
  wechat_login_failed: { status: 502, message: '微信登录失败，请稍后再试' },
  wechat_code_invalid: { status: 400, message: '微信登录凭证已失效，请重新点击登录' },
  account_already_bound: { status: 409, message: '这位村民已经绑定了微信，如需更换请联系村书记' },
  not_found: { status: 404, message: '找不到您要的内容' },
  route_not_found: { status: 404, message: '没有这个接口' },
  method_not_allowed: { status: 405, message: '不支持这种请求方式' },
  conflict: { status: 409, message: '数据已被他人修改，请刷新后再试' },
  payload_too_large: { status: 413, message: '提交的内容太大了' },
  unsupported_media_type: { status: 415, message: '请以 JSON 格式提交' },
  database_unavailable: { status: 503, message: '系统繁忙，请稍后重试' },
  // Deployment: the code is newer than the database (`npm run db:migrate` has not run yet).
  schema_not_migrated: { status: 503, message: '系统正在升级，请过几分钟再试' },
  // Micro-factory piecework (微工厂计件)
  piecework_over_collection: { status: 409, message: '交货数量超过了所领材料能做的数量' },
  piecework_invalid_count: { status: 400, message: '件数必须是不小于 0 的整数' },
  piecework_reject_reason_required: { status: 400, message: '有不合格的件，请写明原因' },
  piecework_rework_exceeds: { status: 409, message: '交回的返工件多于待返工的件数' },
  piecework_period_closed: { status: 409, message: '这一天所在的工资周期已结账，不能再改动；如需更正，请在下一周期记调整' },
  piecework_rate_in_closed_period: { status: 409, message: '单价的生效日期落在已结账的周期里，已结账的工资不能改' },
  piecework_period_overlap: { status: 409, message: '周期的日期与已有周期重叠' },
  piecework_worker_not_in_workshop: { status: 400, message: '这户不是本工坊的加工户' },
  piecework_worker_exists: { status: 409, message: '这户已经是本工坊的加工户' },
  piecework_operation_mismatch: { status: 400, message: '工序不属于这个订单的产品' },
  piecework_rate_exists: { status: 409, message: '这道工序在这一天已经有单价了' },
  piecework_return_exceeds: { status: 409, message: '退回的材料多于这户手上的材料' },
  piecework_not_your_pay: { status: 403, message: '只能查看自己的工资和材料' },
  piecework_bad_period: { status: 400, message: '周期的结束日期不能早于开始日期' },
  piecework_over_order: { status: 409, message: '交货数量超出了订单；确实要多收，请选「超出订单」并写明原因' },
  piecework_over_order_reason_required: { status: 400, message: '选了「超出订单」，请写明为什么多收' },
  piecework_daily_limit: { status: 400, message: '一户一天交的件数太多了，请核对件数' },
  piecework_rate_unusual: { status: 409, message: '新单价比这道工序平常的单价高出很多，请核对；确实无误请勾选「确认单价」' },
  piecework_no_rate: { status: 409, message: '这道工序在这一天还没有计件单价，请先定好单价再登记交货' },
  piecework_unrated_pieces: { status: 409, message: '本周期有合格件没有计件单价（待定价），请先定好单价再结账' },
  piecework_no_period: { status: 409, message: '这一天不在任何工资周期里，请先新建包含这一天的周期再登记' },
  piecework_period_gap: { status: 409, message: '有交货不在任何工资周期里，请先新建周期把这些日子包进去，再结账' },
  piecework_period_too_long: { status: 400, message: '一个工资周期最长 366 天' },
  piecework_adjustment_too_large: { status: 400, message: '这户本周期的调整合计超过了 ±10 万元，请核对金额' },
  piecework_household_out_of_area: { status: 400, message: '本工坊只收本村和所列邻村的加工户' },
  piecework_period_not_started: { status: 409, message: '这个周期还没开始，还没有可结的账' },
  piecework_bad_cursor: { status: 400, message: '翻页的位置不对，请从第一页重新加载' },
  piecework_material_unit_mismatch: { status: 400, message: '这个产品没有哪道工序用这种单位的材料，请核对是按重量还是按个数发料' },
  piecework_bundles_exceed: { status: 409, message: '扎票的件数超过了这次发的材料能做的数量' },
  piecework_correction_unchanged: { status: 400, message: '件数和原来一样，没有要更正的' },
  piecework_correction_voided: { status: 409, message: '这条交货已经作废了，不能再改' },
  piecework_correction_target: { status: 400, message: '只能更正原来的交货记录，不能更正一条更正' },
  piecework_ticket_not_found: { status: 404, message: '找不到这张扎票，请核对扎票上的号码' },
  piecework_ticket_collected: { status: 409, message: '这张扎票已经收过了，一张扎票只能收一次' },
  piecework_ticket_mismatch: { status: 400, message: '这张扎票是发给别的户、订单或工序的' },
  piecework_ticket_pieces: { status: 400, message: '登记的件数比这一扎的件数多' },
  internal_error: { status: 500, message: '系统出了点问题，请稍后重试' },
  // 共享菜园 (shared garden)
  garden_shift_full: { status: 409, message: '这个班已经排满了，请选别的时间' },
  garden_already_signed_up: { status: 409, message: '您已经报名了这个班' },
  garden_shift_overlap: { status: 409, message: '这个时间您已经排了别的班' },
  garden_shift_closed: { status: 409, message: '这个班已经开始或结束，不能再更改' },
  garden_not_your_shift: { status: 403, message: '这不是您的班，只能为自己签到' },
  garden_check_in_too_early: { status: 409, message: '还没到签到时间（开始前30分钟才能签到）' },
  garden_check_in_too_late: { status: 409, message: '这个班结束太久了，不能再签到' },
  garden_not_checked_in: { status: 409, message: '请先签到，再标记完成' },
  garden_swap_self: { status: 400, message: '不能和自己换班' },
  garden_swap_target_invalid: { status: 400, message: '换班对象不是本社区的志愿者' },
  garden_swap_not_pending: { status: 409, message: '这个换班申请已经处理过了' },
  garden_harvest_weight_invalid: { status: 400, message: '收获重量不合理，请核对（1克到200公斤）' },
  garden_harvest_over_distributed: { status: 409, message: '分出去的菜比收获的还多，请核对' },
  garden_points_append_only: { status: 409, message: '积分不能直接修改，只能由主理人登记一笔调整' },
  garden_shift_already_started: { status: 409, message: '这个班已经开始了，不能再取消报名。有急事请直接告诉菜园主理人' },
  garden_already_checked_in: { status: 409, message: '已经签到了，不能再取消或移出' },
  garden_shift_cancelled: { status: 409, message: '这个班已经取消了' },
  garden_signup_withdrawn: { status: 409, message: '这条报名已经取消了' },
  garden_done_before_start: { status: 409, message: '这个班还没开始，开始以后才能标记完成' },
  garden_done_reason_required: { status: 400, message: '这位志愿者没有签到。确认完成请写明原因，本人会看到' },
  garden_share_amount_invalid: { status: 400, message: '每户分到多少要填一个大于0的整数（克数或个数，只填一种）' },
  garden_share_wrong_unit: { status: 400, message: '分菜要用这次收获登记时的单位：称重的按克填，点数的按个填' },
  garden_first_harvest_elderly_first: { status: 409, message: '这是头茬菜，要先分给院里的老人。还有老人家没分到，分给别的人家请写明原因' },
  garden_harvest_date_future: { status: 400, message: '收获日期不能晚于今天' },
  garden_harvest_date_too_old: { status: 400, message: '收获日期太早了，只能登记一年以内的收获' },
  garden_duty_time_invalid: { status: 400, message: '值班时间不对：不能跨过午夜，星期和季节不能重复' },
  garden_duty_range_invalid: { status: 400, message: '值班的结束日期不能早于开始日期' },
  garden_reward_unavailable: { status: 409, message: '这件奖品已经下架了' },
  garden_reward_out_of_stock: { status: 409, message: '这件奖品已经换完了，请等主理人补货' },
  garden_reward_exists: { status: 409, message: '已经有同名的奖品了' },
  garden_points_insufficient: { status: 409, message: '您的积分不够换这件奖品' },
  garden_redemption_cancelled: { status: 409, message: '这次兑换已经取消了' },
  garden_correction_no_change: { status: 400, message: '更正后的内容和现在一样，没有要改的' },
  garden_correction_below_shared: { status: 409, message: '这批菜已经分出去一部分了，更正后的数量不能比已经分出去的少' },
  garden_correction_unit_locked: { status: 409, message: '这批菜已经按原来的单位分过了，不能改成别的单位（称重的不能改成点个数）' },
  garden_correction_moves_first_harvest: {
    status: 409,
    message: '这样更正会让一批头茬菜不再算头茬。头茬先给老人，不能靠更正改掉；真登记错了，请和社区一起核对',
  },
  garden_first_harvest_shrink: { status: 409, message: '这是头茬菜，还有老人家没分到，不能把数量改小。先分给老人家，再来更正' },
  garden_bed_name_taken: { status: 409, message: '已经有同名的菜畦了' },
  garden_planting_dates_invalid: { status: 400, message: '预计采收日期不能早于播种日期' },
  garden_redemption_handed_over: { status: 409, message: '奖品已经领走了，不能再取消。有问题请找菜园主理人' },
  // 居民议事会 (courtyard matters)
  garden_matter_not_open: { status: 409, message: '这件事的投票还没有开始' },
  garden_matter_voting_ended: { status: 409, message: '这件事的投票时间已经截止，不能再投票或更改' },
  garden_matter_decided: { status: 409, message: '这件事已经表决结束、公布了结果，不能再更改' },
  garden_matter_still_voting: { status: 409, message: '投票还没到截止时间，不能提前结束；在居民会议上举手表决并录入后可以结束' },
  garden_matter_household_voted: { status: 409, message: '您家已经有人投过票了，一户只算一票' },
  garden_matter_options_invalid: { status: 400, message: '选项不对：同意/反对/弃权不用填选项；几个选项里选一个，要填2到8个不重复的选项' },
  garden_matter_window_invalid: { status: 400, message: '投票时间不对：截止时间要晚于开始时间和现在，最长60天' },
  garden_matter_choice_invalid: { status: 400, message: '这件事没有这个选项' },
  garden_matter_present_invalid: { status: 400, message: '到会名单里有不能参加这次投票的人' },
  // --- the vote engine (shared/votes.ts): land motions and courtyard matters alike ---
  vote_not_eligible: { status: 403, message: '您不在这次会议的表决名单中' },
  vote_under_18: { status: 403, message: '年满十八周岁的村民才能参加表决' },
  vote_hands_exceed_present: { status: 400, message: '举手人数超过了可举手的最多人数' },
  vote_hands_already_counted: { status: 409, message: '举手人数已经录入，不能再在手机上新投票' },
  vote_assisted_voter_voted_self: { status: 409, message: '这位村民已经自己投了票，本人的投票不能由别人代替' },
  vote_assisted_reason_required: { status: 400, message: '这位村民没有登记为需要代办，代为投票须写明原因' },
  // --- land awards (移风易俗奖耕地) ---
  land_year_exists: { status: 409, message: '这一年的奖励耕地已经设置过了' },
  land_pool_too_small: { status: 400, message: '地块总面积不够奖励一户，请检查地块和每户亩数' },
  land_parcel_in_other_village: { status: 400, message: '地块不属于本村' },
  land_nomination_exists: { status: 409, message: '这一户今年已经被提名了' },
  land_nomination_not_pending: { status: 409, message: '这条提名已经审核过了' },
  land_nomination_closed: { status: 409, message: '今年的评选已经公示，不能再提名' },
  land_meeting_notice_too_short: { status: 400, message: '村民会议应当提前十天通知；如确需紧急召开，请写明紧急事由' },
  land_meeting_date_in_past: { status: 400, message: '会议日期不能早于今天' },
  land_meeting_not_yet: { status: 409, message: '还没到会议日期，不能开会' },
  land_meeting_not_open: { status: 409, message: '会议还没有开始' },
  land_meeting_closed: { status: 409, message: '会议已经结束，不能再签到或表决' },
  land_household_already_present: { status: 409, message: '您家已有户代表签到，每户只计一次' },
  land_not_checked_in: { status: 409, message: '请先签到，再投票' },
  land_candidate_not_approved: { status: 400, message: '表决名单里有未通过审核的提名' },
  land_motion_not_open: { status: 409, message: '表决还没有开始' },
  land_motion_closed: { status: 409, message: '表决已经结束，不能再投票或更改' },
  land_motion_still_open: { status: 409, message: '还有表决没有结束' },
  land_hands_secretary_only: { status: 403, message: '只有书记或副书记可以录入举手人数' },
  land_ranking_required: { status: 409, message: '通过的户数超过了耕地能奖励的户数，需要会议先表决通过排序' },
  land_no_passed_motion: { status: 409, message: '还没有通过的表决，不能公示' },
  land_notice_period_over: { status: 409, message: '公示期已经结束，不能再提出异议' },
  land_notice_period_running: { status: 409, message: '公示期还没有结束' },
  land_objections_unanswered: { status: 409, message: '还有异议没有书面答复' },
  land_objection_already_replied: { status: 409, message: '这条异议已经答复过了' },
  land_result_locked: { status: 409, message: '结果已经确认锁定，不能修改；如需更正请另立更正记录并写明理由' },
  land_notice_not_locked: { status: 409, message: '公示结果还没有确认锁定' },
  land_parcel_already_allocated: { status: 409, message: '这块地本季已经分配给别人了' },
  land_parcel_not_in_pool: { status: 400, message: '这块地不在今年的奖励地块里' },
  land_award_exceeded: { status: 409, message: '分配的面积超过了这一户应得的亩数' },
  land_household_not_awarded: { status: 409, message: '这一户不在确认的获奖名单里' },
  land_meeting_date_too_far: { status: 400, message: '会议日期最多只能定在一年以内，请核对日期' },
  land_notice_period_too_short: { status: 400, message: '公示期不能少于7天（村里可以定得更长，但不能更短）' },
  land_meeting_cancelled: { status: 409, message: '这次会议已经取消了' },
  land_meeting_voting_started: { status: 409, message: '会议已经开始表决，不能再取消或改期' },
  land_meeting_date_unchanged: { status: 400, message: '改期的日期和原定日期一样，请选一个新日期' },
  land_photo_too_large: { status: 413, message: '照片太大了：压缩后不能超过600KB，请换一张' },
  land_photo_type_refused: { status: 415, message: '只能上传照片（JPG、PNG 或 WebP 格式）' },
  land_photo_quota: { status: 409, message: '您上传了太多还没用在提名里的照片，请先提交提名，再上传新的' },
  land_photo_not_usable: { status: 409, message: '有照片找不到，或已经用在别的提名里了，请重新选择照片' },
} as const satisfies Record<string, { status: number; message: string }>

export type ErrorCode = keyof typeof errorCatalog
export const errorCodes = Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]]

export const fieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
})
export type FieldError = z.infer<typeof fieldErrorSchema>

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    fields: z.array(fieldErrorSchema).optional(),
    retryable: z.boolean().optional(),
  }),
})
export type ErrorBody = z.infer<typeof errorBodySchema>

/** A failure the client caused or can act on; turned into a response by the one error wrapper. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly fields: FieldError[] | undefined
  constructor(code: ErrorCode, message?: string, fields?: FieldError[]) {
    super(message ?? errorCatalog[code].message)
    this.name = 'AppError'
    this.code = code
    this.fields = fields
  }
  get status(): number {
    return errorCatalog[this.code].status
  }
}
