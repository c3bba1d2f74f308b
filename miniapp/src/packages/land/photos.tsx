import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { MAX_PHOTOS_PER_NOMINATION, PHOTO_JPEG_QUALITY, PHOTO_WECHAT_QUALITY, photoRefusal, photoSizeLabel, scaledPhotoSize } from '@shared/land'
import { photoSource } from '@/api/land'

/** A photo shrunk on this phone, ready to upload; `photoId` once the server has kept it. */
export interface PickedPhoto {
  key: string
  base64: string
  byteSize: number
  preview: string
  photoId: string | null
}

/** A photo the phone could not use, with the reason in words. */
export interface PhotoProblem {
  name: string
  message: string
}

const NOT_A_PHOTO = '只能上传照片（JPG、PNG 或 WebP 格式），这个文件打不开'

function bytesOfBase64(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return bytes
}

function base64OfBytes(bytes: Uint8Array): string {
  let binary = ''
  // In slices: String.fromCharCode over 600 KB at once overflows the call stack on old phones.
  for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000))
  return btoa(binary)
}

let keys = 0
const nextKey = () => `photo-${Date.now().toString(36)}-${(keys++).toString(36)}`

function judged(base64: string, bytes: Uint8Array, preview: string, name: string): PickedPhoto | PhotoProblem {
  const refusal = photoRefusal(bytes)
  if (refusal) return { name, message: refusal.message }
  return { key: nextKey(), base64, byteSize: bytes.length, preview, photoId: null }
}

/** FileReader rather than Blob.arrayBuffer(): older Android WebViews lack the latter. */
function readBlob(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => (reader.result instanceof ArrayBuffer ? resolve(new Uint8Array(reader.result)) : reject(new Error('unreadable')))
    reader.onerror = () => reject(new Error('unreadable'))
    reader.readAsArrayBuffer(blob)
  })
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new window.Image()
    image.onload = () => resolve(image)
    image.onerror = () => reject(new Error('not an image'))
    image.src = url
  })
}

/**
 * H5: draws the photo at most 1280 px on its longer edge and encodes it as JPEG at quality 0.7,
 * on the phone, so a 4 MB camera photo travels as a few hundred KB over a weak network.
 */
export async function compressOnH5(file: File): Promise<PickedPhoto | PhotoProblem> {
  const source = URL.createObjectURL(file)
  try {
    const image = await loadImage(source)
    const size = scaledPhotoSize(image.naturalWidth, image.naturalHeight)
    const canvas = document.createElement('canvas')
    canvas.width = size.width
    canvas.height = size.height
    const context = canvas.getContext('2d')
    if (!context || size.width === 0) return { name: file.name, message: NOT_A_PHOTO }
    // JPEG has no transparency: a PNG's clear parts become white, not black.
    context.fillStyle = '#fff'
    context.fillRect(0, 0, size.width, size.height)
    context.drawImage(image, 0, 0, size.width, size.height)
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_JPEG_QUALITY))
    if (!blob) return { name: file.name, message: NOT_A_PHOTO }
    const bytes = await readBlob(blob)
    return judged(base64OfBytes(bytes), bytes, URL.createObjectURL(blob), file.name)
  } catch {
    return { name: file.name, message: NOT_A_PHOTO }
  } finally {
    URL.revokeObjectURL(source)
  }
}

/** WeChat: the album or the camera, then compressImage at the same size and quality as on H5. */
export async function pickOnWeapp(count: number): Promise<(PickedPhoto | PhotoProblem)[]> {
  const chosen = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  const files = Taro.getFileSystemManager()
  const results: (PickedPhoto | PhotoProblem)[] = []
  for (const path of chosen.tempFilePaths) {
    try {
      const info = await Taro.getImageInfo({ src: path })
      const size = scaledPhotoSize(info.width, info.height)
      const compressed = await Taro.compressImage({ src: path, quality: PHOTO_WECHAT_QUALITY, compressedWidth: size.width, compressedHeight: size.height })
      const base64 = String(files.readFileSync(compressed.tempFilePath, 'base64'))
      results.push(judged(base64, bytesOfBase64(base64), compressed.tempFilePath, path))
    } catch {
      results.push({ name: path, message: NOT_A_PHOTO })
    }
  }
  return results
}

const isProblem = (item: PickedPhoto | PhotoProblem): item is PhotoProblem => 'message' in item

interface PhotoPickerProps {
  photos: readonly PickedPhoto[]
  onChange: (photos: PickedPhoto[]) => void
  disabled?: boolean
}

/** 拍照或选照片: each photo is shrunk here, shown with its size, and can be taken out again. */
export function PhotoPicker({ photos, onChange, disabled = false }: PhotoPickerProps) {
  const [problems, setProblems] = useState<PhotoProblem[]>([])
  const [working, setWorking] = useState(false)
  const room = MAX_PHOTOS_PER_NOMINATION - photos.length

  const accept = (results: (PickedPhoto | PhotoProblem)[]) => {
    const good = results.filter((item): item is PickedPhoto => !isProblem(item))
    const kept = good.slice(0, Math.max(0, room))
    const over = good.length - kept.length
    setProblems([
      ...results.filter(isProblem),
      ...(over > 0 ? [{ name: '', message: `每条提名最多${MAX_PHOTOS_PER_NOMINATION}张照片，多出的${over}张没有加上` }] : []),
    ])
    onChange([...photos, ...kept])
  }

  const onFiles = async (files: FileList | null) => {
    if (!files || files.length === 0) return
    setWorking(true)
    const results: (PickedPhoto | PhotoProblem)[] = []
    for (const file of Array.from(files)) results.push(await compressOnH5(file))
    setWorking(false)
    accept(results)
  }

  const onWeapp = async () => {
    setWorking(true)
    try {
      accept(await pickOnWeapp(Math.max(1, room)))
    } catch {
      // The villager closed the album without choosing: nothing to say.
    } finally {
      setWorking(false)
    }
  }

  return (
    <View className='land-photos' data-testid='photo-picker'>
      <Text className='xy-card__text land-block'>证明照片（可选，最多{MAX_PHOTOS_PER_NOMINATION}张，手机上先压缩再上传）</Text>
      {photos.map((photo, index) => (
        <View className='land-photo' key={photo.key} data-testid='picked-photo'>
          <Image className='land-photo__image' src={photo.preview} mode='aspectFit' />
          <Text className='land-photo__size'>
            第{index + 1}张，{photoSizeLabel(photo.byteSize)}
            {photo.photoId ? '，已上传' : ''}
          </Text>
          <Button
            className='land-button'
            fill='outline'
            disabled={disabled}
            onClick={() => onChange(photos.filter((item) => item.key !== photo.key))}
            data-testid='remove-photo'
          >
            去掉这张
          </Button>
        </View>
      ))}
      {problems.map((problem, index) => (
        <Text className='xy-alert land-block' key={`${problem.name}-${index}`} data-testid='photo-problem'>
          {problem.message}
        </Text>
      ))}
      {room > 0 &&
        (process.env.TARO_ENV === 'h5' ? (
          <label className={`land-photo-add${disabled || working ? ' land-photo-add--off' : ''}`} data-testid='add-photo'>
            <input
              className='land-photo-add__input'
              type='file'
              accept='image/*'
              multiple
              disabled={disabled || working}
              aria-label='拍照或选照片'
              data-testid='photo-input'
              onChange={(event) => {
                const input = event.currentTarget
                void onFiles(input.files).then(() => {
                  input.value = ''
                })
              }}
            />
            {working ? '正在压缩照片…' : '拍照或选照片'}
          </label>
        ) : (
          <Button
            className='xy-full-button land-button'
            fill='outline'
            loading={working}
            disabled={disabled}
            onClick={() => void onWeapp()}
            data-testid='add-photo'
          >
            拍照或选照片
          </Button>
        ))}
    </View>
  )
}

/** The photos a nomination carries, fetched with the reader's login (members of the village only). */
export function EvidencePhotos({ photoIds }: { photoIds: readonly string[] }) {
  if (photoIds.length === 0) return null
  return (
    <View data-testid='evidence-photos'>
      <Text className='xy-card__text land-block'>证明照片（{photoIds.length}张）</Text>
      {photoIds.map((photoId, index) => (
        <EvidencePhoto key={photoId} photoId={photoId} index={index} />
      ))}
    </View>
  )
}

function EvidencePhoto({ photoId, index }: { photoId: string; index: number }) {
  const [source, setSource] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let live = true
    photoSource(photoId).then(
      (found) => live && setSource(found),
      () => live && setFailed(true),
    )
    return () => {
      live = false
    }
  }, [photoId])
  if (failed) return <Text className='xy-card__text land-block'>第{index + 1}张照片打不开，请稍后再试</Text>
  if (!source) return <Text className='xy-card__text land-block'>正在加载第{index + 1}张照片…</Text>
  return <Image className='land-photo__image' src={source} mode='widthFix' data-testid='evidence-photo' ariaLabel={`证明照片第${index + 1}张`} />
}
