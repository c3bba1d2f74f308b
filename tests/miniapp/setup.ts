import { afterEach, beforeEach, vi } from 'vitest'
import { cleanup } from '@testing-library/react'

vi.mock('@tarojs/taro', () => import('./taro-mock'))

// NutUI's barrel pulls in lottie-web, which paints on a canvas at import time; jsdom has none.
const canvasContext = new Proxy({}, { get: () => () => undefined, set: () => true })
HTMLCanvasElement.prototype.getContext = (() => canvasContext) as unknown as HTMLCanvasElement['getContext']

// jsdom lays nothing out and has no scrollIntoView; pages call it to bring a warning into view.
Element.prototype.scrollIntoView = function scrollIntoView() {}

beforeEach(async () => {
  const { resetTaroMock } = await import('./taro-mock')
  resetTaroMock()
})

afterEach(() => {
  cleanup()
})
