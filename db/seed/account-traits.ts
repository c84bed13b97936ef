import { seededRandom } from "./random";

// The CRM fields of the demo accounts: region, how each was won, what it bought first and what it
// uses now, and when it renews. Larger accounts lean towards referrals and partners, started with
// the Analytics product and went on to Workflow and the API, so the look-alike page has real
// traits to find, and a few smaller accounts share them: the look-alikes.

const REGIONS = ["North America", "Europe", "Asia-Pacific", "Latin America"] as const;
const SOURCES = ["Referral", "Partner", "Outbound", "Inbound", "Event"] as const;
const PRODUCTS = ["Analytics", "Workflow", "API", "Mobile", "Reporting", "Connectors"] as const;

export type DemoAccountTraits = {
  region: string;
  acquisitionSource: string;
  firstProduct: string;
  products: string[];
  renewalDate: string;
};

/** Traits for the account of this revenue rank (1 = largest); renewals fall in the year after `now`. */
export function demoAccountTraits(rank: number, now: number): DemoAccountTraits {
  const random = seededRandom(7_000 + rank);
  // Big accounts, and every seventh smaller one (the look-alikes), have the big accounts' habits.
  const bigLike = rank <= 8 || rank % 7 === 3;
  const acquisitionSource = bigLike
    ? random.pick(["Referral", "Referral", "Partner"] as const)
    : random.pick(SOURCES);
  const firstProduct = bigLike ? "Analytics" : random.pick(PRODUCTS);
  const owned = new Set<string>([firstProduct]);
  if (bigLike) {
    owned.add("Workflow");
    if (rank <= 8 || random.next() < 0.6) owned.add("API");
  } else {
    const extra = random.int(0, 2);
    for (let i = 0; i < extra; i++) owned.add(random.pick(PRODUCTS));
  }
  // Smaller accounts spend less: a look-alike uses what the big ones use, but fewer seats of it.
  if (rank <= 4) owned.add(random.pick(["Reporting", "Connectors"] as const));
  const renewal = new Date(now + random.int(10, 360) * 24 * 60 * 60 * 1000);
  return {
    region: rank <= 8 ? random.pick(["North America", "Europe"] as const) : random.pick(REGIONS),
    acquisitionSource,
    firstProduct,
    products: [...owned].sort(),
    renewalDate: renewal.toISOString().slice(0, 10),
  };
}
