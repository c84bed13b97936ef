import { drizzle } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import { hashPassword } from "~/auth/password.server";
import * as schema from "../schema";
import { accounts, passwordHashes, users, type UserRole } from "../schema";
import { seedDemoForums } from "./forums";
import { seededRandom } from "./random";
import { COMMUNITY_AGE_DAYS, DAY_MS, HOUR_MS } from "./timeline";

export const DEMO_PASSWORD = "vanguard-demo";

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
// Members' first names: none shared with staff, so "Priya" in a thread is always Priya Raman.
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
];

function slug(value: string) {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

/**
 * Seeds the demo community: ~50 accounts with Zipf-like (heavy-tailed) revenue, ~150 members
 * spread by account size, staff, a moderator and an admin. Every demo login uses DEMO_PASSWORD.
 */
export async function seedDemoCommunity(client: postgres.Sql): Promise<void> {
  const db = drizzle(client, { schema });
  const random = seededRandom(20261122);
  const hash = await hashPassword(DEMO_PASSWORD);

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
    };
  });
  accountRows.push({
    name: "SmallCo",
    externalId: "CRM-2001",
    segment: "Growth",
    revenueCents: 18_500 * 100,
    grossProfitCents: 7_200 * 100,
    lifetimeValueCents: 41_000 * 100,
    customerSince: "2024-02-12",
  });

  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(accounts)
      .values(accountRows)
      .returning({ id: accounts.id, name: accounts.name });
    const accountByName = new Map(inserted.map((row) => [row.name, row.id]));
    const domainOf = (name: string) => `${slug(name)}.test`;

    type NewUser = {
      email: string;
      displayName: string;
      handle: string;
      role: UserRole;
      accountId: string | null;
      bio?: string;
    };
    const people: NewUser[] = [
      {
        email: "admin@vanguard.test",
        displayName: "Alex Admin",
        handle: "admin",
        role: "admin",
        accountId: null,
        bio: "Runs this community.",
      },
      {
        email: "maya@vanguard.test",
        displayName: "Maya Lindqvist",
        handle: "maya",
        role: "staff",
        accountId: null,
        bio: "Product manager, insights and roadmap.",
      },
      {
        email: "jonas@vanguard.test",
        displayName: "Jonas Reyes",
        handle: "jonas",
        role: "staff",
        accountId: null,
        bio: "Product designer.",
      },
      {
        email: "priya@vanguard.test",
        displayName: "Priya Raman",
        handle: "priya",
        role: "staff",
        accountId: null,
        bio: "Customer research.",
      },
      {
        email: "theo@vanguard.test",
        displayName: "Theo Marchetti",
        handle: "theo",
        role: "moderator",
        accountId: null,
        bio: "Community moderator.",
      },
      {
        email: "ines@northwind.test",
        displayName: "Inès Laurent",
        handle: "ines",
        role: "member",
        accountId: accountByName.get("Northwind")!,
        bio: "Head of operations at Northwind.",
      },
      {
        email: "sam@smallco.test",
        displayName: "Sam Porter",
        handle: "sam",
        role: "member",
        accountId: accountByName.get("SmallCo")!,
        bio: "Founder of SmallCo.",
      },
    ];
    const takenHandles = new Set(people.map((p) => p.handle));
    const takenEmails = new Set(people.map((p) => p.email));

    // Bigger accounts send more people: 1 to 6 members by revenue rank, about 150 in all.
    accountRows.forEach((account, index) => {
      const seats = account.name === "SmallCo" ? 0 : Math.max(1, Math.round(6 - index * 0.12));
      for (let seat = 0; seat < seats; seat++) {
        const first = random.pick(FIRST_NAMES);
        const last = random.pick(LAST_NAMES);
        let handle = `${slug(first)}${slug(last).slice(0, 1)}`;
        for (let n = 2; takenHandles.has(handle); n++)
          handle = `${slug(first)}${slug(last).slice(0, 1)}${n}`;
        let email = `${slug(first)}.${slug(last)}@${domainOf(account.name)}`;
        for (let n = 2; takenEmails.has(email); n++)
          email = `${slug(first)}.${slug(last)}${n}@${domainOf(account.name)}`;
        takenHandles.add(handle);
        takenEmails.add(email);
        people.push({
          email,
          displayName: `${first} ${last}`,
          handle,
          role: "member",
          accountId: accountByName.get(account.name)!,
        });
      }
    });

    const now = Date.now();
    const createdUsers = await tx
      .insert(users)
      .values(
        people.map((person) => ({
          ...person,
          bio: person.bio ?? "",
          createdAt: new Date(now - random.int(20, 400) * 86_400_000),
          lastSeenAt: new Date(now - random.int(0, 60) * 86_400_000),
        })),
      )
      .returning({
        id: users.id,
        email: users.email,
        handle: users.handle,
        displayName: users.displayName,
        role: users.role,
        accountId: users.accountId,
      });
    await tx.insert(passwordHashes).values(createdUsers.map((user) => ({ userId: user.id, hash })));

    const rankOf = new Map(inserted.map((row, index) => [row.id, index + 1]));
    await seedDemoForums(
      tx,
      createdUsers.map((user) => ({
        ...user,
        accountRank: user.accountId ? (rankOf.get(user.accountId) ?? null) : null,
      })),
      random,
    );
  });
}
