import { useEffect, useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { fieldLabel } from '@/lib/a11y'
import { decodeImageFile, scanAbility, scanWithNativeCamera, startBrowserCamera } from './index'

/**
 * Reading a bundle ticket: WeChat's scanner, the camera in the page (H5), a photo of the ticket
 * (phones that refuse the page the camera), or the six letters typed off the label.
 */
export function TicketScanPanel({ onText, busy }: { onText: (text: string) => void; busy: boolean }) {
  const ability = scanAbility()
  const host = useRef<HTMLElement>(null)
  const stopCamera = useRef<(() => void) | null>(null)
  const [cameraOn, setCameraOn] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [typed, setTyped] = useState('')
  useEffect(() => () => stopCamera.current?.(), [])

  const scan = async () => {
    setProblem(null)
    if (ability.camera === 'native') {
      const text = await scanWithNativeCamera()
      if (text) onText(text)
      return
    }
    if (cameraOn) {
      stopCamera.current?.()
      stopCamera.current = null
      setCameraOn(false)
      return
    }
    const target = host.current
    if (!target) return
    try {
      stopCamera.current = await startBrowserCamera(target, (text) => {
        stopCamera.current = null
        setCameraOn(false)
        onText(text)
      })
      setCameraOn(true)
    } catch {
      setProblem('打不开相机（可能没有允许使用相机）。可以拍一张扎票的照片，点「选扎票照片」，或者输入扎票上的号码。')
    }
  }

  const pickImage = async (file: File | undefined) => {
    setProblem(null)
    if (!file) return
    const text = await decodeImageFile(file).catch(() => null)
    if (text) onText(text)
    else setProblem('这张照片里没找到二维码，请把扎票拍清楚一点再试，或者输入扎票上的号码。')
  }

  return (
    <View className='piecework-scan' data-testid='ticket-scan'>
      {ability.camera !== null && (
        <Button type='primary' size='large' block loading={busy} onClick={() => void scan()} data-testid='scan-ticket'>
          {cameraOn ? '关掉相机' : '扫扎票'}
        </Button>
      )}
      <View className='piecework-scan-host' ref={host} data-testid='scan-camera' />
      {ability.imageFile && (
        // The browser's own file button reads "Choose File" in English and runs off a 375 px screen
        // at 2× font: the input stays (for screen readers and the keyboard) but is drawn as our button.
        <label className='piecework-file-button'>
          <Text>选扎票照片（相机用不了时）</Text>
          <input
            className='piecework-visually-hidden'
            type='file'
            accept='image/*'
            data-testid='scan-image'
            aria-label='选扎票照片'
            onChange={(event) => {
              const input = event.currentTarget
              void pickImage(input.files?.[0]).finally(() => {
                input.value = ''
              })
            }}
          />
        </label>
      )}
      <Text>或输入扎票上的号码（如 K7M-3QD）</Text>
      <View className='piecework-row'>
        <Input
          className='piecework-input piecework-input--code'
          {...fieldLabel('扎票号码')}
          placeholder='扎票号'
          value={typed}
          onInput={(e) => setTyped(e.detail.value)}
          data-testid='ticket-code-input'
        />
        <Button type='default' onClick={() => typed.trim() && onText(typed)} data-testid='ticket-code-go'>
          查扎票
        </Button>
      </View>
      {problem && (
        <View className='xy-alert'>
          <Text>{problem}</Text>
        </View>
      )}
    </View>
  )
}
