import { redirect } from "@remix-run/node";

// /mod opens the moderators' first section, which asks who may see it.
export const loader = () => redirect("/mod/queue");
