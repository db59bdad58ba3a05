import { BRAND_COLOR } from '../theme.js';

/** The luodi mark (a building on solid ground), drawn inline so it costs no request. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" style={{ flex: 'none' }}>
      <rect width="64" height="64" rx="12" fill={BRAND_COLOR} />
      <path d="M14 46h36M22 46V28l10-8 10 8v18" fill="none" stroke="#fff" strokeWidth="5" strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}
