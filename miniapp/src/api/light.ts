import light from 'virtual:xy-light-schemas'
import type { z } from '@shared/zod'
import type { LightSchemas } from '../../config/light-schemas-source'

/** What the app needs of a schema: a check that answers the parsed value or a failure. */
export interface Checked<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { message: string }[] } }
}

/*
 * The shared schemas the main package (tab pages, login, the request module) checks with, in
 * zod/mini form: classic zod would put ≈ 100 KB into the package every phone downloads first.
 * The same schemas as shared/'s, restated at build time (config/light-schemas-source.ts holds the
 * list); tests/miniapp/light-schemas.test.tsx proves they accept and refuse the same, so their
 * types are the shared ones'.
 */
const lightOf = <K extends keyof LightSchemas>(name: K) => light[name] as Checked<z.output<LightSchemas[K]>>

export const errorBodyLight = lightOf('errorBodySchema')
export const meLight = lightOf('meSchema')
export const sessionLight = lightOf('sessionResponse')
export const demoPersonasLight = lightOf('demoPersonasResponse')
export const inviteCodeLight = lightOf('inviteCodeSchema')
export const okLight = lightOf('okResponse')
export const uuidLight = lightOf('uuidSchema')
export const currentYearLight = lightOf('currentYearResponse')
export const myAssistedVotesLight = lightOf('myAssistedVotesResponse')
export const workshopListLight = lightOf('workshopListResponse')
// The 菜园 tab asks first whether the village has a garden at all.
export const gardenPlaceLight = lightOf('gardenPlaceResponse')
