/**
 * Photo bytes for the API tests. The server judges a photo by its first bytes and its size, so a
 * JPEG header with filler stands for a photo; the browser tests feed a real image.
 */
export function fakeJpeg(size = 2048): Buffer {
  const bytes = Buffer.alloc(size, 0x55)
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]).copy(bytes, 0)
  bytes[size - 2] = 0xff
  bytes[size - 1] = 0xd9
  return bytes
}

export const tinyJpegBase64 = (size = 2048) => fakeJpeg(size).toString('base64')

export const fakePng = (size = 1024) => {
  const bytes = Buffer.alloc(size, 0)
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0)
  return bytes
}

/** Not photos, whatever a client calls them. */
export const notPhotos = {
  html: Buffer.from('<html><script>alert(1)</script></html>'),
  pdf: Buffer.from('%PDF-1.4\n%…'),
  gif: Buffer.from('GIF89a\u0001\u0000\u0001\u0000'),
  svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
}
