import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { requireUser } from "~/auth/policy.server";
import { ErrorPage } from "~/components/error-page";

// Unknown addresses go through the root loader like any page: signed-out visitors are asked to
// sign in, signed-in ones get the 404 inside the app's header.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  throw data({ message: "Not found" }, { status: 404 });
}

export async function action({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  throw data({ message: "Not found" }, { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
