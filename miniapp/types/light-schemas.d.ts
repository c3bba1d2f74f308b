/** Built by miniapp/config/light-schemas.ts; typed in src/api/light.ts. */
declare module 'virtual:xy-light-schemas' {
  interface Unchecked {
    safeParse(data: unknown): { success: true; data: unknown } | { success: false; error: { issues: readonly { message: string }[] } }
  }
  export const errorBodySchema: Unchecked
  export const meSchema: Unchecked
  export const sessionResponse: Unchecked
  export const demoPersonasResponse: Unchecked
  export const inviteCodeSchema: Unchecked
  export const okResponse: Unchecked
  export const uuidSchema: Unchecked
  export const currentYearResponse: Unchecked
  export const myAssistedVotesResponse: Unchecked
  export const workshopListResponse: Unchecked
  export const gardenPlaceResponse: Unchecked
}
