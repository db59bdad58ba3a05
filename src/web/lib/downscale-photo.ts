/** The longest side a photo keeps in the browser before upload; the server keeps the same. */
export const MAX_PHOTO_SIDE = 1600;
export const PHOTO_QUALITY = 0.85;
/** Below this size a photo that is small enough in pixels is sent as it is. */
const SMALL_BYTES = 512 * 1024;
const SCALABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);

/**
 * A phone photo (often 4000 px, 3–8 MB) made a ≤1600 px JPEG in the browser before it is sent, so
 * a slow connection carries ~300 KB instead. The server still checks the type by content, the
 * size limit and the pixel count, and downscales again itself: this only saves the upload. Any
 * failure (an old browser, a HEIC the browser cannot decode) sends the original file.
 */
export async function downscalePhoto(file: File): Promise<File> {
  if (!SCALABLE.has(file.type) || typeof createImageBitmap !== 'function') return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  try {
    const scale = Math.min(1, MAX_PHOTO_SIDE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size <= SMALL_BYTES) return file;
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return file;
    // JPEG has no transparency: a transparent PNG turns white, not black.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(bitmap, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_QUALITY));
    if (!blob || (scale === 1 && blob.size >= file.size)) return file;
    return new File([blob], `${file.name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`, { type: 'image/jpeg', lastModified: file.lastModified });
  } catch {
    return file;
  } finally {
    bitmap.close();
  }
}
