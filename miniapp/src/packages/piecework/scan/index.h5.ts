/*
 * Reading a bundle ticket's QR code in the H5 app: the browser's BarcodeDetector where it exists
 * (Android Chrome), otherwise jsQR (loaded only then) on frames of the camera or on a chosen
 * photo of the ticket.
 */
import type { ScanAbility } from './index'

export type { ScanAbility }

interface DetectedBarcode {
  rawValue: string
}
interface BarcodeDetectorLike {
  detect: (source: CanvasImageSource | ImageBitmap) => Promise<DetectedBarcode[]>
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike

function nativeDetector(): BarcodeDetectorLike | null {
  const ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector
  if (!ctor) return null
  try {
    return new ctor({ formats: ['qr_code'] })
  } catch {
    return null
  }
}

export function scanAbility(): ScanAbility {
  const camera = typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function' ? 'browser' : null
  return { camera, imageFile: true }
}

export async function scanWithNativeCamera(): Promise<string | null> {
  return null
}

/** The QR text in a drawn frame, by BarcodeDetector or by jsQR. */
async function decodeCanvas(canvas: HTMLCanvasElement): Promise<string | null> {
  const detector = nativeDetector()
  if (detector) {
    try {
      const [found] = await detector.detect(canvas)
      if (found) return found.rawValue
    } catch {
      // fall through to jsQR
    }
  }
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (!context) return null
  const { default: jsQR } = await import('jsqr')
  const image = context.getImageData(0, 0, canvas.width, canvas.height)
  return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null
}

/** Draws a source scaled so its longer side is at most `max` pixels (jsQR is slow on big photos). */
function drawScaled(source: CanvasImageSource, width: number, height: number, max = 1000): HTMLCanvasElement {
  const scale = Math.min(1, max / Math.max(width, height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(width * scale))
  canvas.height = Math.max(1, Math.round(height * scale))
  canvas.getContext('2d')?.drawImage(source, 0, 0, canvas.width, canvas.height)
  return canvas
}

/** A photo (or screenshot) of a ticket: the text of its QR code, or null when none is found. */
export async function decodeImageFile(file: Blob): Promise<string | null> {
  const url = URL.createObjectURL(file)
  try {
    const image = new Image()
    image.src = url
    await image.decode()
    return await decodeCanvas(drawScaled(image, image.naturalWidth, image.naturalHeight))
  } finally {
    URL.revokeObjectURL(url)
  }
}

/**
 * Shows the back camera inside `host` and calls `onText` with the first QR code it reads.
 * Returns a function that stops the camera. Throws when the camera is refused or missing.
 */
export async function startBrowserCamera(host: HTMLElement, onText: (text: string) => void): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
  const video = document.createElement('video')
  video.setAttribute('playsinline', 'true')
  video.muted = true
  video.srcObject = stream
  video.className = 'piecework-scan-video'
  host.appendChild(video)
  let stopped = false
  const stop = () => {
    stopped = true
    for (const track of stream.getTracks()) track.stop()
    video.remove()
  }
  await video.play().catch(() => undefined)
  const tick = async () => {
    if (stopped) return
    if (video.videoWidth > 0) {
      const text = await decodeCanvas(drawScaled(video, video.videoWidth, video.videoHeight, 640)).catch(() => null)
      if (text && !stopped) {
        stop()
        onText(text)
        return
      }
    }
    setTimeout(() => void tick(), 250)
  }
  void tick()
  return stop
}
