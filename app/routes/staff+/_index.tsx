import { redirect } from "@remix-run/node";

// /staff opens the workspace's first section, which asks who may see it.
export const loader = () => redirect("/staff/inbox");
