import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/current-user.server";
import { expectedFailure } from "~/utils/responses.server";

const NOT_FOUND =
  "There is no page at this address. The link may be mistyped, or the page may have moved.";

// Unknown addresses go through the root loader like any page: signed-out visitors are asked to
// sign in, signed-in ones get the 404 inside the app's header (the root's error boundary).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  throw expectedFailure(NOT_FOUND, { status: 404 });
}

export async function action({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  throw expectedFailure(NOT_FOUND, { status: 404 });
}

export default function NotFound() {
  return null;
}
