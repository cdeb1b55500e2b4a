import { Container } from "@mantine/core";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import type { Audience } from "../types";
import { audienceOf, loginPath, useSession } from "./session";
import { PageLoader, QueryError } from "./ui";

/** Renders children only for a signed-in user of the given audience; otherwise goes to its login page. */
export function RequireSession({ audience, children }: { audience: Audience; children: ReactNode }) {
  const { data: session, isPending, error, refetch } = useSession();
  const location = useLocation();

  if (isPending) {
    return (
      <main>
        <PageLoader />
      </main>
    );
  }
  if (error) {
    return (
      <Container component="main" size="sm" py="xl">
        <QueryError error={error} onRetry={() => void refetch()} />
      </Container>
    );
  }
  if (!session || audienceOf(session.user) !== audience) {
    return (
      <Navigate to={loginPath(audience)} replace state={{ from: location.pathname + location.search }} />
    );
  }
  return <>{children}</>;
}
