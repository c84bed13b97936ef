import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/auth/session.server";

export async function loader() {
  // Signing out changes state, so it only happens by POST (a link can't sign someone out).
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/login?notice=signed-out", {
    headers: { "Set-Cookie": await endSession(request) },
  });
}
