import type { TagColor, TagVisibility } from "../schema";
import type { NamedHandle } from "./script";

/**
 * The staff's taxonomy in the demo: product areas and themes everyone sees, and a few internal
 * tags only staff see (the customer-success signals they triage by).
 */
export type DemoTag = {
  name: string;
  color: TagColor;
  groupName: string | null;
  visibility: TagVisibility;
  by: NamedHandle;
};

export const DEMO_TAGS: DemoTag[] = [
  { name: "Reporting", color: "blue", groupName: "Product area", visibility: "public", by: "maya" },
  {
    name: "Integrations",
    color: "teal",
    groupName: "Product area",
    visibility: "public",
    by: "maya",
  },
  {
    name: "Permissions",
    color: "purple",
    groupName: "Product area",
    visibility: "public",
    by: "maya",
  },
  { name: "Mobile", color: "green", groupName: "Product area", visibility: "public", by: "maya" },
  { name: "Billing", color: "amber", groupName: "Product area", visibility: "public", by: "maya" },
  { name: "Automation", color: "pink", groupName: "Theme", visibility: "public", by: "maya" },
  { name: "Compliance", color: "grey", groupName: "Theme", visibility: "public", by: "maya" },
  { name: "Churn risk", color: "red", groupName: null, visibility: "internal", by: "maya" },
  { name: "Enterprise ask", color: "amber", groupName: null, visibility: "internal", by: "maya" },
  { name: "Needs research", color: "grey", groupName: null, visibility: "internal", by: "priya" },
];

/**
 * Which threads carry which tags, by the start of their title (the residency thread's ends with
 * a year), and who tagged them: Jonas tags what touches reporting and the admin console, Priya
 * what needs research, Maya the rest.
 */
export const DEMO_THREAD_TAGS: Array<{ title: string; tags: string[]; by: NamedHandle }> = [
  // Ideas
  { title: "Bulk-edit user roles", tags: ["Permissions", "Automation"], by: "jonas" },
  { title: "Schedule dashboard exports by email", tags: ["Reporting", "Automation"], by: "jonas" },
  { title: "Offline mode for the mobile app", tags: ["Mobile", "Needs research"], by: "priya" },
  {
    title: "Per-workspace data residency selection",
    tags: ["Compliance", "Enterprise ask"],
    by: "maya",
  },
  {
    title: "Audit log export to our SIEM",
    tags: ["Integrations", "Compliance", "Enterprise ask"],
    by: "maya",
  },
  {
    title: "SCIM group sync for nested groups",
    tags: ["Permissions", "Enterprise ask"],
    by: "maya",
  },
  { title: "Dark mode for reports", tags: ["Reporting"], by: "jonas" },
  {
    title: "Comment threads on individual report widgets",
    tags: ["Reporting", "Needs research"],
    by: "jonas",
  },
  { title: "API: webhooks for status changes", tags: ["Integrations", "Automation"], by: "maya" },
  {
    title: "Read-only seats for executives",
    tags: ["Billing", "Permissions", "Churn risk"],
    by: "maya",
  },
  { title: "Email a dashboard to people who never log in", tags: ["Reporting"], by: "jonas" },
  { title: "Don't lose checklist drafts when the signal drops", tags: ["Mobile"], by: "priya" },
  // Discussions and insights
  {
    title: "What a 4-person team learned from automating renewals",
    tags: ["Automation"],
    by: "maya",
  },
  { title: "Taking over as admin when the old admin leaves", tags: ["Permissions"], by: "jonas" },
  {
    title: "Full seats or viewer seats: how do you decide who gets which?",
    tags: ["Billing", "Churn risk"],
    by: "maya",
  },
  { title: "Which metrics do you review weekly?", tags: ["Reporting"], by: "jonas" },
  { title: "Hitting the API rate limit during nightly syncs", tags: ["Integrations"], by: "maya" },
  {
    title: "SSO and SCIM rollout: what we learned moving 2,000 people",
    tags: ["Permissions"],
    by: "maya",
  },
  {
    title: "Data residency requirements for",
    tags: ["Compliance", "Enterprise ask"],
    by: "maya",
  },
  {
    title: "One workspace or several? Bringing acquired companies on board",
    tags: ["Enterprise ask", "Needs research"],
    by: "priya",
  },
  { title: "First impressions of the new reporting beta", tags: ["Reporting"], by: "jonas" },
  {
    title: "Preview: scheduled report exports",
    tags: ["Reporting", "Automation"],
    by: "jonas",
  },
  // Learnings
  { title: "What we heard about scheduled exports", tags: ["Reporting"], by: "jonas" },
  {
    title: "What we heard about data residency",
    tags: ["Compliance", "Enterprise ask"],
    by: "maya",
  },
];
