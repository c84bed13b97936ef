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
  /** How the rule treats someone who has not answered the current version. */
  unanswered: "allowed" | "refused";
  versions: { version: number; since: string; text: string }[];
};

export const CONSENT_TERMS: readonly ConsentTerms[] = [
  {
    purpose: "observation",
    title: "Staff read your posts in the spaces they observe",
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
    title: "Staff quote your posts in learnings",
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
    title: "Your words are used as evidence on the product backlog",
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
    title: "You are credited on the roadmap and changelog",
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
