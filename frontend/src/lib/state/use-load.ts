/**
 * Loading state for one async read: data, a readable error, a reload, and an optional refresh interval that
 * keeps the last data on screen while it refreshes (live figures without flicker). An answer belongs to the
 * deps it was loaded for: when they change, the old data is not shown, and answers of superseded loads are
 * dropped, so a fast filter change never shows an older page.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import { errorMessage } from '../services/errors.services.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
}

interface State<T> {
  deps?: readonly unknown[];
  data?: T;
  error?: string;
  reloading?: boolean;
}

const sameDeps = (a: readonly unknown[] | undefined, b: readonly unknown[]) =>
  a !== undefined && a.length === b.length && a.every((d, i) => Object.is(d, b[i]));

export function useLoad<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  o: { refreshMs?: number } = {},
): Loaded<T> {
  const [state, setState] = useState<State<T>>({});
  const generation = useRef(0);
  const current = useRef({ load, deps });
  useEffect(() => {
    current.current = { load, deps };
  });

  const run = useCallback(() => {
    const mine = ++generation.current;
    const { load: fetch, deps: forDeps } = current.current;
    fetch().then(
      (data) => mine === generation.current && setState({ deps: forDeps, data }),
      (error: unknown) =>
        mine === generation.current &&
        setState((s) => ({
          deps: forDeps,
          data: sameDeps(s.deps, forDeps) ? s.data : undefined,
          error: errorMessage(error),
        })),
    );
  }, []);

  useEffect(() => {
    run();
    if (!o.refreshMs) return;
    const timer = setInterval(run, o.refreshMs);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps decide when to load again
  }, [...deps, o.refreshMs, run]);

  const reload = useCallback(() => {
    setState((s) => ({ ...s, reloading: true, error: undefined }));
    run();
  }, [run]);

  const fresh = sameDeps(state.deps, deps);
  return {
    data: fresh ? state.data : undefined,
    error: fresh ? state.error : undefined,
    loading: !fresh || state.reloading === true,
    reload,
  };
}
