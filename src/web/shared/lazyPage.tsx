// Pages load with their route: the shop and the portal are split per page, so opening one screen
// downloads that screen. A page's Suspense fallback (PageSkeleton) shows only the first time an area
// opens; moving between pages keeps the current one on screen (React Router navigates in a
// transition) while RouteProgress shows a bar at the top until the next page's code has arrived.
import { useQueryClient } from "@tanstack/react-query";
import { type ComponentType, type LazyExoticComponent, lazy, useEffect, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";

let pending = 0;
const listeners = new Set<() => void>();
const setPending = (change: number) => {
  pending += change;
  for (const listener of listeners) listener();
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

export type LazyPage = LazyExoticComponent<ComponentType> & { preload(): Promise<unknown> };

/** `lazyPage(() => import("./invoices/InvoicesPage"), "InvoicesPage")`: a page from a named export. */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): LazyPage {
  let loading: Promise<{ default: ComponentType }> | undefined;
  let loaded = false;
  const preload = () => {
    loading ??= load().then(
      (module) => {
        loaded = true;
        return { default: module[name] };
      },
      (error: unknown) => {
        // A failed download (a new deployment, a dropped connection) may be tried again.
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  const page = lazy(() => {
    const loadingNow = preload();
    // Only a page someone is waiting for shows the bar, not one fetched ahead in the background.
    if (!loaded) {
      setPending(1);
      void loadingNow.then(
        () => setPending(-1),
        () => setPending(-1),
      );
    }
    return loadingNow;
  });
  return Object.assign(page, { preload });
}

/**
 * Once the area is on screen and the browser is idle, fetch the code of its other pages, so moving
 * between them does not wait for the network. The sign-in page never gets here.
 */
export function usePreloadPages(pages: readonly LazyPage[]): void {
  // Not while the page on screen still waits for its code or data: ~100 chunks downloading and
  // compiling at once held a list's first request back by 150–250 ms on a fresh load. Checked when
  // the browser is idle, and again until quiet (at most 10 s, so a page that keeps fetching still
  // gets its neighbours' code).
  const queryClient = useQueryClient();
  useEffect(() => {
    const until = Date.now() + 10_000;
    let idle: number | undefined;
    let timer: number | undefined;
    const attempt = () => {
      if ((queryClient.isFetching() > 0 || pending > 0) && Date.now() < until) {
        timer = window.setTimeout(schedule, 200);
        return;
      }
      for (const page of pages) void page.preload().catch(() => undefined);
    };
    const schedule = () => {
      if (typeof window.requestIdleCallback === "function")
        idle = window.requestIdleCallback(attempt, { timeout: 2_000 });
      else timer = window.setTimeout(attempt, 500);
    };
    schedule();
    return () => {
      if (idle !== undefined) window.cancelIdleCallback(idle);
      window.clearTimeout(timer);
    };
  }, [pages, queryClient]);
}

/** A thin bar at the top of the window while a page's code is on its way. */
export function RouteProgress() {
  const { t } = useTranslation();
  const loading = useSyncExternalStore(subscribe, () => pending > 0);
  if (!loading) return null;
  return <div className="pl-route-progress" role="progressbar" aria-label={t("common.loading")} />;
}
