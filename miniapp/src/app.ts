import { useEffect, type PropsWithChildren } from 'react'
import { enableButtonSemantics, enableKeyboardActivation } from '@/lib/a11y'
import { registerOfflineShell } from '@/lib/offline-shell'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    // The H5 template paints a static first screen for weak networks; the app has arrived now.
    document.getElementById('xy-boot')?.remove()
    registerOfflineShell()
    const stopKeys = enableKeyboardActivation()
    const stopButtons = enableButtonSemantics()
    return () => {
      stopKeys()
      stopButtons()
    }
  }, [])
  return children
}

export default App
