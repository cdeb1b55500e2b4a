import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { isApiError, setCsrfToken, setUnauthorizedHandler } from "./api";
import { LoginPage } from "./shared/LoginPage";
import { NotFound } from "./shared/NotFound";
import { PageLoader, useAfterFirstPaint } from "./shared/page";
import { fetchSession, sessionKey } from "./shared/session";
import { cssVariablesResolver, theme } from "./shared/theme";

const Toasts = lazy(() => import("./shared/Toasts"));
const ShopApp = lazy(() => import("./shop/ShopApp"));
const PortalApp = lazy(() => import("./portal/PortalApp"));
const BookingLinkPage = lazy(() => import("./links/BookingLinkPage"));
const EstimateLinkPage = lazy(() => import("./links/EstimateLinkPage"));
const ExtensionLinkPage = lazy(() => import("./links/ExtensionLinkPage"));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (4xx) will not fix themselves; retry only network and server errors.
      retry: (failureCount, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
  },
});

// In the shop or the portal the first thing every page needs is the session: ask for it while the
// area's code downloads, not after (it was a waterfall: entry → area chunk → session → page chunk → data).
if (typeof window !== "undefined" && /^\/(shop|portal)(\/|$)/.test(window.location.pathname)) {
  void queryClient.prefetchQuery({
    queryKey: sessionKey,
    queryFn: fetchSession,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Any 401 drops the session; the area's guard then sends the user to its login page. */
function UnauthorizedHandler() {
  const client = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      client.setQueryData(sessionKey, null);
    });
    return () => setUnauthorizedHandler(null);
  }, [client]);
  return null;
}

function LazyArea({ children }: { children: React.ReactNode }) {
  return (
    <Suspense
      fallback={
        <main>
          <PageLoader />
        </main>
      }
    >
      {children}
    </Suspense>
  );
}

/** The toast container, fetched after the first paint (toasts shown before wait in their store). */
function LazyToasts() {
  const painted = useAfterFirstPaint();
  return painted ? (
    <Suspense fallback={null}>
      <Toasts />
    </Suspense>
  ) : null;
}

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
      <LazyToasts />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <UnauthorizedHandler />
          <Routes>
            <Route path="/" element={<Navigate to="/shop" replace />} />
            <Route path="/login" element={<LoginPage audience="shop" />} />
            <Route path="/portal/login" element={<LoginPage audience="portal" />} />
            <Route
              path="/shop/*"
              element={
                <LazyArea>
                  <ShopApp />
                </LazyArea>
              }
            />
            <Route
              path="/portal/*"
              element={
                <LazyArea>
                  <PortalApp />
                </LazyArea>
              }
            />
            <Route
              path="/b/:token"
              element={
                <LazyArea>
                  <BookingLinkPage />
                </LazyArea>
              }
            />
            <Route
              path="/e/:token"
              element={
                <LazyArea>
                  <EstimateLinkPage />
                </LazyArea>
              }
            />
            <Route
              path="/x/:token"
              element={
                <LazyArea>
                  <ExtensionLinkPage />
                </LazyArea>
              }
            />
            <Route path="*" element={<NotFound standalone />} />
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
