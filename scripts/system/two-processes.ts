// `npm run test:processes`: two app processes on one database behave as one app (issue 25, item
// 4). Proves that a session made on one works on the other (and that signing out on one ends it
// on both); that a reply posted through one reaches a live stream served by the other; that rate
// limits count across both (eight replies sent at once, four to each, with a limit of six a
// minute: exactly six are taken); and that every job runs once (each reply to a member's post
// queues an email job; both processes work the queue, and each email is sent exactly once).
import {
  check,
  createCommunity,
  postForm,
  postIdOf,
  runSystemTest,
  say,
  signIn,
  startApp,
  startDatabase,
  waitFor,
} from "./harness";
import { announcedPosts, openLiveStream } from "./live-stream";

const PORTS = [3401, 3402];
/** Replies a member may post a minute (MEMBER_LIMITS in app/models/posting-limits.server.ts). */
const REPLIES_PER_MINUTE = 6;

await runSystemTest("two processes on one database", async (cleanup) => {
  say("starting PostgreSQL and making the community");
  const database = await startDatabase("two-processes");
  cleanup(() => database.destroy());
  const community = await createCommunity(database.url, {
    members: 16,
    threads: 2,
    replies: 2,
    ideas: 0,
  });
  const [a, b] = await Promise.all(PORTS.map((port) => startApp(database.url, port)));
  cleanup(() => Promise.all([a.stop(), b.stop()]));
  say(`two app processes: ${a.base} and ${b.base}`);
  const sql = database.query();
  cleanup(() => sql.end());
  const [thread, otherThread] = community.threads;
  const [reader, writer, limited, author, ...repliers] = community.members;

  // 1. A session made on one process works on the other, and ends on both.
  const readerCookie = await signIn(a.base, reader.email);
  const onB = await fetch(`${b.base}/notifications`, {
    headers: { Cookie: readerCookie },
    redirect: "manual",
  });
  check(onB.status === 200, `a session made on A was refused by B: ${onB.status}`);
  const anonymous = await fetch(`${b.base}/notifications`, { redirect: "manual" });
  check(anonymous.status === 302, `B showed /notifications to nobody: ${anonymous.status}`);
  const throwaway = await signIn(b.base, reader.email);
  const signOut = await postForm(b.base, "/logout", throwaway, {});
  check(signOut.status === 302, `signing out on B answered ${signOut.status}`);
  const afterSignOut = await fetch(`${a.base}/notifications`, {
    headers: { Cookie: throwaway },
    redirect: "manual",
  });
  check(
    afterSignOut.status === 302,
    `a session signed out on B still worked on A: ${afterSignOut.status}`,
  );
  say("✓ a session made on A works on B; signed out on B, it ends on A");

  // 2. A reply posted through A reaches a live stream served by B.
  const stream = await openLiveStream(b.base, thread, readerCookie);
  cleanup(async () => stream.close());
  check(stream.status === 200, `B refused the live stream: ${stream.status}`);
  const writerCookie = await signIn(a.base, writer.email);
  // The stream is open once B has answered; its LISTEN was running since B started.
  const posted = await postForm(a.base, `/t/${thread}`, writerCookie, {
    intent: "reply",
    body: "Posted through process A, heard on process B.",
  });
  const postId = postIdOf(posted.headers.get("location"));
  check(posted.status === 302 && postId, `the reply through A answered ${posted.status}`);
  await waitFor(
    `B's live stream never announced the reply ${postId} posted through A`,
    async () => announcedPosts(stream).includes(postId),
    15_000,
  );
  say("✓ a reply posted through A appeared live on B's stream");

  // 3. Rate limits count across both processes: eight replies at once, four through each.
  const limitedCookie = await signIn(b.base, limited.email);
  const answers = await Promise.all(
    Array.from({ length: REPLIES_PER_MINUTE + 2 }, (_, i) =>
      postForm([a, b][i % 2].base, `/t/${otherThread}`, limitedCookie, {
        intent: "reply",
        body: `Reply ${i + 1} of a burst sent to both processes at once.`,
      }),
    ),
  );
  const statuses = answers.map((answer) => answer.status);
  const taken = statuses.filter((status) => status === 302).length;
  const refused = statuses.filter((status) => status === 429).length;
  check(
    taken === REPLIES_PER_MINUTE && refused === 2,
    `with a limit of ${REPLIES_PER_MINUTE} replies a minute, a burst of ${statuses.length} across both processes answered ${statuses.join(", ")}`,
  );
  const [{ count: stored }] = await sql<[{ count: number }]>`
    select count(*)::int as count from posts where author_id = ${limited.id}`;
  check(stored === REPLIES_PER_MINUTE, `${stored} of the burst's replies were stored`);
  say(`✓ rate limits count across both: ${taken} taken, ${refused} refused (429)`);

  // 4. Every job runs once: replies to the author's post, through both processes, each queue
  // one email job; both processes work the queue.
  const [opening] = await sql<[{ id: string }]>`
    select id from posts where thread_id = ${thread} order by position limit 1`;
  const authorCookie = await signIn(a.base, author.email);
  const authorPost = await postForm(a.base, `/t/${thread}`, authorCookie, {
    intent: "reply",
    replyToPostId: opening.id,
    body: "The post everyone answers.",
  });
  const authorPostId = postIdOf(authorPost.headers.get("location"));
  check(authorPostId, `the author's post answered ${authorPost.status}`);
  const replyIds: string[] = [];
  for (const [i, replier] of repliers.entries()) {
    const app = [a, b][i % 2];
    const cookie = await signIn(app.base, replier.email);
    const reply = await postForm(app.base, `/t/${thread}`, cookie, {
      intent: "reply",
      replyToPostId: authorPostId,
      body: `Answer ${i + 1}, posted through ${app.base}.`,
    });
    const id = postIdOf(reply.headers.get("location"));
    check(id, `reply ${i + 1} answered ${reply.status}`);
    replyIds.push(id);
  }
  const jobsDone = async () => {
    const [row] = await sql<[{ total: number; done: number }]>`
      select count(*)::int as total, count(*) filter (where state = 'completed')::int as done
      from pgboss.job where name = 'notification-email'`;
    return row;
  };
  await waitFor(
    "the email jobs of the replies did not all complete",
    async () => {
      const { total, done } = await jobsDone();
      return total >= replyIds.length && done === total;
    },
    60_000,
    250,
  );
  // Each job sends one email and marks its notification: as many of each as there are jobs.
  const { total } = await jobsDone();
  const [{ emails }] = await sql<[{ emails: number }]>`
    select count(*)::int as emails from outbox_emails where kind like 'notification-%'`;
  const [{ notified }] = await sql<[{ notified: number }]>`
    select count(*)::int as notified from notifications where emailed_at is not null`;
  const [{ toAuthor }] = await sql<[{ toAuthor: number }]>`
    select count(*)::int as "toAuthor" from outbox_emails where "to" = ${author.email}`;
  check(
    toAuthor === replyIds.length && emails === total && notified === total,
    `${replyIds.length} replies to the author's post sent them ${toAuthor} emails; ${total} email jobs sent ${emails} emails for ${notified} notifications (each job should run exactly once)`,
  );
  const [{ retried }] = await sql<[{ retried: number }]>`
    select count(*)::int as retried from pgboss.job
    where name = 'notification-email' and retry_count > 0`;
  check(retried === 0, `${retried} email jobs ran more than once`);
  say(`✓ every job ran once: ${total} email jobs, ${emails} emails, none retried`);
});
