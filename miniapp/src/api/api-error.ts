import type { ErrorCode, FieldError } from '@shared/errors'

export type ApiErrorCode = ErrorCode | 'network_error' | 'bad_response'

export const NETWORK_ERROR_MESSAGE = '网络不好，请稍后重试'
/** For a write that carries a key: whether it was done is unknown, and trying again is safe. */
export const NETWORK_ERROR_WRITE_MESSAGE = '网络不好，没能确认办好了没有。请再点一次，不会重复记录'
export const BAD_RESPONSE_MESSAGE = '服务器返回的数据有误，请稍后重试'

/** Every failed call ends as one of these; `message` is Chinese and shown to the reader as-is. */
export class ApiError extends Error {
  readonly code: ApiErrorCode
  /** HTTP status, or 0 when the request never got an answer. */
  readonly status: number
  readonly fields: FieldError[] | undefined

  constructor(code: ApiErrorCode, message: string, status: number, fields?: FieldError[]) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.status = status
    this.fields = fields
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  return new ApiError('internal_error', '系统出了点问题，请稍后重试', 0)
}

/** A refusal in one line, for a form that shows one problem: the first field the server named, else the refusal itself. */
export function refusalLine(error: ApiError): string {
  return error.fields?.[0]?.message ?? error.message
}
