import Taro from '@tarojs/taro'

/*
 * Reading a bundle ticket's QR code. In WeChat the phone's own scanner (Taro.scanCode); the H5
 * build has its own file (index.h5.ts) with the browser's camera and a QR image file.
 */

export interface ScanAbility {
  /** 'native': WeChat's scanner. 'browser': the camera in the page. */
  camera: 'native' | 'browser' | null
  /** A photo of the QR code can be chosen instead (phones without camera permission). */
  imageFile: boolean
}

export function scanAbility(): ScanAbility {
  return { camera: 'native', imageFile: false }
}

/** WeChat's scanner: the text in the QR code, or null when the head cancels. */
export async function scanWithNativeCamera(): Promise<string | null> {
  try {
    const result = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
    return result.result
  } catch {
    return null
  }
}

/** Only in the H5 build. */
export async function startBrowserCamera(_host: HTMLElement, _onText: (text: string) => void): Promise<() => void> {
  return () => undefined
}

/** Only in the H5 build. */
export async function decodeImageFile(_file: Blob): Promise<string | null> {
  return null
}
