import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import { hashPassword } from "~/auth/password.server";
import * as schema from "../schema";
import { accounts, communitySettings, passwordHashes, users, type UserRole } from "../schema";
import { seedDemoBacklog } from "./backlog";
import { seedDemoForums, type DemoPerson } from "./forums";
import { seedDemoInternalNotes } from "./internal-notes";
import { seedDemoInfluence, seedEarlyFollowers } from "./influence";
import { seedDemoLapsed } from "./lapsed";
import { seedDemoMemberData } from "./member-data";
import { seedDemoModeration } from "./moderation";
import { seedDemoTriage } from "./triage";
import { seedDemoValueMembership } from "./value-membership";
import { seedDemoProposals } from "./proposals";
import { computeInfluence } from "~/models/influence.server";
import { detectLapsedEntries } from "~/models/lapsed-detection.server";
import { demoAccountTraits } from "./account-traits";
import { seededRandom } from "./random";
import { COMMUNITY_AGE_DAYS, DAY_MS, HOUR_MS } from "./timeline";

export const DEMO_PASSWORD = "vanguard-demo";

/** The top-tier account whose people engage with nobody (see takingPart below). */
export const QUIET_ACCOUNT = "Cyberdyne Retail";

const COMPANY_NAMES = [
  "Northwind",
  "Globex",
  "Initech",
  "Umbrella Health",
  "Stark Logistics",
  "Wayne Analytics",
  "Tyrell Systems",
  "Cyberdyne Retail",
  "Soylent Foods",
  "Hooli",
  "Vandelay Industries",
  "Acme Manufacturing",
  "Wonka Confections",
  "Pied Piper",
  "Massive Dynamic",
  "Aperture Labs",
  "Oscorp Energy",
  "Gringotts Finance",
  "Monarch Media",
  "Blue Sun",
  "Prestige Worldwide",
  "Dunder Mifflin",
  "Sterling Cooper",
  "Bluth Homes",
  "Nakatomi Trading",
  "Zorg Industries",
  "Virtucon",
  "Gekko Partners",
  "Rekall Travel",
  "Ollivander Supply",
  "Kruger Mining",
  "Ewing Oil",
  "Fairview Clinics",
  "Halcyon Insurance",
  "Lakeshore Schools",
  "Silverline Transit",
  "Redwood Bakeries",
  "Harbor Freight Co",
  "Copperfield Events",
  "Marlowe Legal",
  "Juniper Labs",
  "Quill & Ink",
  "Brightside Solar",
  "Tidewater Fisheries",
  "Oakridge Dental",
  "Pinecrest Hotels",
  "Keystone Print",
  "Meridian Apparel",
  "Cobalt Robotics",
  "Lumen Studios",
  "Wavecrest Design",
];
// Members' first names, one per member: none is shared with staff (Alex, Maya, Jonas, Priya, Theo)
// or with Inès and Sam, and no two members share one, so a first name in a thread is one person.
const FIRST_NAMES = [
  "Ana",
  "Ben",
  "Chloé",
  "Dmitri",
  "Elif",
  "Farah",
  "Gustavo",
  "Hana",
  "Ivan",
  "Jia",
  "Kofi",
  "Leila",
  "Mateo",
  "Nora",
  "Oskar",
  "Quentin",
  "Rosa",
  "Sven",
  "Tariq",
  "Ursula",
  "Vikram",
  "Wen",
  "Ximena",
  "Yusuf",
  "Zoë",
  "Amara",
  "Bruno",
  "Clara",
  "Diego",
  "Emma",
  "Felix",
  "Greta",
  "Hugo",
  "Isla",
  "Kenji",
  "Lucía",
  "Malik",
  "Nadia",
  "Omar",
  "Paula",
  "Rafael",
  "Sofia",
  "Tomás",
  "Valentina",
  "William",
  "Yara",
  "Aaron",
  "Abebe",
  "Adaeze",
  "Agnes",
  "Aiko",
  "Aisha",
  "Akira",
  "Aleksander",
  "Alicia",
  "Amir",
  "Anders",
  "Andrea",
  "Anjali",
  "Antoine",
  "Aoife",
  "Arjun",
  "Astrid",
  "Beatriz",
  "Bilal",
  "Birgit",
  "Bongani",
  "Camille",
  "Carlos",
  "Carmen",
  "Catalina",
  "Cem",
  "Chiara",
  "Chidi",
  "Cyrus",
  "Dalia",
  "Daniel",
  "Dara",
  "David",
  "Deepa",
  "Dorothea",
  "Duc",
  "Eamon",
  "Edgar",
  "Eleni",
  "Emeka",
  "Emil",
  "Esther",
  "Fatima",
  "Femi",
  "Fiona",
  "Florian",
  "Gabriel",
  "Gemma",
  "Giulia",
  "Gwen",
  "Hamza",
  "Hannah",
  "Helga",
  "Henrik",
  "Hiroshi",
  "Ida",
  "Ifeoma",
  "Ilse",
  "Imran",
  "Ingrid",
  "Irene",
  "Ismael",
  "Jakob",
  "Jana",
  "Javier",
  "Joanna",
  "Joaquín",
  "Johan",
  "Julia",
  "Kai",
  "Karin",
  "Kasia",
  "Katarina",
  "Keira",
  "Kiran",
  "Lars",
  "Laura",
  "Lena",
  "Liam",
  "Lina",
  "Lorenzo",
  "Luka",
  "Magnus",
  "Manon",
  "Marco",
  "Margot",
  "Marisol",
  "Marta",
  "Mehmet",
  "Mei",
  "Miguel",
  "Mina",
  "Mira",
  "Moritz",
  "Naledi",
  "Nikolai",
  "Nils",
  "Noah",
  "Noor",
  "Olga",
  "Olivia",
  "Pablo",
  "Patrick",
  "Pedro",
  "Petra",
  "Pilar",
  "Rahul",
  "Rania",
  "Reza",
  "Rhea",
  "Rohan",
  "Ruth",
  "Saanvi",
  "Salma",
  "Sara",
  "Selin",
  "Sergei",
  "Shira",
  "Simone",
  "Siobhan",
  "Stefan",
  "Suki",
  "Tanvir",
  "Teresa",
  "Thandiwe",
  "Tobias",
  "Uma",
  "Vera",
  "Victor",
  "Wanjiru",
  "Xavier",
  "Yasmin",
  "Yuki",
  "Yuri",
  "Zainab",
  "Zara",
  "Zeynep",
];

const LAST_NAMES = [
  "Almeida",
  "Berg",
  "Chen",
  "Dubois",
  "Eriksen",
  "Fischer",
  "García",
  "Haddad",
  "Ibrahim",
  "Jensen",
  "Kowalski",
  "Larsen",
  "Moreau",
  "Nakamura",
  "Okafor",
  "Petrov",
  "Quinn",
  "Rossi",
  "Singh",
  "Tanaka",
  "Usman",
  "Vargas",
  "Weber",
  "Xu",
  "Yilmaz",
  "Zhang",
  "Novak",
  "Silva",
  "Andersson",
  "Bianchi",
  "Costa",
  "Dvořák",
  "Esposito",
  "Ferreira",
  "Gallagher",
  "Hoffmann",
  "Ivanova",
  "Jovanović",
  "Kaya",
  "Lindgren",
  "Mensah",
  "Nguyen",
  "O'Brien",
  "Park",
  "Ramos",
  "Santos",
  "Torres",
  "Walsh",
  "Adeyemi",
  "Castillo",
  "Dimitrov",
  "Hansen",
  "Kim",
  "Mahlangu",
  "Sato",
  "Okonkwo",
  "Pereira",
  "Bauer",
];

function slug(value: string) {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

/** What the first person an account sends usually does there. */
const LEAD_TITLES = [
  "Head of Operations",
  "Director of Operations",
  "VP of Customer Operations",
  "Head of Business Operations",
  "Director of Service Operations",
  "Head of Customer Experience",
  "Chief Operating Officer",
  "General Manager",
];
/** …and their colleagues. Titles the conversations give people (see conversations.ts) are not here. */
const TEAM_TITLES = [
  "Operations Manager",
  "Senior Operations Analyst",
  "Support Team Lead",
  "Service Delivery Manager",
  "Process Improvement Lead",
  "Reporting Analyst",
  "Platform Administrator",
  "Regional Operations Lead",
  "Workflow Automation Specialist",
  "Program Manager",
  "Quality Manager",
  "Implementation Lead",
  "Customer Experience Manager",
  "Finance Operations Analyst",
  "Field Operations Manager",
  "Project Coordinator",
  "Training and Enablement Lead",
  "Procurement Manager",
  "Facilities Manager",
  "Business Operations Analyst",
];

/**
 * Seeds the demo community: ~50 accounts with Zipf-like (heavy-tailed) revenue, ~150 members
 * spread by account size, staff, a moderator and an admin, their forums (forums.ts) and the
 * co-design proposals they write together (proposals.ts). Every demo login uses DEMO_PASSWORD.
 *
 * The clock: the community opened COMMUNITY_AGE_DAYS ago. Staff were there before it; each
 * account's first member joined in the first weeks, their colleagues over the months since.
 * Nobody posts before they joined, and nothing is dated after the moment the seed runs.
 */
export async function seedDemoCommunity(client: postgres.Sql): Promise<void> {
  const db = drizzle(client, { schema });
  const random = seededRandom(20261122);
  const hash = await hashPassword(DEMO_PASSWORD);
  const now = Date.now();
  const openedAt = now - COMMUNITY_AGE_DAYS * DAY_MS;
  // The accounts came over from the CRM while the community was being set up.
  const importedAt = new Date(openedAt - 30 * DAY_MS);

  const accountRows = COMPANY_NAMES.map((name, index) => {
    const rank = index + 1;
    // Revenue ∝ 1 / rank^1.15 with a little noise keeps the ranking but gives a long tail.
    const revenue = Math.round((9_000_000 / rank ** 1.15) * random.between(0.92, 1.0));
    const years = random.int(1, 11);
    const since = new Date(Date.UTC(2025 - years, random.int(0, 11), random.int(1, 28)));
    const segment = rank <= 5 ? "Enterprise" : rank <= 20 ? "Mid-market" : "Growth";
    return {
      name,
      externalId: `CRM-${String(1000 + rank)}`,
      segment,
      revenueCents: revenue * 100,
      grossProfitCents: Math.round(revenue * random.between(0.3, 0.65)) * 100,
      lifetimeValueCents: Math.round(revenue * years * random.between(0.7, 1.1)) * 100,
      customerSince: since.toISOString().slice(0, 10),
      ...demoAccountTraits(rank, now),
      createdAt: importedAt,
      updatedAt: importedAt,
    };
  });
  // SmallCo was added when Sam was invited, months after the community opened.
  const samJoinedAt = new Date(openedAt + 70 * DAY_MS);
  accountRows.push({
    name: "SmallCo",
    externalId: "CRM-2001",
    segment: "Growth",
    revenueCents: 18_500 * 100,
    grossProfitCents: 7_200 * 100,
    lifetimeValueCents: 41_000 * 100,
    customerSince: "2024-02-12",
    ...demoAccountTraits(COMPANY_NAMES.length + 1, now),
    createdAt: new Date(samJoinedAt.getTime() - 2 * DAY_MS),
    updatedAt: new Date(samJoinedAt.getTime() - 2 * DAY_MS),
  });

  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(accounts)
      .values(accountRows)
      .returning({ id: accounts.id, name: accounts.name });
    // Four quarter-ends of history, the latest at today's values; earlier quarters a little
    // lower, each account moving its own way, so the value pages have a past to compare with.
    await tx.execute(sql`
      insert into account_snapshots (account_id, as_of, segment, region, revenue_cents,
        gross_profit_cents, lifetime_value_cents, products)
      select a.id, (date_trunc('quarter', current_date) - q.back - interval '1 day')::date,
        a.segment, a.region,
        round(a.revenue_cents * q.scale * (1 + q.wobble * (hashtext(a.name) % 7) / 100.0))::bigint,
        round(a.gross_profit_cents * q.scale)::bigint,
        round(a.lifetime_value_cents * (q.scale + 1) / 2)::bigint, a.products
      from accounts a cross join (values
        (interval '9 months', 0.82, 1), (interval '6 months', 0.88, 2),
        (interval '3 months', 0.94, 1), (interval '0 months', 1.0, 0)
      ) as q(back, scale, wobble)`);
    await tx.execute(sql`select refresh_account_standings('-infinity'::date)`);
    await tx.execute(sql`
      update accounts a set settled_tier = t.tier from account_tiers t where t.account_id = a.id`);
    const accountByName = new Map(inserted.map((row) => [row.name, row.id]));
    const accountNameById = new Map(inserted.map((row) => [row.id, row.name]));
    const domainOf = (name: string) => `${slug(name)}.test`;

    type NewUser = {
      email: string;
      displayName: string;
      handle: string;
      role: UserRole;
      accountId: string | null;
      bio: string;
      /** What they do, for members (their bio says it with the company). */
      title: string | null;
      joinedAt: Date;
    };
    const daysFromOpening = (days: number) => new Date(openedAt + days * DAY_MS);
    const people: NewUser[] = [
      {
        email: "admin@vanguard.test",
        displayName: "Alex Whitfield",
        handle: "admin",
        role: "admin",
        accountId: null,
        bio: "Community lead: runs this community and its invitations.",
        title: null,
        joinedAt: daysFromOpening(-90),
      },
      {
        email: "maya@vanguard.test",
        displayName: "Maya Lindqvist",
        handle: "maya",
        role: "staff",
        accountId: null,
        bio: "Product manager, insights and roadmap.",
        title: null,
        joinedAt: daysFromOpening(-60),
      },
      {
        email: "jonas@vanguard.test",
        displayName: "Jonas Reyes",
        handle: "jonas",
        role: "staff",
        accountId: null,
        bio: "Product designer: the admin console and reporting.",
        title: null,
        joinedAt: daysFromOpening(-45),
      },
      {
        email: "priya@vanguard.test",
        displayName: "Priya Raman",
        handle: "priya",
        role: "staff",
        accountId: null,
        bio: "Customer research: interviews, surveys and the beta programme.",
        title: null,
        joinedAt: daysFromOpening(-30),
      },
      {
        email: "theo@vanguard.test",
        displayName: "Theo Marchetti",
        handle: "theo",
        role: "moderator",
        accountId: null,
        bio: "Community moderator.",
        title: null,
        joinedAt: daysFromOpening(-14),
      },
      {
        email: "ines@northwind.test",
        displayName: "Inès Laurent",
        handle: "ines",
        role: "member",
        accountId: accountByName.get("Northwind")!,
        bio: "Head of Operations at Northwind.",
        title: "Head of Operations",
        joinedAt: new Date(openedAt + 3 * HOUR_MS),
      },
      {
        email: "sam@smallco.test",
        displayName: "Sam Porter",
        handle: "sam",
        role: "member",
        accountId: accountByName.get("SmallCo")!,
        bio: "Founder of SmallCo.",
        title: "Founder",
        joinedAt: samJoinedAt,
      },
    ];
    const takenHandles = new Set(people.map((p) => p.handle));
    const takenEmails = new Set(people.map((p) => p.email));
    const takenNames = new Set(people.map((p) => p.displayName));

    // Bigger accounts send more people: 1 to 6 members by revenue rank, about 150 in all. Each
    // member has a first name of their own (drawn without putting back), so no two share a name.
    const firstNames = [...FIRST_NAMES];
    for (let i = firstNames.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [firstNames[i], firstNames[j]] = [firstNames[j], firstNames[i]];
    }
    accountRows.forEach((account, index) => {
      const seats = account.name === "SmallCo" ? 0 : Math.max(1, Math.round(6 - index * 0.12));
      const colleagues = people.filter((p) => p.accountId === accountByName.get(account.name));
      const lastNames = new Set(colleagues.map((p) => p.displayName.split(" ").at(-1)));
      const titles = new Set(colleagues.map((p) => p.title));
      for (let seat = 0; seat < seats; seat++) {
        const first = firstNames.pop();
        if (!first) throw new Error("The demo needs more first names");
        let last: string;
        do last = random.pick(LAST_NAMES);
        while (lastNames.has(last) || takenNames.has(`${first} ${last}`));
        lastNames.add(last);
        takenNames.add(`${first} ${last}`);
        let handle = `${slug(first)}${slug(last).slice(0, 1)}`;
        for (let n = 2; takenHandles.has(handle); n++)
          handle = `${slug(first)}${slug(last).slice(0, 1)}${n}`;
        let email = `${slug(first)}.${slug(last)}@${domainOf(account.name)}`;
        for (let n = 2; takenEmails.has(email); n++)
          email = `${slug(first)}.${slug(last)}${n}@${domainOf(account.name)}`;
        takenHandles.add(handle);
        takenEmails.add(email);
        const titleChoices = (seat === 0 ? LEAD_TITLES : TEAM_TITLES).filter((t) => !titles.has(t));
        const title = random.pick(titleChoices);
        titles.add(title);
        // The first member of each account arrived in the community's first five weeks; their
        // colleagues followed over the months since (more of them early on), up to a few days ago.
        const joinedDay = seat === 0 ? random.between(0.3, 35) : 10 + 160 * random.next() ** 1.6;
        people.push({
          email,
          displayName: `${first} ${last}`,
          handle,
          role: "member",
          accountId: accountByName.get(account.name)!,
          bio: `${title} at ${account.name}.`,
          title,
          joinedAt: daysFromOpening(joinedDay),
        });
      }
    });

    const createdUsers = await tx
      .insert(users)
      .values(
        people.map(({ title: _title, joinedAt, ...person }) => ({
          ...person,
          createdAt: joinedAt,
          // Seen at some point since they joined, recently for most; forums.ts moves it up to
          // their last post, reaction or visit.
          lastSeenAt: new Date(
            now - random.next() ** 2 * Math.min(45 * DAY_MS, now - joinedAt.getTime()),
          ),
        })),
      )
      .returning({
        id: users.id,
        email: users.email,
        handle: users.handle,
        displayName: users.displayName,
        role: users.role,
        accountId: users.accountId,
        createdAt: users.createdAt,
      });
    await tx
      .insert(passwordHashes)
      .values(createdUsers.map((user) => ({ userId: user.id, hash, updatedAt: user.createdAt })));
    // Each account's relationship is owned by one of the staff, in turn by revenue rank.
    await tx.execute(sql`
      with staff as (
        select id, row_number() over (order by email) - 1 as n, count(*) over () as total
        from users where role = 'staff'
      ), ranked as (
        select a.id, row_number() over (order by a.revenue_cents desc) - 1 as n from accounts a
      )
      update accounts a set owner_id = s.id
      from ranked r join staff s on s.n = r.n % s.total
      where a.id = r.id`);

    const tiers = await tx.execute<{ account_id: string; revenue_rank: number; tier: string }>(
      sql`select account_id, revenue_rank::int as revenue_rank, tier from account_tiers`,
    );
    const tierOf = new Map(tiers.map((row) => [row.account_id, row]));
    const titleOf = new Map(people.map((person) => [person.email, person.title]));
    const demoPeople: DemoPerson[] = createdUsers.map((user) => {
      const tier = user.accountId ? tierOf.get(user.accountId) : undefined;
      return {
        ...user,
        accountName: user.accountId ? accountNameById.get(user.accountId)! : null,
        accountRank: tier?.revenue_rank ?? null,
        tier: (tier?.tier as DemoPerson["tier"]) ?? null,
        title: titleOf.get(user.email) ?? null,
        joinedAt: user.createdAt,
      };
    });
    // Cyberdyne Retail's people (it just entered the top tiers) have never engaged with anyone:
    // the big and quiet account of the influence page. Only the others take part.
    const takingPart = demoPeople.filter((person) => person.accountName !== QUIET_ACCOUNT);
    const { welcomeThreadId } = await seedDemoForums(tx, takingPart, random, { now, openedAt });
    // Proposals come after the forums: they are written in their spaces, one from an idea there.
    await seedDemoProposals(tx, takingPart, random, { now });
    await seedDemoInternalNotes(tx, takingPart, { now });
    // The backlog stands on all of the above: ideas, posts, proposals and the notes' promises.
    await seedDemoBacklog(tx, takingPart, random, { now });
    await seedDemoTriage(tx, takingPart, { now });

    // New members' first-run welcome links to the introductions thread.
    await tx
      .insert(communitySettings)
      .values({ id: 1, welcomeThreadId, updatedAt: new Date(openedAt) })
      .onConflictDoUpdate({
        target: communitySettings.id,
        set: { welcomeThreadId, updatedAt: new Date(openedAt) },
      });
    // A lapsed top account and a quiet contributor, then the lapsed list as detection finds it.
    await seedDemoLapsed(tx, takingPart, { now });
    // A small account's founder whom many others engage with (the influence page).
    await seedDemoInfluence(tx, takingPart, { now });
    await seedEarlyFollowers(tx, takingPart);
    // Moderation last: it flags, holds and hides what all of the above wrote, then counts the
    // days everyone visited and the trust levels the hourly job would give them.
    await seedDemoModeration(tx, takingPart, random, { now });
    // What the hourly job keeps: every month of the accounts' activity, and the last 90 days.
    await tx.execute(sql`select refresh_account_activity('-infinity'::date)`);
    await tx.execute(sql`select refresh_account_activity_recent()`);
    await seedDemoValueMembership(tx);
    // Profile questions and their answers, one member's consents and sign-ins.
    await seedDemoMemberData(tx, takingPart, { now });
    // The account that just left the top tiers is on the lapsed list too, as the job finds it.
    await detectLapsedEntries(tx);
  });
  // Influence as the daily job computes it, once what it reads is committed: three runs of the
  // past (as they would have been, from what had happened by then) so that history and rising
  // members show, then today's.
  for (const daysAgo of [90, 60, 30]) {
    await computeInfluence({ client, asOf: new Date(now - daysAgo * DAY_MS) });
  }
  await computeInfluence({ client });
}
