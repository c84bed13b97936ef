import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Links,
  LiveReload,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  type ShouldRevalidateFunction,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useEffect } from "react";
import { navigationFor } from "~/auth/policy.server";
import { getSession } from "~/auth/current-user.server";
import { countUnreadNotifications } from "~/models/notification-inbox.server";
import { AppHeader } from "~/components/app-header";
import { ErrorPage, errorTitle } from "~/components/error-page";
import stylesHref from "~/styles/app.css";
import { useNonce } from "~/utils/nonce";
import { isPublicPath } from "~/utils/public-paths";
import { safeRedirectPath } from "~/utils/redirect";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, setCookie } = await getSession(request);
  const url = new URL(request.url);
  if (!user && !isPublicPath(url.pathname)) {
    const back = safeRedirectPath(url.pathname + url.search, "/");
    throw redirect(
      back === "/" ? "/login" : `/login?${new URLSearchParams({ redirectTo: back })}`,
      {
        headers: setCookie ? { "Set-Cookie": setCookie } : undefined,
      },
    );
  }
  const unreadNotifications = user ? await countUnreadNotifications(user) : 0;
  const viewer = user
    ? {
        id: user.id,
        displayName: user.displayName,
        handle: user.handle,
        email: user.email,
        role: user.role,
        nav: navigationFor(user),
        unreadNotifications,
      }
    : null;
  return data({ viewer }, { headers: setCookie ? { "Set-Cookie": setCookie } : undefined });
}

// The bell's count is news: read it again on every navigation, not only after a form or a
// change of address (Remix's default), so an opened notification stops counting at once.
export const shouldRevalidate: ShouldRevalidateFunction = () => true;

export type RootViewer = NonNullable<Awaited<ReturnType<typeof loader>>["data"]["viewer"]>;

export function useViewer(): RootViewer | null {
  return useRouteLoaderData<typeof loader>("root")?.viewer ?? null;
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const viewer = useViewer();
  // Lets CSS hide controls that only work with JavaScript until it has loaded.
  useEffect(() => document.documentElement.classList.add("js"), []);
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <AppHeader viewer={viewer} />
        <main id="main">{children}</main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        {/* Renders nothing in production; reloads the page after `npm run dev` rebuilds. */}
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export const meta: MetaFunction = ({ error }) => [
  { title: error ? `${errorTitle(error)} · Vanguard` : "Vanguard" },
];

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
