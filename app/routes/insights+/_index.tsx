import { redirect } from "@remix-run/node";

// The insights open on their first page.
export const loader = () => redirect("/insights/value");
