import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { compact, readView, writeView, type LedgerFilters, type LedgerView, type ProjectSort, type SortOrder } from './ledger-params.js';

type ViewState = ReturnType<typeof readView>;

/** The ledger's filters, sort, paging and columns, read from and written to the URL. */
export function useLedgerView() {
  const [searchParams, setSearchParams] = useSearchParams();
  const key = searchParams.toString();
  // Parsed once per distinct URL (searchParams is a new object on every render).
  const view = useMemo(() => readView(new URLSearchParams(key)), [key]);

  // The router applies a navigation a little later; two quick changes (清除筛选, then 恢复默认列)
  // must build on each other, not on the URL of the last render. So changes start from the
  // last URL written here until the router catches up (or the user navigates elsewhere).
  const latest = useRef(key);
  useEffect(() => {
    latest.current = key;
  }, [key]);

  const update = useCallback(
    (change: (current: ViewState) => Partial<ViewState>) => {
      const current = readView(new URLSearchParams(latest.current));
      const next = writeView({ ...current, ...change(current) });
      latest.current = next.toString();
      setSearchParams(next, { replace: true });
    },
    [setSearchParams],
  );

  return {
    ...view,
    /** Changes some filters and goes back to the first page. */
    setFilters: useCallback((patch: Partial<LedgerFilters>) => update((c) => ({ filters: compact({ ...c.filters, ...patch }), page: 1 })), [update]),
    resetFilters: useCallback(() => update(() => ({ filters: {}, page: 1 })), [update]),
    setSort: useCallback((sort: ProjectSort, order: SortOrder) => update(() => ({ sort, order, page: 1 })), [update]),
    setPage: useCallback((page: number, pageSize: number) => update((c) => ({ page: pageSize === c.pageSize ? page : 1, pageSize })), [update]),
    /** New columns, or a change of the current ones (null = the default set). */
    setColumns: useCallback(
      (columns: string[] | null | ((current: string[] | null) => string[] | null)) => update((c) => ({ columns: typeof columns === 'function' ? columns(c.columns) : columns })),
      [update],
    ),
    /** Applies a saved view (filters, sort and columns) from the first page. */
    applyView: useCallback((v: LedgerView) => update(() => ({ ...v, page: 1 })), [update]),
    /** The current URL parameters, to carry the filters across the table ⇄ kanban toggle. */
    search: key,
  };
}

export type LedgerViewState = ReturnType<typeof useLedgerView>;
