/**
 * Accessibility attributes that read right on both targets.
 *
 * Taro's `ariaRole`/`ariaLabel` are the mini-program's own attributes; on H5 they render as
 * `aria-role` (not an ARIA attribute, ignored by screen readers) and as attributes of the
 * web-component host rather than of the control inside it. The web's names are used on H5.
 */
const isH5 = process.env.TARO_ENV === 'h5'

type LandmarkRole = 'alert' | 'status' | 'radiogroup' | 'group' | 'region'
export type PressRole = 'button' | 'radio' | 'checkbox' | 'switch'

export function roleProps(role: PressRole | LandmarkRole): Record<string, string> {
  return isH5 ? { role } : { ariaRole: role }
}

/** A group of choices, named so a screen reader says what is being chosen. */
export function groupProps(role: 'radiogroup' | 'group', label: string): Record<string, string> {
  return isH5 ? { role, 'aria-label': label } : { ariaRole: role, ariaLabel: label }
}

/**
 * Spread on a clickable View so it works like a real control: announced with its role and state
 * (on or off for radio, checkbox and switch; open or shut for a button that shows more), reachable
 * with Tab, and pressed with Enter or Space through `enableKeyboardActivation`. Its name is its
 * visible text unless `label` is given.
 */
export function pressableProps(
  role: PressRole = 'button',
  options: { checked?: boolean; expanded?: boolean; label?: string } = {},
): Record<string, string | number> {
  const { checked, expanded, label } = options
  const on = role === 'button' || checked === undefined ? undefined : String(checked)
  const open = expanded === undefined ? undefined : String(expanded)
  if (isH5) {
    return { role, tabIndex: 0, ...(on ? { 'aria-checked': on } : {}), ...(open ? { 'aria-expanded': open } : {}), ...(label ? { 'aria-label': label } : {}) }
  }
  return { ariaRole: role, ...(on ? { ariaChecked: on } : {}), ...(open ? { ariaExpanded: open } : {}), ...(label ? { ariaLabel: label } : {}) }
}

/**
 * Names a text field after the visible label above it. On H5 the name has to reach the native
 * input inside Taro's web component, which only `nativeProps` does.
 */
export function fieldLabel(label: string): { nativeProps: Record<string, string> } | { ariaLabel: string } {
  return isH5 ? { nativeProps: { 'aria-label': label } } : { ariaLabel: label }
}

/** A control that cannot be used now, said so rather than silently ignoring the tap. */
export function disabledProps(): Record<string, string> {
  return isH5 ? { 'aria-disabled': 'true' } : { ariaDisabled: 'true' }
}

/** A mark that only repeats what is said in words or state (a tick, an arrow): not read aloud. */
export function decorativeProps(): Record<string, string> {
  return isH5 ? { 'aria-hidden': 'true' } : { ariaHidden: 'true' }
}

const PRESSABLE = '[role=button], [role=switch], [role=radio], [role=checkbox]'

/**
 * H5: Enter and Space press whatever pressable View has the focus, as they would a <button>.
 * (Taro's View is a custom element: the browser gives it no keyboard behaviour of its own.)
 */
export function enableKeyboardActivation(root: Document = document): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return
    const target = event.target
    if (!(target instanceof HTMLElement) || !target.matches(PRESSABLE)) return
    // Native controls already answer the keyboard; a disabled one must not.
    if (target instanceof HTMLButtonElement || target instanceof HTMLInputElement || target.getAttribute('aria-disabled') === 'true') return
    event.preventDefault()
    target.click()
  }
  root.addEventListener('keydown', onKeyDown)
  return () => root.removeEventListener('keydown', onKeyDown)
}

/**
 * H5: Taro's Button renders a <taro-button-core> element that is neither announced as a button
 * nor reachable with Tab, so every NutUI Button is given what a <button> has, as it appears.
 */
export function enableButtonSemantics(root: HTMLElement = document.body): () => void {
  const sync = () => {
    for (const button of root.querySelectorAll('taro-button-core')) {
      const disabled = (button.hasAttribute('disabled') && button.getAttribute('disabled') !== 'false') || button.classList.contains('nut-button-disabled')
      if (button.getAttribute('role') !== 'button') button.setAttribute('role', 'button')
      const tabIndex = disabled ? '-1' : '0'
      if (button.getAttribute('tabindex') !== tabIndex) button.setAttribute('tabindex', tabIndex)
      if (disabled) button.setAttribute('aria-disabled', 'true')
      else button.removeAttribute('aria-disabled')
    }
  }
  sync()
  // Only the attributes that change the outcome are watched, so the sync never wakes itself.
  const observer = new MutationObserver(sync)
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'class'] })
  return () => observer.disconnect()
}

/**
 * H5: a page scrolls inside Taro's page element. Making that element a named, focusable region
 * lets keyboard and switch users scroll a page that has nothing to press, e.g. a report.
 */
export function makePageScrollable(pageRoot: HTMLElement): void {
  const scroller = pageRoot.closest('.taro_page')
  if (!scroller || scroller.hasAttribute('tabindex')) return
  scroller.setAttribute('tabindex', '0')
  scroller.setAttribute('role', 'region')
  scroller.setAttribute('aria-label', '本页内容')
}
