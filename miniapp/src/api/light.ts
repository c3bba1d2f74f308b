import * as light from 'virtual:xy-light-schemas'
import type { z } from '@shared/zod'
import type { errorBodySchema } from '@shared/errors'
import type { demoPersonasResponse, meSchema, sessionResponse, wechatLoginInput } from '@shared/auth'
import type { okResponse, uuidSchema } from '@shared/ids'
import type { currentYearResponse, myAssistedVotesResponse } from '@shared/land'
import type { workshopListResponse } from '@shared/piecework'
import type { gardenPlaceResponse } from '@shared/garden'

/** What the app needs of a schema: a check that answers the parsed value or a failure. */
export interface Checked<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { message: string }[] } }
}
type Light<S extends z.ZodType> = Checked<z.output<S>>

/*
 * The shared schemas the main package (tab pages, login, the request module) checks with, in
 * zod/mini form: classic zod would put ≈ 100 KB into the package every phone downloads first.
 * The same schemas as shared/'s, restated at build time (config/light-schemas-source.ts);
 * tests/miniapp/light-schemas.test.tsx proves they accept and refuse the same, so their types are
 * the shared ones'.
 */
export const errorBodyLight = light.errorBodySchema as Light<typeof errorBodySchema>
export const meLight = light.meSchema as Light<typeof meSchema>
export const sessionLight = light.sessionResponse as Light<typeof sessionResponse>
export const demoPersonasLight = light.demoPersonasResponse as Light<typeof demoPersonasResponse>
export const inviteCodeLight = light.inviteCodeSchema as Light<typeof wechatLoginInput.shape.inviteCode>
export const okLight = light.okResponse as Light<typeof okResponse>
export const uuidLight = light.uuidSchema as Light<typeof uuidSchema>
export const currentYearLight = light.currentYearResponse as Light<typeof currentYearResponse>
export const myAssistedVotesLight = light.myAssistedVotesResponse as Light<typeof myAssistedVotesResponse>
export const workshopListLight = light.workshopListResponse as Light<typeof workshopListResponse>
// The 菜园 tab asks first whether the village has a garden at all.
export const gardenPlaceLight = light.gardenPlaceResponse as Light<typeof gardenPlaceResponse>
