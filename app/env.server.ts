import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((value) => value === "1" || value === "true");

const EnvSchema = z
  .object({
    // Production unless told otherwise, as in server.ts: a bare `node build/server.js` is production.
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    DATABASE_URL: z.string().url("DATABASE_URL must be a postgres:// URL").optional(),
    SMTP_URL: z
      .string()
      .url("SMTP_URL must be a URL such as smtps://user:pass@host:465")
      .optional(),
    MAIL_FROM: z.string().default("Vanguard <no-reply@vanguard.local>"),
    APP_URL: z
      .string()
      .url("APP_URL must be the public URL, e.g. https://community.example.com")
      .optional(),
    /** Signs links that work without signing in (one-click unsubscribe); see app/http/app-secret.server.ts. */
    APP_SECRET: z
      .string()
      .min(32, "APP_SECRET must be at least 32 characters, e.g. from `openssl rand -hex 32`")
      .optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    TRUST_PROXY: z
      .string()
      .regex(
        /^(\d+|true|false)?$/,
        "TRUST_PROXY is the number of proxies in front of the app, e.g. 1",
      )
      .optional(),
    COOKIE_SECURE: z.enum(["true", "false"]).optional(),
    VANGUARD_DEMO: flag,
    /** Single sign-on (OpenID Connect): the company's identity provider, as its issuer URL. */
    OIDC_ISSUER: z
      .string()
      .url("OIDC_ISSUER must be the identity provider's issuer URL, e.g. https://login.example.com")
      .optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    /** Absent for a public client, which PKCE alone protects. */
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** How the sign-in button names the provider: "Sign in with <OIDC_NAME>". */
    OIDC_NAME: z.string().trim().min(1).max(40).default("single sign-on"),
    /**
     * Scheduled jobs not to run, by queue name, comma-separated. For test servers whose fixtures set
     * what those jobs recompute (a member's trust level, say) and must not see it change mid-test.
     */
    PAUSED_SCHEDULES: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((name) => name.trim())
          .filter(Boolean),
      ),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
  })
  .refine((env) => !env.OIDC_ISSUER === !env.OIDC_CLIENT_ID, {
    message: "Single sign-on needs both OIDC_ISSUER and OIDC_CLIENT_ID",
    path: ["OIDC_CLIENT_ID"],
  });

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** The environment, validated once. Read lazily because the server fills DATABASE_URL at boot. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

export function getDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app through server.ts");
  return url;
}

export function isProduction(): boolean {
  return getEnv().NODE_ENV === "production";
}
