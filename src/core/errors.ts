/**
 * The one error type of luodi. Services throw `AppError(code, details?)`; the HTTP layer maps
 * the code to a status through `ERROR_CODES` and renders `{ error: { code, message, details } }`.
 * Clients switch on `code`, never on the message. Every code here is documented in
 * docs/api-errors.md (a test keeps the two in step).
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, zh: '提交的数据不符合要求', en: 'The submitted data is invalid' },
  BAD_JSON: { status: 400, zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  CSRF_FAILED: { status: 403, zh: '请求来源校验失败，请刷新页面后重试', en: 'Cross-site request check failed; reload the page and retry' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '请先修改密码', en: 'You must change your password first' },
  ACCOUNT_DISABLED: { status: 403, zh: '账户已停用，请联系系统管理员', en: 'This account is disabled; contact the system administrator' },
  NOT_FOUND: { status: 404, zh: '记录不存在', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such API route' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持此请求方法', en: 'Method not allowed' },
  CONFLICT: { status: 409, zh: '与已有记录冲突', en: 'Conflicts with an existing record' },
  SETUP_ALREADY_DONE: { status: 409, zh: '系统已完成初始化', en: 'Setup has already been completed' },
  ATTACHMENT_IN_USE: { status: 409, zh: '附件已作为依据关联到记录，不能删除', en: 'The attachment is evidence on a record and cannot be deleted' },
  MEETING_NOT_CLOSED: { status: 409, zh: '会议尚未结束，结束会议后才能生成会议纪要', en: 'The meeting is not closed yet; close it before printing the minutes' },
  MEETING_CLOSED: { status: 409, zh: '会议已结束并锁定，不能再修改', en: 'The meeting is closed and locked; it can no longer be changed' },
  VERSION_CONFLICT: { status: 412, zh: '记录已被他人修改，请查看最新内容后再保存', en: 'The record was changed by someone else; review the latest version and save again' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request body is too large' },
  ATTACHMENT_TOO_LARGE: { status: 413, zh: '附件不能超过 {maxMb} MB', en: 'An attachment may be at most {maxMb} MB' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  ATTACHMENT_TYPE_REFUSED: {
    status: 415,
    zh: '只能上传 PDF、图片（PNG、JPEG、GIF、WebP）、Word、Excel 或纯文本文件；可执行文件、网页、SVG、压缩包和带宏的文档不能作为附件',
    en: 'Only PDF, images (PNG, JPEG, GIF, WebP), Word, Excel or plain-text files can be attached; executables, web pages, SVG, archives and documents with macros are refused',
  },
  PHOTO_REQUIRED: { status: 415, zh: '这里只能上传照片（JPEG、PNG、WebP、GIF）', en: 'Only photos (JPEG, PNG, WebP, GIF) can be uploaded here' },
  PHOTO_TOO_LARGE: { status: 413, zh: '照片像素过大（超过 {maxMegapixels} 百万像素），请缩小后再上传', en: 'The photo has too many pixels (over {maxMegapixels} megapixels); shrink it and upload again' },
  PHOTO_UNREADABLE: { status: 400, zh: '照片已损坏或无法识别，请重新拍摄或换一张', en: 'The photo is damaged or cannot be read; take or choose another one' },
  ACCOUNT_LOCKED: { status: 423, zh: '连续登录失败次数过多，账户已锁定，请 {minutes} 分钟后再试', en: 'Too many failed sign-ins; the account is locked, try again in {minutes} minutes' },
  PRECONDITION_REQUIRED: { status: 428, zh: '缺少 If-Match 版本标识，请先读取记录再修改', en: 'If-Match header required: read the record before changing it' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; slow down' },
  INTERNAL: { status: 500, zh: '服务器内部错误，请联系管理员', en: 'Internal server error; contact the administrator' },
  UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
export type Lang = 'zh' | 'en';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  /** Values substituted into `{name}` placeholders of the message. */
  readonly params: Record<string, string | number>;

  constructor(code: ErrorCode, details?: Record<string, unknown>, params: Record<string, string | number> = {}) {
    super(formatMessage(code, 'en', params));
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.params = params;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  localized(lang: Lang): string {
    return formatMessage(this.code, lang, this.params);
  }
}

export function formatMessage(code: ErrorCode, lang: Lang, params: Record<string, string | number> = {}): string {
  const template: string = ERROR_CODES[code][lang];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
