import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportIssue, ImportReport } from '../../../core/ledger/import-report.js';
import { ApiError, NETWORK_ERROR, type ErrorDetails } from '../../api/client.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { projectsKey } from './projects.queries.js';

export type { ImportIssue, ImportReport };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The user's corrections from the preview: column index → field key (null = ignore). */
export type Mapping = Record<number, string | null>;

export interface ImportArgs {
  file: Blob;
  mode: 'dry-run' | 'commit';
  mapping?: Mapping;
  year?: number;
}

function isReport(data: unknown): data is ImportReport {
  return !!data && typeof data === 'object' && 'rows' in data && 'errors' in data;
}

/**
 * Sends the .xlsx itself as the request body. The shared API client only speaks JSON, so this
 * one request is made here, with the same CSRF header and the same error shape; a commit that
 * finds problems answers 422 with the report, which is a result here, not an error.
 */
async function postLedger({ file, mode, mapping, year }: ImportArgs, csrfToken: string): Promise<ImportReport> {
  const params = new URLSearchParams({ mode });
  if (mapping && Object.keys(mapping).length) params.set('mapping', JSON.stringify(mapping));
  if (year) params.set('year', String(year));
  let response: Response;
  try {
    response = await fetch(`/api/projects/import?${params.toString()}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': XLSX_TYPE, 'x-csrf-token': csrfToken },
      body: file,
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, NETWORK_ERROR, e instanceof Error ? e.message : String(e), null);
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (isReport(data) && (response.ok || response.status === 422)) return data;
  const body = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  throw new ApiError(
    response.status,
    typeof body?.code === 'string' ? body.code : `HTTP_${response.status}`,
    typeof body?.message === 'string' ? body.message : response.statusText,
    body?.details && typeof body.details === 'object' ? (body.details as ErrorDetails) : null,
  );
}

export function useImportLedger() {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (args: ImportArgs) => postLedger(args, me.csrfToken),
    onSuccess: (report) => {
      if (report.committed) void queryClient.invalidateQueries({ queryKey: projectsKey });
    },
  });
}
