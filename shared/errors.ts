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
  internal_error: { status: 500, message: '系统出了点问题，请稍后重试' },
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
