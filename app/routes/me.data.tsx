import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { recentSsoSignIn, requireUserSession } from "~/auth/current-user.server";
import { endOwnSessions, endSession } from "~/auth/session.server";
import { RelativeTime } from "~/components/ui/relative-time";
import { TableScroll } from "~/components/ui/table-scroll";
import { deleteOwnAccount } from "~/models/account-deletion.server";
import { answerConsent } from "~/models/consent.server";
import { listMyDataExports, requestDataExport } from "~/models/data-export.server";
import { getMyData } from "~/models/my-data.server";
import { Refusal } from "~/models/refusal.server";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { formatCount } from "~/utils/format";
import { parseSubmission } from "~/utils/form.server";
import { roleLabels, tierLabels } from "~/utils/labels";
import { MyDataSchema } from "~/validation/my-data";
import { ConsentCard, ConsentLedger } from "./__my-data-consents";
import { ExportSection } from "./__my-data-export";
import { LeaveSection } from "./__my-data-leave";
import { SessionsSection, SignInsSection } from "./__my-data-sessions";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireUserSession(request);
  const [data, exports, confirmedBySso] = await Promise.all([
    getMyData(user, sessionId),
    listMyDataExports(user),
    recentSsoSignIn(request),
  ]);
  return { ...data, exports, confirmedBySso };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, sessionId } = await requireUserSession(request);
  const submission = await parseSubmission(request, MyDataSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  return answerWork(
    submission,
    async () => {
      switch (input.intent) {
        case "consent":
          await answerConsent(user, input.purpose, input.answer, "my_data");
          return { done: "Saved. It applies everywhere now.", resetForm: false };
        case "end-session": {
          const ended = await endOwnSessions(user, { publicId: input.sessionId });
          if (ended === 0) throw new Refusal("That session has already ended.", 404);
          return "Session ended: that browser is signed out.";
        }
        case "delete-account":
          await deleteOwnAccount(user, {
            removePosts: input.posts === "remove",
            password: input.password,
            recentSsoSignIn: await recentSsoSignIn(request),
          });
          throw redirect("/login?notice=account-deleted", {
            headers: { "Set-Cookie": await endSession(request) },
          });
        case "export":
          await requestDataExport(user);
          return "We're preparing a copy of your data. You'll be notified when it's ready to download.";
        case "end-other-sessions": {
          const ended = await endOwnSessions(user, { allBut: sessionId });
          return ended === 0
            ? "You have no other sessions."
            : `Signed out everywhere else (${ended} ${ended === 1 ? "session" : "sessions"}).`;
        }
      }
    },
    { hideFields: ["password"] },
  );
}

const SECTIONS = [
  ["profile", "Profile and account"],
  ["made", "What you made here"],
  ["consents", "How your words and name are used"],
  ["sessions", "Sessions"],
  ["sign-ins", "Sign-in history"],
  ["staff", "What staff hold about you"],
  ["export", "Take a copy"],
  ["leave", "Delete your account"],
] as const;

export default function MyData() {
  const { confirmedBySso } = useLoaderData<typeof loader>();
  return (
    <div className="page reading-column">
      <header className="page-header">
        <div>
          <h1>My data</h1>
          <p>
            Everything this community holds about you, who can see each part, and what you can
            change. Only you see this page.
          </p>
        </div>
      </header>
      <nav aria-label="On this page" className="section-gap">
        <ul className="trait-list">
          {SECTIONS.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="stack">
        <ProfileSection />
        <MadeSection />
        <ConsentsSection />
        <SessionsSection />
        <SignInsSection />
        <StaffSection />
        <ExportSection />
        <LeaveSection confirmedBySso={confirmedBySso} />
      </div>
    </div>
  );
}

const fieldAudiences = {
  self: "Only you",
  staff: "You and staff",
  members: "Every member",
} as const;

function ProfileSection() {
  const { person, volunteered } = useLoaderData<typeof loader>();
  const facts: [string, string, string][] = [
    ["Name", person.displayName, "Everyone in the community"],
    ["Handle", `@${person.handle}`, "Everyone in the community"],
    ["Email", person.email, "You and admins; never shown to members"],
    ["About you", person.bio || "—", "Everyone in the community"],
    ["Role", roleLabels[person.role], "Everyone in the community"],
    ["Trust level", String(person.trustLevel), "You, moderators and staff"],
    [
      "Your votes",
      person.showVotes ? "Shown to members" : "Hidden from members",
      "Staff always see who voted",
    ],
  ];
  return (
    <section className="card" aria-labelledby="profile" id="profile-card">
      <h2 id="profile">Profile and account</h2>
      <TableScroll label="Your profile">
        <table className="data">
          <caption className="visually-hidden">What your profile holds and who sees it</caption>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Held</th>
              <th scope="col">Who sees it</th>
            </tr>
          </thead>
          <tbody>
            {facts.map(([what, value, who]) => (
              <tr key={what}>
                <th scope="row">{what}</th>
                <td>{value}</td>
                <td>{who}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Joined</th>
              <td>
                <RelativeTime date={person.createdAt} />
              </td>
              <td>Everyone in the community</td>
            </tr>
            <tr>
              <th scope="row">Last seen</th>
              <td>{person.lastSeenAt ? <RelativeTime date={person.lastSeenAt} /> : "—"}</td>
              <td>Staff and moderators</td>
            </tr>
            {volunteered.map((field) => (
              <tr key={field.label}>
                <th scope="row">{field.label}</th>
                <td>{field.value}</td>
                <td>{fieldAudiences[field.visibility]} (your choice)</td>
              </tr>
            ))}
            {person.accountName ? (
              <>
                <tr>
                  <th scope="row">Account</th>
                  <td>
                    {person.accountName}
                    {person.segment ? ` (${person.segment})` : ""}
                  </td>
                  <td>Staff; members see your name only</td>
                </tr>
                <tr>
                  <th scope="row">Account tier</th>
                  <td>{person.tier ? tierLabels[person.tier] : "—"}</td>
                  <td>You and staff (it decides which spaces are open to you)</td>
                </tr>
              </>
            ) : null}
          </tbody>
        </table>
      </TableScroll>
      <p className="small">
        Change your name, about text, answers to the community's questions and who sees them, and
        vote visibility in <Link to="/settings">Settings</Link>.
      </p>
    </section>
  );
}

function MadeSection() {
  const { counts, recentPosts } = useLoaderData<typeof loader>();
  const figures: [string, number, string | null][] = [
    ["Threads started", counts.threads, null],
    ["Replies", counts.replies, null],
    ["Votes on ideas", counts.votes, null],
    ["Reactions", counts.reactions, null],
    ["Proposals you co-author", counts.proposals, "/proposals"],
    ["Endorsements", counts.endorsements, null],
    ["Comments on proposals", counts.comments, null],
    ["Learnings you confirmed", counts.confirmations, null],
    ["Bookmarks", counts.bookmarks, "/me/bookmarks"],
    ["Drafts", counts.drafts, "/me/drafts"],
    ["Threads you watch", counts.watches, null],
    ["Notifications", counts.notifications, "/notifications"],
    ["Flags you raised", counts.flags, null],
  ];
  return (
    <section className="card" aria-labelledby="made">
      <h2 id="made">What you made here</h2>
      <dl className="fact-grid">
        {figures.map(([term, value, to]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{to ? <Link to={to}>{formatCount(value)}</Link> : formatCount(value)}</dd>
          </div>
        ))}
      </dl>
      <h3 className="small-heading">Your latest posts</h3>
      {recentPosts.length === 0 ? (
        <p className="muted">You haven't posted yet.</p>
      ) : (
        <ul className="stack-list">
          {recentPosts.map((post) => (
            <li key={post.id}>
              <Link to={`/p/${post.id}`}>
                {post.opening ? "Started" : "Replied in"}{" "}
                {post.threadTitle ? `“${post.threadTitle}”` : "a thread you no longer see"}
              </Link>{" "}
              <span className="muted small">
                <RelativeTime date={post.createdAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ConsentsSection() {
  const { consents, person } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="consents" className="stack">
      <div>
        <h2 id="consents">How your words and name are used</h2>
        <p className="muted">
          {consents
            ? "Each use below has written terms and your answer, recorded with its time and the version of the terms. Change an answer at any time: it applies everywhere at once, and every answer is kept."
            : "These are customers' answers about their own words: the company's staff have none to give."}
        </p>
      </div>
      {consents ? (
        <>
          {consents.states.map((state) => (
            <ConsentCard key={state.purpose} state={state} segment={person.segment ?? ""} />
          ))}
          <section className="card" aria-labelledby="ledger">
            <h3 id="ledger">Your consent record</h3>
            <ConsentLedger events={consents.events} />
          </section>
        </>
      ) : null}
    </section>
  );
}

function StaffSection() {
  const { staffHolds: held, person } = useLoaderData<typeof loader>();
  const items: string[] = [];
  if (person.accountName) {
    items.push(
      held.value_snapshots > 0
        ? `Your account's value data (revenue, gross profit, lifetime value): ${formatCount(held.value_snapshots)} ${held.value_snapshots === 1 ? "snapshot" : "snapshots"}, which decide its tier.`
        : "Your account's value data: none imported yet.",
    );
  }
  if (held.proxy_votes > 0) {
    items.push(
      `${formatCount(held.proxy_votes)} ${held.proxy_votes === 1 ? "vote" : "votes"} staff recorded on your behalf, with their notes of what you said.`,
    );
  }
  if (held.account_notes > 0) {
    items.push(
      `${formatCount(held.account_notes)} internal ${held.account_notes === 1 ? "note" : "notes"} about your account, written by staff for staff.`,
    );
  }
  if (held.lapsed) {
    items.push("You are on staff's list of members to get back in touch with.");
  }
  if (held.influence_ranked) {
    items.push(
      "Your place in the influence ranking: how much others engage with what you write (replies, reactions, votes, endorsements, mentions).",
    );
  }
  if (held.notices > 0) {
    items.push(
      `${formatCount(held.notices)} moderation ${held.notices === 1 ? "notice" : "notices"} sent to you.`,
    );
  }
  return (
    <section className="card" aria-labelledby="staff">
      <h2 id="staff">What staff hold about you</h2>
      <p className="muted small">
        Besides everything above, the company's staff hold the following. Their internal notes stay
        between them; this says that they exist.
      </p>
      {items.length === 0 ? (
        <p>Nothing beyond what is listed above.</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "My data · Vanguard" }];
