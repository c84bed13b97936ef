// The one policy module: what each role may do (permissions), and per entity what a viewer may do
// to one thing in its state. Each entity's rules live in their own file under ./policy; this
// module is where every caller asks. Who is asking (the signed-in person) is
// ./current-user.server.ts.
export * from "./policy/permissions.server";
export { type Decision } from "./policy/decision.server";
export * from "./policy/posts.server";
export * from "./policy/threads.server";
export * from "./policy/ideas.server";
export * from "./policy/learnings.server";
export * from "./policy/proposals.server";
export * from "./policy/moderation.server";
export * from "./policy/people.server";
export * from "./policy/tokens.server";
