// `npm run test:kill`: `kill -9` of an app process in the middle of the load (issue 25, item 6).
// Two processes take the load of scripts/system/load.ts; a third of the way in, one of them is
// killed with SIGKILL. Passes when every write acknowledged to a client (by either process,
// before or after the kill) is in the database afterwards, and the other process kept serving:
// it answered every request after the kill as expected (no error, no missing answer), and kept
// answering throughout. Connections to the killed process fail until a new process takes its
// port five seconds later, as a process manager would start one; those are counted, not failed on.
//
//   tsx scripts/system/kill-under-load.ts [--seconds=60] [--members=50] [--rate=1]
import { parseArgs } from "node:util";
import { check, runSystemTest, say, sleep, startApp, waitFor } from "./harness";
import { EXPECTED_STATUS, missingWrites, prepareLoad, runLoad, type Answer } from "./load-scenario";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    members: { type: "string", default: "50" },
    rate: { type: "string", default: "1" },
  },
});
const seconds = Number(values.seconds);

await runSystemTest("kill -9 of an app process under load", async (cleanup) => {
  const setup = await prepareLoad(
    "kill",
    { members: Number(values.members), processes: 2, firstPort: 3421 },
    cleanup,
  );
  const [victim, survivor] = setup.apps;
  let killedAt = Infinity;
  let answersSoFar: Answer[] = [];
  const load = runLoad({
    bases: setup.apps.map((app) => app.base),
    community: setup.community,
    cookies: setup.cookies,
    postsByThread: setup.postsByThread,
    proposalId: setup.proposalId,
    durationSeconds: seconds,
    rate: Number(values.rate),
    onSecond: (_elapsed, answers) => (answersSoFar = answers),
  });
  // In the middle of the load, once the process has acknowledged writes of both kinds (a third
  // of the way in at the earliest, half-way at the latest).
  const started = performance.now();
  const acknowledgedBy = (port: number, route: string) =>
    answersSoFar.filter(
      (a) => a.port === port && a.route === route && a.status === EXPECTED_STATUS[route],
    ).length;
  await sleep((seconds * 1000) / 3);
  await waitFor(
    "the process to kill acknowledged no reply and no vote in the first half of the load",
    async () => acknowledgedBy(victim.port, "reply") > 0 && acknowledgedBy(victim.port, "vote") > 0,
    (seconds * 1000) / 6,
    200,
  ).catch(() => {});
  killedAt = Math.round(performance.now() - started);
  await victim.kill();
  say(`killed the process on :${victim.port} with SIGKILL ${Math.round(killedAt / 1000)} s in`);
  // As a process manager would, a few seconds later: a new process on the same port.
  await sleep(5_000);
  const restarted = await startApp(setup.database.url, victim.port);
  cleanup(() => restarted.stop());
  say(`a new process serves on :${victim.port} again`);
  const result = await load;

  const before = result.answers.filter((a) => a.at < killedAt);
  const afterOnSurvivor = result.answers.filter(
    (a) => a.port === survivor.port && a.at - a.ms > killedAt,
  );
  const survivorErrors = afterOnSurvivor.filter((a) => a.status !== EXPECTED_STATUS[a.route]);
  const ackedByVictim = result.answers.filter(
    (a) =>
      a.port === victim.port &&
      a.at < killedAt &&
      (a.route === "reply" || a.route === "vote") &&
      a.status === EXPECTED_STATUS[a.route],
  ).length;
  say(
    `${before.length} answers before the kill (${ackedByVictim} writes acknowledged by the killed process); after it, the survivor answered ${afterOnSurvivor.length} (${survivorErrors.length} unexpected); ${result.failures.length} requests got no answer (connections to the killed process)`,
  );
  check(
    ackedByVictim > 0,
    "the killed process had acknowledged no writes before the kill: the test proves nothing",
  );
  check(
    survivorErrors.length === 0,
    `after the kill the other process answered ${survivorErrors.length} requests wrongly: ${[
      ...new Set(survivorErrors.map((a) => `${a.route} ${a.status}`)),
    ].join(", ")}`,
  );
  // It kept serving: answers in every second of the remaining load (allowing for the last).
  const lastSecond = Math.floor(result.durationMs / 1000) - 1;
  const servedSeconds = new Set(afterOnSurvivor.map((a) => Math.floor(a.at / 1000)));
  const silent: number[] = [];
  for (let s = Math.ceil(killedAt / 1000) + 1; s < lastSecond; s++) {
    if (!servedSeconds.has(s)) silent.push(s);
  }
  check(
    afterOnSurvivor.length > 0 && silent.length <= 2,
    `the other process stopped answering after the kill (silent in seconds ${silent.join(", ")})`,
  );
  check(
    (await fetch(`${survivor.base}/healthz`)).ok,
    "the other process's /healthz fails after the load",
  );

  const writes = await missingWrites(setup.database, result.acknowledged);
  say(
    `${writes.replies} replies and ${writes.votes} votes were acknowledged; ${writes.missingReplies.length} and ${writes.missingVotes.length} of them are missing`,
  );
  check(
    writes.missingReplies.length === 0 && writes.missingVotes.length === 0,
    `acknowledged writes are missing from the database: replies ${writes.missingReplies.slice(0, 5).join(", ")}; votes ${writes.missingVotes
      .slice(0, 5)
      .map((v) => `${v.userId}/${v.ideaId} (:${v.port}, ${v.at} ms)`)
      .join(", ")}`,
  );
});
