import Taro from '@tarojs/taro'

/**
 * 读给我听: reads a page's essential text aloud in Mandarin, for villagers who read with
 * difficulty. One adapter for both targets — the browser's speech synthesis on H5, WeChat's
 * 同声传译 plugin (WechatSI, declared in app.config.ts `plugins`) in the mini-program — and tests
 * put their own in its place (`setSpeaker`) to see exactly what would be read.
 */
export type SpeakOutcome = { ok: true } | { ok: false; message: string }

export interface Speaker {
  speak: (text: string) => Promise<SpeakOutcome>
  stop: () => void
}

export const READ_ALOUD_UNAVAILABLE = '这台手机现在不能朗读。请家人或村干部帮您读一下。'

/** Spoken a little slower than the default: many listeners are elderly. */
const SPEECH_RATE = 0.9

function webSpeaker(): Speaker {
  const synth = typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null
  const chineseVoice = (): SpeechSynthesisVoice | null => {
    const voices = synth?.getVoices() ?? []
    return (
      voices.find((v) => v.lang === 'zh-CN') ??
      voices.find((v) => v.lang.replace('_', '-').startsWith('zh-CN')) ??
      voices.find((v) => v.lang.startsWith('zh')) ??
      null
    )
  }
  return {
    speak: (text) =>
      new Promise((resolve) => {
        if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return resolve({ ok: false, message: READ_ALOUD_UNAVAILABLE })
        try {
          synth.cancel()
          const utterance = new SpeechSynthesisUtterance(text)
          utterance.lang = 'zh-CN'
          utterance.rate = SPEECH_RATE
          const voice = chineseVoice()
          if (voice) utterance.voice = voice
          utterance.onend = () => resolve({ ok: true })
          utterance.onerror = (event) =>
            // Stopped on purpose (the button pressed again, another text started): not a failure.
            resolve(event.error === 'interrupted' || event.error === 'canceled' ? { ok: true } : { ok: false, message: READ_ALOUD_UNAVAILABLE })
          synth.speak(utterance)
        } catch {
          // A browser whose speech engine throws (no engine behind the API): say so, never hang.
          resolve({ ok: false, message: READ_ALOUD_UNAVAILABLE })
        }
      }),
    stop: () => synth?.cancel(),
  }
}

interface WechatSiPlugin {
  textToSpeech: (options: {
    lang: 'zh_CN'
    tts: boolean
    content: string
    success: (result: { retcode: number; filename: string }) => void
    fail: (result: unknown) => void
  }) => void
}

declare const requirePlugin: ((name: string) => unknown) | undefined

/** The plugin, or null when the mini-program was built or approved without it. */
function wechatSi(): WechatSiPlugin | null {
  try {
    const plugin = typeof requirePlugin === 'function' ? requirePlugin('WechatSI') : null
    return plugin !== null && typeof plugin === 'object' && 'textToSpeech' in plugin ? (plugin as WechatSiPlugin) : null
  } catch {
    // requirePlugin throws when the plugin is not declared in app.json or not added in the admin console.
    return null
  }
}

/** WechatSI synthesises short texts only; a page's text is read in sentence-sized pieces. */
export function speechPieces(text: string, max = 200): string[] {
  const sentences = text.match(/[^。！？；\n]+[。！？；\n]?/g) ?? []
  const pieces: string[] = []
  let current = ''
  for (const sentence of sentences.map((s) => s.trim()).filter(Boolean)) {
    for (let start = 0; start < sentence.length; start += max) {
      const part = sentence.slice(start, start + max)
      if (current.length + part.length > max && current) {
        pieces.push(current)
        current = ''
      }
      current += part
    }
  }
  if (current) pieces.push(current)
  return pieces
}

function weappSpeaker(): Speaker {
  let audio: Taro.InnerAudioContext | null = null
  let generation = 0
  const synthesise = (plugin: WechatSiPlugin, content: string) =>
    new Promise<string | null>((resolve) => {
      plugin.textToSpeech({ lang: 'zh_CN', tts: true, content, success: (r) => resolve(r.retcode === 0 ? r.filename : null), fail: () => resolve(null) })
    })
  const play = (src: string) =>
    new Promise<boolean>((resolve) => {
      audio?.destroy()
      audio = Taro.createInnerAudioContext()
      audio.src = src
      audio.playbackRate = SPEECH_RATE
      audio.onEnded(() => resolve(true))
      audio.onStop(() => resolve(false))
      audio.onError(() => resolve(false))
      audio.play()
    })
  return {
    speak: async (text) => {
      const plugin = wechatSi()
      if (!plugin) return { ok: false, message: READ_ALOUD_UNAVAILABLE }
      const mine = ++generation
      for (const piece of speechPieces(text)) {
        const src = await synthesise(plugin, piece)
        if (mine !== generation) return { ok: true }
        if (src === null) return { ok: false, message: '朗读没有成功，可能是网络不好，请稍后再点一次。' }
        if (!(await play(src))) return { ok: true }
      }
      return { ok: true }
    },
    stop: () => {
      generation += 1
      audio?.stop()
    },
  }
}

let speaker: Speaker | null = null

function currentSpeaker(): Speaker {
  speaker ??= process.env.TARO_ENV === 'weapp' ? weappSpeaker() : webSpeaker()
  return speaker
}

export function readAloud(text: string): Promise<SpeakOutcome> {
  return currentSpeaker().speak(text)
}

export function stopReading(): void {
  currentSpeaker().stop()
}

/** Tests: put a recording speaker in place (null goes back to the platform's own). */
export function setSpeaker(replacement: Speaker | null): void {
  speaker = replacement
}
