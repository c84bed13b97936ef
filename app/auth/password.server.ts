import { hash, verify } from "@node-rs/argon2";
import dumbPasswords from "dumb-passwords";
import { passwordPairSchema, PasswordLengthSchema } from "~/validation/auth";

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/** New passwords: long enough, not absurdly long, and not one of the 10,000 most common. */
export const NewPasswordSchema = PasswordLengthSchema.refine(
  (password) => !dumbPasswords.check(password),
  "This password is one of the most common ones and easy to guess. Choose another.",
);

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against a real hash when the email is unknown keeps response times alike, so timing
// does not reveal which emails have accounts.
let decoyHash: Promise<string> | undefined;
export async function verifyDecoy(password: string): Promise<void> {
  decoyHash ??= hashPassword("decoy-password-for-timing");
  await verifyPassword(await decoyHash, password);
}

/** A new password typed twice, checked in full. */
export const NewPasswordWithConfirmationSchema = passwordPairSchema(NewPasswordSchema);
