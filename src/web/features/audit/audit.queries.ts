import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntry, AuditFilter } from '../../../core/schemas/audit.schema.js';
import { api, buildUrl, type Page } from '../../api/client.js';

export const auditKey = ['audit'] as const;

export type AuditQuery = AuditFilter & { page: number; pageSize: number };

export function useAudit(query: AuditQuery) {
  return useQuery({
    queryKey: [...auditKey, query],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/api/audit', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The .xlsx export of the same filter; a plain GET, authenticated by the session cookie. */
export function auditExportUrl(filter: AuditFilter): string {
  return buildUrl('/api/audit/export', { ...filter });
}
