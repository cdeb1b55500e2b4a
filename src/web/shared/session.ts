import { type QueryClient, useQuery } from "@tanstack/react-query";
import { apiRequest, isApiError, setCsrfToken } from "../api";
import { currentLanguage, i18n, rememberLanguage } from "../i18n";
import type { Audience, Language, Session, SessionUser } from "../types";

export const sessionKey = ["session"] as const;

/**
 * Signed in, the app speaks the account's language on every device (the sign-in page's choice and the
 * switch in the app store it there); this device remembers it for its sign-in page.
 */
async function applyAccountLanguage(user: SessionUser): Promise<void> {
  rememberLanguage(user.language);
  if (user.language !== currentLanguage()) await i18n.changeLanguage(user.language);
}

export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await apiRequest<Session>("/api/v1/auth/session", { ignoreUnauthorized: true });
    setCsrfToken(session.csrfToken);
    await applyAccountLanguage(session.user);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The session; with `enabled: false` it only reads what another part of the page has loaded. */
export function useSession({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: sessionKey,
    queryFn: fetchSession,
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });
}

/** The signed-in session. Only use below a RequireSession guard. */
export function useCurrentSession(): Session {
  const { data } = useSession();
  if (!data) throw new Error("useCurrentSession used outside an authenticated area");
  return data;
}

export function hasPermission(user: SessionUser | undefined, permission: string): boolean {
  return !!user?.permissions.includes(permission);
}

export function audienceOf(user: SessionUser): Audience {
  return user.kind === "portal" ? "portal" : "shop";
}

export function loginPath(audience: Audience): string {
  return audience === "portal" ? "/portal/login" : "/login";
}

export function homePath(audience: Audience): string {
  return audience === "portal" ? "/portal" : "/shop";
}

/**
 * Where a staff member's work is: technicians their own jobs on the Service Board, the parts
 * department the work waiting for parts, accounting the invoices; advisors and admins the whole board.
 * Every target is a page the role may open (all staff read the board; invoices need invoices:read).
 */
export function shopLandingPath(user: SessionUser): string {
  switch (user.role) {
    case "technician":
      return `/shop/service-board?technician=${encodeURIComponent(user.id)}`;
    case "parts":
      return "/shop/service-board?column=waiting_parts";
    case "accounting":
      return hasPermission(user, "invoices:read") ? "/shop/invoices" : "/shop/service-board";
    default:
      return "/shop/service-board";
  }
}

/** Which login page belongs to the part of the app the browser is in. */
export function audienceFromPath(pathname: string): Audience {
  return pathname === "/portal" || pathname.startsWith("/portal/") ? "portal" : "shop";
}

/** The API answers a login with the whole session; only user and csrfToken are guaranteed. */
export type LoginResponse = Pick<Session, "user" | "csrfToken"> & Partial<Session>;

export async function login(
  queryClient: QueryClient,
  input: { email: string; password: string; audience: Audience; language?: Language },
): Promise<Session | null> {
  const response = await apiRequest<LoginResponse>("/api/v1/auth/login", {
    method: "POST",
    body: input,
    ignoreUnauthorized: true,
  });
  setCsrfToken(response.csrfToken);
  queryClient.removeQueries();
  if (response.organisation && response.location) {
    const session: Session = {
      user: response.user,
      csrfToken: response.csrfToken,
      organisation: response.organisation,
      location: response.location,
    };
    await applyAccountLanguage(session.user);
    queryClient.setQueryData(sessionKey, session);
    return session;
  }
  return queryClient.fetchQuery({ queryKey: sessionKey, queryFn: fetchSession });
}

export async function logout(queryClient: QueryClient): Promise<void> {
  try {
    await apiRequest<void>("/api/v1/auth/logout", { method: "POST", body: {}, ignoreUnauthorized: true });
  } finally {
    setCsrfToken(null);
    queryClient.clear();
    queryClient.setQueryData(sessionKey, null);
  }
}

/** Whether the signed-in user has a permission (hides actions the server would refuse). */
export function useCan(permission: string): boolean {
  const { data } = useSession();
  return hasPermission(data?.user, permission);
}
