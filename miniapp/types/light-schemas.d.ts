/** Built by miniapp/config/light-schemas.ts from the one list in light-schemas-source.ts; typed in src/api/light.ts. */
declare module 'virtual:xy-light-schemas' {
  interface Unchecked {
    safeParse(data: unknown): { success: true; data: unknown } | { success: false; error: { issues: readonly { message: string }[] } }
  }
  // An ambient module may not import a relative path, so the list's type comes in by import() type.
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  const schemas: { readonly [K in keyof import('../config/light-schemas-source').LightSchemas]: Unchecked }
  export default schemas
}
