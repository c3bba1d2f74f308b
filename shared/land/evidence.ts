/**
 * Evidence photos of a nomination (a refused banquet's invitation, a simple wedding's table):
 * taken on a cheap phone, shrunk on the phone before they travel over a weak network, and kept by
 * the product itself. The phone and the server judge a photo with the same functions.
 */

/** After compression on the phone; what the server keeps at most per photo. */
export const MAX_PHOTO_BYTES = 600 * 1024
/** The longer edge the phone scales a photo down to: readable text on a paper, a third of the bytes. */
export const MAX_PHOTO_EDGE = 1280
/** JPEG quality the phone encodes with (canvas toBlob on H5, compressImage on WeChat). */
export const PHOTO_JPEG_QUALITY = 0.7
/** WeChat's compressImage takes a percentage. */
export const PHOTO_WECHAT_QUALITY = 70
export const MAX_PHOTOS_PER_NOMINATION = 9
/**
 * Photos a person may have uploaded and not yet put into a nomination: enough for two forms at
 * once, and a bound on what a villager's phone (or a script with a villager's login) can store.
 */
export const MAX_UNUSED_PHOTOS = 20

export const photoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const
export type PhotoType = (typeof photoTypes)[number]

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((byte, index) => bytes[at + index] === byte)

/**
 * What the bytes are, from their first bytes (magic numbers), never from a name or a header the
 * client sends: a page saved as "photo.jpg" is still not a photo.
 */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'
  return null
}

export type PhotoRefusal = { code: 'land_photo_type_refused'; message: string } | { code: 'land_photo_too_large'; message: string }

export function photoSizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`
}

/** Why a photo cannot be kept, in words a villager can act on; null when it can. */
export function photoRefusal(bytes: Uint8Array): PhotoRefusal | null {
  if (bytes.length === 0 || sniffPhotoType(bytes) === null) {
    return { code: 'land_photo_type_refused', message: '只能上传照片（JPG、PNG 或 WebP 格式），这个文件不是照片' }
  }
  if (bytes.length > MAX_PHOTO_BYTES) {
    return {
      code: 'land_photo_too_large',
      message: `照片压缩后还有${photoSizeLabel(bytes.length)}，超过了${photoSizeLabel(MAX_PHOTO_BYTES)}。请换一张，或拍得近一些、简单一些`,
    }
  }
  return null
}

/** The size a photo is drawn at before encoding: the longer edge at most MAX_PHOTO_EDGE, never enlarged. */
export function scaledPhotoSize(width: number, height: number, maxEdge = MAX_PHOTO_EDGE): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: 0, height: 0 }
  const longer = Math.max(width, height)
  if (longer <= maxEdge) return { width: Math.round(width), height: Math.round(height) }
  const scale = maxEdge / longer
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}
