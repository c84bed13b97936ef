import type { CONSENT_PURPOSES } from "#db/schema/values";

type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/**
 * The terms a member answers for, each with every version it ever had (the newest last). Changing
 * what a use means is a new version appended here, never an edit of an old one: answers record the
 * version they were given on, members are asked again, and a "yes" counts only on the current
 * version (a "no" counts on any). Decision record 0016.
 */
export type ConsentTerms = {
  purpose: ConsentPurpose;
  title: string;
  /** The answers offered, in order, each with the words that explain it. */
  choices: { value: string; label: string; hint: string }[];
  /** How the rule treats someone who has not answered the current version. */
  unanswered: "allowed" | "refused";
  versions: { version: number; since: string; text: string }[];
};

export const CONSENT_TERMS: readonly ConsentTerms[] = [
  {
    purpose: "observation",
    title: "Observation by staff",
    choices: [
      { value: "yes", label: "Yes", hint: "Staff may read my posts in the spaces they observe." },
      { value: "no", label: "No", hint: "I won't post in spaces staff observe." },
    ],
    unanswered: "allowed",
    versions: [
      {
        version: 1,
        since: "2026-12-07",
        text: "The company's staff named at the top of a space read what members post there, to learn what matters to customers. If you say no, you keep reading those spaces, but you can't post in them until you say yes again; what you already posted there stays as it is.",
      },
    ],
  },
  {
    purpose: "quote",
    title: "Quotes in learnings",
    choices: [
      { value: "yes", label: "Yes", hint: "Learnings may cite my posts as their sources." },
      { value: "no", label: "No", hint: "No learning cites my posts." },
    ],
    unanswered: "allowed",
    versions: [
      {
        version: 1,
        since: "2026-12-07",
        text: "When staff publish a learning (what they heard from members), it may cite your posts as its sources, and you are told when it does. If you say no, no learning cites your posts: the ones that did stop showing them at once, and staff can't add them again.",
      },
    ],
  },
  {
    purpose: "evidence",
    title: "Your words as backlog evidence",
    choices: [
      {
        value: "yes",
        label: "Yes",
        hint: "Staff may link my posts and passages to backlog items.",
      },
      { value: "no", label: "No", hint: "Staff don't link or show my words on the backlog." },
    ],
    unanswered: "allowed",
    versions: [
      {
        version: 1,
        since: "2026-12-07",
        text: "Staff link threads and posts, or passages quoted from them, to items on their backlog as evidence of what customers need. If you say no, staff can't link your words any more, and passages already linked stop showing; your votes still count toward demand without your words.",
      },
    ],
  },
  {
    purpose: "credit",
    title: "Credit on the roadmap and changelog",
    choices: [
      { value: "named", label: "By name", hint: "Your name, linked to your profile." },
      {
        value: "anonymous",
        label: "Anonymously",
        hint: "As “a customer in <your segment>”, never by name.",
      },
      {
        value: "none",
        label: "Not at all",
        hint: "Not mentioned at all. Staff still see your contribution, as always.",
      },
    ],
    unanswered: "refused",
    versions: [
      {
        version: 1,
        since: "2026-12-07",
        text: "When something you asked for or said ships, the public roadmap and changelog may credit you by name, or anonymously as a customer in your account's segment. Until you answer, you are not credited.",
      },
    ],
  },
];

export function consentTermsFor(purpose: ConsentPurpose): ConsentTerms {
  return CONSENT_TERMS.find((terms) => terms.purpose === purpose)!;
}

export function currentVersion(purpose: ConsentPurpose): number {
  return consentTermsFor(purpose).versions.at(-1)!.version;
}
