import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { accounts, outboxEmails, passwordHashes, users, type UserRole } from "#db/schema";
import { hashPassword } from "~/auth/password.server";
import { db } from "~/db.server";

export const TEST_PASSWORD = "correct-horse-battery-staple";

let cachedHash: Promise<string> | undefined;
const testPasswordHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD));

const unique = () => randomBytes(4).toString("hex");

export async function createAccount(overrides: Partial<typeof accounts.$inferInsert> = {}) {
  const [account] = await db
    .insert(accounts)
    .values({ name: `Account ${unique()}`, revenueCents: 100_000_00, ...overrides })
    .returning();
  return account;
}

/** A person with a password (TEST_PASSWORD); members get an account of their own unless given one. */
export async function createUser(
  options: {
    role?: UserRole;
    accountId?: string;
    status?: "active" | "suspended";
    email?: string;
    displayName?: string;
  } = {},
) {
  const role = options.role ?? "member";
  const accountId = options.accountId ?? (role === "member" ? (await createAccount()).id : null);
  const handle = `user_${unique()}`;
  const [user] = await db
    .insert(users)
    .values({
      email: options.email ?? `${handle}@example.test`,
      displayName: options.displayName ?? `Test ${handle}`,
      handle,
      role,
      accountId,
      status: options.status ?? "active",
    })
    .returning();
  await db.insert(passwordHashes).values({ userId: user.id, hash: await testPasswordHash() });
  return user;
}

export async function emailsTo(address: string) {
  return db.select().from(outboxEmails).where(eq(outboxEmails.to, address));
}

/** The first link to this site in a message's text. */
export function linkIn(text: string, pathPrefix: string): string {
  const match = text.match(new RegExp(`https?://[^\\s]+${pathPrefix}[^\\s]+`));
  if (!match) throw new Error(`No ${pathPrefix} link in: ${text}`);
  return match[0];
}
