import light from 'virtual:xy-light-schemas'
import type { z } from '@shared/zod'
import type { LightSchemas } from '../../config/light-schemas-source'

/** What the app needs of a schema: a check that answers the parsed value or a failure. */
export interface Checked<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { message: string }[] } }
}

/*
 * The shared schemas the main package (tab pages, login, the request module) checks with, as
 * checks derived from them at build time (config/light-schemas-source.ts holds the list,
 * light-check.ts runs them): zod itself would put ≈ 25 KB (zod/mini) to ≈ 100 KB (classic) into
 * the package every phone downloads first. tests/miniapp/light-schemas.test.tsx proves they
 * accept and refuse the same and parse to the same values, so their types are the shared ones'.
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
