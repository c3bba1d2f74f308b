import { afterEach, beforeEach, vi } from 'vitest'
import { cleanup } from '@testing-library/react'

vi.mock('@tarojs/taro', () => import('./taro-mock'))

beforeEach(async () => {
  const { resetTaroMock } = await import('./taro-mock')
  resetTaroMock()
})

afterEach(() => {
  cleanup()
})
