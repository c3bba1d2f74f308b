/** The part of pngjs (a dependency of qrcode) the browser tests use to draw a camera-sized photo. */
declare module 'pngjs' {
  export class PNG {
    constructor(options: { width: number; height: number })
    width: number
    height: number
    data: Buffer
    static sync: { write(png: PNG): Buffer }
  }
}
