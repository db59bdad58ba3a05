/**
 * 督办事项 vocabulary shared by meetings (which raise actions), problems, lights and the
 * supervision feature (which runs their lifecycle). Ids are what the API, CLI and files use.
 */
export const ACTION_SOURCE_KINDS = ['meeting', 'problem', 'light', 'instruction'] as const;
export type ActionSourceKind = (typeof ACTION_SOURCE_KINDS)[number];

export const ACTION_SOURCE_NAMES: Record<ActionSourceKind, { zh: string; en: string }> = {
  meeting: { zh: '会议督办', en: 'Meeting action' },
  problem: { zh: '问题督办', en: 'Problem' },
  light: { zh: '亮灯督办', en: 'Red light' },
  instruction: { zh: '领导批示', en: "Leader's instruction" },
};

/**
 * open → (owner reports back) reported → (coordinator verifies) closed, or back to open with a
 * reason; cancelled only by the coordinator, with a reason.
 */
export const ACTION_ITEM_STATUSES = ['open', 'reported', 'closed', 'cancelled'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

export const ACTION_ITEM_STATUS_NAMES: Record<ActionItemStatus, { zh: string; en: string }> = {
  open: { zh: '办理中', en: 'Open' },
  reported: { zh: '已反馈待核验', en: 'Reported, awaiting check' },
  closed: { zh: '已办结', en: 'Closed' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};
