import sharp from 'sharp';
import { AppError } from '../../core/errors.js';

/** Longest side of a stored photo: enough for a report or a document, small over a slow link. */
export const PHOTO_MAX_SIDE = 1600;
/** Pixels a photo may declare (phones shoot up to ~50 MP); anything above is refused undecoded. */
export const PHOTO_MAX_PIXELS = 64_000_000;

const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp)$/;

/**
 * The image option of attachments (照片): the bytes must be an image (already sniffed), its
 * header must declare at most PHOTO_MAX_PIXELS (checked before any decoding, and again by
 * sharp's `limitInputPixels` while decoding, so a decompression bomb never reaches memory), and
 * it is re-encoded as JPEG: EXIF orientation applied, longest side at most PHOTO_MAX_SIDE, every
 * metadata block (EXIF with GPS, XMP, ICC comments) dropped — sharp keeps none unless asked.
 */
export async function normalizePhoto(content: Buffer, contentType: string): Promise<Buffer> {
  if (!IMAGE_TYPES.test(contentType)) throw new AppError('PHOTO_REQUIRED', { detected: contentType });
  const maxMegapixels = Math.round(PHOTO_MAX_PIXELS / 1_000_000);
  // metadata() reads the header only: the declared size is known before anything is decoded.
  const meta = await sharp(content, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!meta) throw new AppError('PHOTO_UNREADABLE');
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width * height > PHOTO_MAX_PIXELS) throw new AppError('PHOTO_TOO_LARGE', { width, height }, { maxMegapixels });
  try {
    return await sharp(content, { limitInputPixels: PHOTO_MAX_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer();
  } catch (e) {
    if (e instanceof Error && /pixel limit/i.test(e.message)) throw new AppError('PHOTO_TOO_LARGE', { width, height }, { maxMegapixels });
    throw new AppError('PHOTO_UNREADABLE');
  }
}
