// `npm run test:db-restart`: PostgreSQL restarted in the middle of the load (issue 25, item 8).
// Two processes take the load of scripts/system/load.ts; a quarter of the way in, PostgreSQL is
// stopped (a fast shutdown, cutting every connection) for ten seconds, then started again on the
// same port and data. Passes when:
// - while it is down, pages and data requests answer 503 with Retry-After and a short friendly
//   page (no stack trace), on both processes, and no request under load gets a 500 or no answer;
// - both processes serve pages again within 5 s of its return, without being restarted, and
//   every request sent from then on is answered as expected;
// - the job queue reconnected: a job queued after the return runs (an email is sent);
// - live updates reconnected: a stream opened after the return hears a reply posted after it,
//   and a stream kept open across the restart hears it too (unless it was closed meanwhile, as a
//   stream whose periodic access check fails is; the browser then opens a new one).
//
//   tsx scripts/system/database-restart.ts [--seconds=60] [--members=50] [--rate=1]
import { parseArgs } from "node:util";
import { check, postForm, postIdOf, runSystemTest, say, signIn, sleep, waitFor } from "./harness";
import { announcedPosts, openLiveStream } from "./live-stream";
import { EXPECTED_STATUS, prepareLoad, runLoad } from "./load-scenario";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    members: { type: "string", default: "50" },
    rate: { type: "string", default: "1" },
    down: { type: "string", default: "10" },
  },
});
const seconds = Number(values.seconds);
const downSeconds = Number(values.down);
const BACK_WITHIN_MS = 5_000;

await runSystemTest("PostgreSQL restarted under load", async (cleanup) => {
  const setup = await prepareLoad(
    "db-restart",
    { members: Number(values.members), processes: 2, firstPort: 3431 },
    cleanup,
  );
  const { apps, community, database } = setup;
  const thread = community.threads[0];
  // Three members stay out of the load: a reader of live updates, a writer, and a member whose
  // post the writer answers after the return (a member under load would read the thread, and a
  // notification read before its email job runs is, rightly, not emailed).
  const [reader, writer, answered] = community.members.slice(-3);
  const readerCookie = await signIn(apps[1].base, reader.email);
  const writerCookie = await signIn(apps[0].base, writer.email);
  const answeredCookie = await signIn(apps[0].base, answered.email);
  const answeredPost = await postForm(apps[0].base, `/t/${thread}`, answeredCookie, {
    intent: "reply",
    body: "A post someone answers after the restart.",
  });
  const answeredPostId = postIdOf(answeredPost.headers.get("location"));
  check(answeredPostId, `a reply before the load answered ${answeredPost.status}`);
  const kept = await openLiveStream(apps[1].base, thread, readerCookie);
  cleanup(async () => kept.close());
  check(kept.status === 200, `the live stream answered ${kept.status}`);

  const started = performance.now();
  const now = () => Math.round(performance.now() - started);
  const load = runLoad({
    bases: apps.map((app) => app.base),
    community: { ...community, members: community.members.slice(0, -3) },
    cookies: setup.cookies.slice(0, -3),
    postsByThread: setup.postsByThread,
    proposalId: setup.proposalId,
    durationSeconds: seconds,
    rate: Number(values.rate),
  });
  await sleep((seconds * 1000) / 4);
  const stoppedAt = now();
  await database.stop();
  say(`PostgreSQL stopped ${Math.round(stoppedAt / 1000)} s into the load`);

  // While it is down: 503, Retry-After, a friendly page, on both processes.
  const pages = [`/t/${thread}`, `/t/${thread}.data`, "/ideas", "/"];
  for (const app of apps) {
    for (const page of pages) {
      const response = await waitFor(
        `${app.base}${page} did not answer 503 while the database was down`,
        async () => {
          const answer = await fetch(app.base + page, { headers: { Cookie: readerCookie } });
          return answer.status === 503 ? answer : (await answer.body?.cancel(), null);
        },
        BACK_WITHIN_MS,
      );
      const body = await response.text();
      check(response.headers.get("retry-after"), `${app.base}${page}: a 503 without Retry-After`);
      check(
        !/\n\s+at |Error:|node_modules/.test(body),
        `${app.base}${page}: the 503 shows a stack trace: ${body.slice(0, 300)}`,
      );
      if (!page.endsWith(".data")) {
        check(
          /right back|try again/i.test(body),
          `${app.base}${page}: the 503 page does not tell the reader to try again: ${body.slice(0, 300)}`,
        );
      }
    }
  }
  say("✓ while it is down, pages and data requests answer 503 with Retry-After and a short page");
  const left = stoppedAt + downSeconds * 1000 - now();
  if (left > 0) await sleep(left);
  await database.start();
  const startedAt = now();
  say(`PostgreSQL started again after ${Math.round((startedAt - stoppedAt) / 1000)} s`);

  // Both processes serve again within 5 s, without being restarted.
  await Promise.all(
    apps.map((app) =>
      waitFor(
        `${app.base} did not serve pages again within ${BACK_WITHIN_MS / 1000} s of the database's return`,
        async () => {
          const answer = await fetch(`${app.base}/t/${thread}`, {
            headers: { Cookie: readerCookie },
          });
          await answer.body?.cancel();
          return answer.status === 200;
        },
        BACK_WITHIN_MS,
      ),
    ),
  );
  say(`✓ both processes serve again ${((now() - startedAt) / 1000).toFixed(1)} s after its return`);
  for (const app of apps) check(app.child.exitCode === null, `${app.base} exited`);

  // Live updates: a new stream and the kept one hear a reply posted now. The listener connects
  // again by itself; replies are posted until one is heard (or 30 s pass).
  const fresh = await openLiveStream(apps[1].base, thread, readerCookie);
  cleanup(async () => fresh.close());
  check(fresh.status === 200, `a live stream after the return answered ${fresh.status}`);
  const heard = await waitFor(
    "a live stream opened after the database's return heard no reply posted after it",
    async () => {
      const posted = await postForm(apps[0].base, `/t/${thread}`, writerCookie, {
        intent: "reply",
        body: `After the restart, at ${now()} ms.`,
      });
      const postId = postIdOf(posted.headers.get("location"));
      if (!postId) return null;
      const deadline = Date.now() + 3_000;
      while (Date.now() < deadline) {
        if (announcedPosts(fresh).includes(postId)) return postId;
        await sleep(100);
      }
      return null;
    },
    30_000,
    0,
  );
  say("✓ a live stream opened after the return heard a reply posted through the other process");
  if (kept.ended()) {
    say("the stream kept across the restart was closed meanwhile (the browser opens a new one)");
  } else {
    await waitFor(
      "the live stream kept open across the restart did not hear the reply",
      async () => announcedPosts(kept).includes(heard),
      10_000,
    );
    say("✓ the stream kept open across the restart heard it too");
  }

  // The job queue: a reply to someone's post queues an email job, which runs.
  const sql = database.query();
  cleanup(() => sql.end());
  const target = { id: answeredPostId, email: answered.email };
  const before = await sql<[{ count: number }]>`
    select count(*)::int as count from outbox_emails where "to" = ${target.email}`;
  const answer = await postForm(apps[1].base, `/t/${thread}`, writerCookie, {
    intent: "reply",
    replyToPostId: target.id,
    body: "A reply after the restart, whose email a job sends.",
  });
  check(answer.status === 302, `the reply after the restart answered ${answer.status}`);
  const jobs = async () =>
    JSON.stringify(
      await sql`select state, retry_count, created_on, started_on, completed_on, output
        from pgboss.job where name = 'notification-email' order by created_on desc limit 3`,
    );
  await waitFor(
    async () =>
      `a job queued after the database's return did not run (no email sent); latest jobs: ${await jobs()}`,
    async () => {
      const [row] = await sql<[{ count: number }]>`
        select count(*)::int as count from outbox_emails where "to" = ${target.email}`;
      return row.count > before[0].count;
    },
    60_000,
    250,
  );
  say("✓ the job queue reconnected: a job queued after the return ran");

  const result = await load;
  // Under load: while down, 503 or the expected answer (sent before the stop); never a 500 and
  // never no answer; from 5 s after the return, only expected answers.
  const unexpected = result.answers.filter(
    (a) => a.status !== EXPECTED_STATUS[a.route] && a.status !== 503,
  );
  check(
    unexpected.length === 0,
    `under load, ${unexpected.length} answers were neither the expected one nor 503: ${[
      ...new Set(unexpected.map((a) => `${a.route} ${a.status}`)),
    ].join(", ")}`,
  );
  check(
    result.failures.length === 0,
    `${result.failures.length} requests under load got no answer`,
  );
  const late = result.answers.filter(
    (a) => a.status === 503 && a.at - a.ms > startedAt + BACK_WITHIN_MS,
  );
  check(
    late.length === 0,
    `${late.length} requests sent more than 5 s after the database's return answered 503`,
  );
  const during = result.answers.filter((a) => a.status === 503).length;
  say(
    `under load: ${result.answers.length} answers, ${during} of them 503 while the database was away, none later`,
  );
});
