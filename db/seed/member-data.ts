import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type * as schema from "../schema";
import type { DemoPerson } from "./forums";
import { refreshCommunityBenchmarks } from "~/models/benchmark.server";
import { DAY_MS } from "./timeline";

type Db = Pick<PostgresJsDatabase<typeof schema>, "execute">;

const QUESTIONS = [
  {
    label: "Your role",
    purpose: "So other members know whom they are talking to, and staff invite the right people.",
  },
  {
    label: "Team size",
    purpose: "So staff understand how many people your answers speak for.",
  },
  {
    label: "Tools you use alongside ours",
    purpose: "So staff know which integrations matter to you.",
  },
] as const;

/**
 * Members' own data on first start: the community's profile questions, answered by many members
 * (their role for every member to see, their team size for staff only, the tools for themselves),
 * Inès's answers to every consent (the others are asked on their home page), and her recent
 * sign-ins, one with a wrong password.
 */
export async function seedDemoMemberData(tx: Db, people: DemoPerson[], clock: { now: number }) {
  const ines = people.find((person) => person.handle === "ines");
  if (!ines) throw new Error("the demo's Inès is missing");
  const now = new Date(clock.now).toISOString();
  const [role, teamSize, tools] = await tx.execute<{ id: string }>(sql`
    insert into profile_fields (label, purpose, position, created_at)
    select label, purpose, position, ${now}::timestamptz - interval '40 days'
    from jsonb_to_recordset(${JSON.stringify(QUESTIONS.map((q, position) => ({ ...q, position })))}::jsonb)
      as q(label text, purpose text, position smallint)
    order by position
    returning id`);
  const members = people.filter((person) => person.role === "member" && person.title);
  const answers = members.flatMap((person, index) => [
    ...(index % 3 !== 2
      ? [{ user: person.id, field: role.id, value: person.title!, visibility: "members" }]
      : []),
    ...(index % 2 === 0
      ? [
          {
            user: person.id,
            field: teamSize.id,
            value: String(3 + ((index * 7) % 40)),
            visibility: "staff",
          },
        ]
      : []),
    ...(index % 5 === 0
      ? [{ user: person.id, field: tools.id, value: "Snowflake, Salesforce", visibility: "self" }]
      : []),
  ]);
  await tx.execute(sql`
    insert into profile_field_values (user_id, field_id, value, visibility, updated_at)
    select "user", field, value, visibility::field_visibility,
      ${now}::timestamptz - make_interval(days => 1 + (row_number() over ())::int % 30)
    from jsonb_to_recordset(${JSON.stringify(answers)}::jsonb)
      as a("user" uuid, field uuid, value text, visibility text)`);

  // Inès answered every use of her words when the terms were published.
  const answered = new Date(clock.now - 6 * DAY_MS).toISOString();
  await tx.execute(sql`
    insert into member_consents (user_id, purpose, answer, version, asked_at, answered_at)
    select ${ines.id}, purpose::consent_purpose, 'yes', 1, null, ${answered}::timestamptz
    from unnest(array['observation', 'quote', 'evidence']) as purpose
    on conflict do nothing`);
  await tx.execute(sql`
    insert into consent_events (user_id, purpose, answer, version, source, recorded_at)
    select ${ines.id}, purpose::consent_purpose, 'yes', 1, 'my_data', ${answered}::timestamptz
    from unnest(array['observation', 'quote', 'evidence']) as purpose`);
  await seedDemoBenchmarks(tx, clock);
  await tx.execute(sql`
    insert into sign_in_events (user_id, succeeded, user_agent, ip_address, at)
    values
      (${ines.id}, true, 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', '203.0.113.24', ${now}::timestamptz - interval '20 days'),
      (${ines.id}, false, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36', '198.51.100.7', ${now}::timestamptz - interval '9 days'),
      (${ines.id}, true, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', '203.0.113.24', ${now}::timestamptz - interval '3 days')`);
}

/**
 * Three benchmarks: seats in use (imported, a percentage that grows with an account's size and
 * varies around it), members active in the last 90 days and ideas shipped (counted by the
 * community, as the hourly job does after the activity refresh).
 */
async function seedDemoBenchmarks(tx: Db, clock: { now: number }) {
  const created = new Date(clock.now - 30 * DAY_MS).toISOString();
  const [seats] = await tx.execute<{ id: string }>(sql`
    insert into benchmark_metrics (name, description, source, unit, higher_is_better, created_at)
    values ('Seats in use', 'The share of the seats you pay for that people used last month.',
      'imported', 'percent', true, ${created}::timestamptz)
    returning id`);
  await tx.execute(sql`
    insert into benchmark_metrics (name, description, source, community, unit, created_at)
    values
      ('Members active here', 'Your people who took part in the community in the last 90 days.',
        'community', 'active_members_90d', 'number', ${created}::timestamptz + interval '1 minute'),
      ('Ideas of yours shipped', 'Ideas your people posted that the product team shipped.',
        'community', 'ideas_shipped', 'number', ${created}::timestamptz + interval '2 minutes')`);
  // Larger accounts use more of their seats, with a spread that depends on the account alone.
  await tx.execute(sql`
    insert into account_metric_values (metric_id, account_id, value, as_of)
    select ${seats.id}::uuid, a.id,
      round((45 + 30 * percent_rank() over (order by a.revenue_cents)
        + (('x' || substr(md5(a.name), 1, 4))::bit(16)::int % 21 - 10))::numeric, 1)::float8,
      (${new Date(clock.now).toISOString()}::timestamptz - interval '5 days')::date
    from accounts a`);
  await refreshCommunityBenchmarks(tx);
}
