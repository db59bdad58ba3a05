import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { compact, readView, writeView, type LedgerFilters, type LedgerView, type ProjectSort, type SortOrder } from './ledger-params.js';

/** The ledger's filters, sort, paging and columns, read from and written to the URL. */
export function useLedgerView() {
  const [searchParams, setSearchParams] = useSearchParams();
  const key = searchParams.toString();
  // Parsed once per distinct URL (searchParams is a new object on every render).
  const view = useMemo(() => readView(new URLSearchParams(key)), [key]);

  const replace = useCallback(
    (next: Partial<LedgerView> & { page?: number; pageSize?: number }) => setSearchParams(writeView({ ...view, ...next }), { replace: true }),
    [setSearchParams, view],
  );

  return {
    ...view,
    /** Changes some filters and goes back to the first page. */
    setFilters: useCallback((patch: Partial<LedgerFilters>) => replace({ filters: compact({ ...view.filters, ...patch }), page: 1 }), [replace, view.filters]),
    resetFilters: useCallback(() => replace({ filters: {}, page: 1 }), [replace]),
    setSort: useCallback((sort: ProjectSort, order: SortOrder) => replace({ sort, order, page: 1 }), [replace]),
    setPage: useCallback((page: number, pageSize: number) => replace({ page: pageSize === view.pageSize ? page : 1, pageSize }), [replace, view.pageSize]),
    setColumns: useCallback((columns: string[] | null) => replace({ columns }), [replace]),
    /** Applies a saved view (filters, sort and columns) from the first page. */
    applyView: useCallback((v: LedgerView) => setSearchParams(writeView({ ...v, page: 1, pageSize: view.pageSize }), { replace: true }), [setSearchParams, view.pageSize]),
    /** The current URL parameters, to carry the filters across the table ⇄ kanban toggle. */
    search: key,
  };
}

export type LedgerViewState = ReturnType<typeof useLedgerView>;
