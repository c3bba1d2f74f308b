/**
 * Taro's `ariaRole` is the mini-program's own attribute (aria-role), but in H5 it renders as an
 * invalid `aria-role` attribute that screen readers ignore; the web's name is `role`.
 */
export function roleProps(role: 'button' | 'alert' | 'status'): Record<string, string> {
  return process.env.TARO_ENV === 'h5' ? { role } : { ariaRole: role }
}
