import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { decorativeProps, pressableProps, roleProps } from '@/lib/a11y'
import { READ_ALOUD_UNAVAILABLE, readAloud, stopReading, type SpeakOutcome } from '@/lib/read-aloud'

interface ReadAloudButtonProps {
  /** What is read: the page's essential text, made by the page's own pure function. */
  text: string
  testId?: string
}

/**
 * 读给我听: one big button that reads the page's essential text aloud; pressed again while
 * reading, it stops. When the phone cannot read aloud, it says so in words beside the button.
 */
export function ReadAloudButton({ text, testId = 'read-aloud' }: ReadAloudButtonProps) {
  const [reading, setReading] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      // Leaving the page stops the voice: it must not go on reading a page no longer shown.
      mounted.current = false
      stopReading()
    }
  }, [])

  const press = () => {
    if (reading) {
      stopReading()
      setReading(false)
      return
    }
    setProblem(null)
    setReading(true)
    void readAloud(text)
      .catch((): SpeakOutcome => ({ ok: false, message: READ_ALOUD_UNAVAILABLE }))
      .then((outcome) => {
        if (!mounted.current) return
        setReading(false)
        if (!outcome.ok) setProblem(outcome.message)
      })
  }

  return (
    <View className='xy-read-aloud'>
      <View
        className={reading ? 'xy-read-aloud__button xy-read-aloud__button--on' : 'xy-read-aloud__button'}
        {...pressableProps('button')}
        onClick={press}
        data-testid={testId}
        data-reading={String(reading)}
      >
        <Text {...decorativeProps()} className='xy-read-aloud__icon'>
          {reading ? '■' : '▶'}
        </Text>
        <Text>{reading ? '停止朗读' : '读给我听'}</Text>
      </View>
      {problem && (
        <Text className='xy-read-aloud__problem' {...roleProps('alert')} data-testid={`${testId}-problem`}>
          {problem}
        </Text>
      )}
    </View>
  )
}
