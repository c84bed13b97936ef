import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  EMAIL_TOPICS,
  readUnsubscribeToken,
  unsubscribeToken,
  unsubscribeUrl,
} from "./unsubscribe-link.server";

const person = "a0000000-0000-4000-8000-00000000000b";
const someoneElse = "00000000-0000-4000-8000-000000000002";

describe("unsubscribe tokens", () => {
  it("name the person and the topic they were made for, for every topic", () => {
    for (const topic of EMAIL_TOPICS) {
      expect(readUnsubscribeToken(unsubscribeToken(person, topic))).toEqual({
        userId: person,
        topic,
      });
    }
    expect(unsubscribeUrl(person, "digest")).toMatch(
      /^http:\/\/localhost:\d+\/unsubscribe\/[0-9a-f-]{36}\.digest\.[A-Za-z0-9_-]{43}$/,
    );
  });

  it("can't be moved to another person or topic, or altered", () => {
    const signature = unsubscribeToken(person, "mention").split(".")[2];
    expect(readUnsubscribeToken(`${someoneElse}.mention.${signature}`)).toBeNull();
    expect(readUnsubscribeToken(`${person}.reply.${signature}`)).toBeNull();
    expect(readUnsubscribeToken(`${person}.digest.${signature}`)).toBeNull();
    expect(readUnsubscribeToken(`${person}.mention.${signature.toLowerCase()}`)).toBeNull();
    expect(readUnsubscribeToken(`${person}.mention.${signature}x`)).toBeNull();
    expect(readUnsubscribeToken(`${person}.nonsense.${signature}`)).toBeNull();
    expect(readUnsubscribeToken(`${person.toUpperCase()}.mention.${signature}`)).toBeNull();
    expect(readUnsubscribeToken("")).toBeNull();
    expect(readUnsubscribeToken("a.b.c.d")).toBeNull();
    expect(readUnsubscribeToken("x".repeat(100_000))).toBeNull();
  });

  it("are signed with the app's secret, and nothing else passes", () => {
    const signedWith = (secret: string) =>
      createHmac("sha256", secret)
        .update(`vanguard:unsubscribe:v1\n${person}\nmention`)
        .digest("base64url");
    const appSecret = process.env.APP_SECRET!;
    expect(unsubscribeToken(person, "mention")).toBe(`${person}.mention.${signedWith(appSecret)}`);
    expect(
      readUnsubscribeToken(
        `${person}.mention.${signedWith("another-deployment-secret-0123456789")}`,
      ),
    ).toBeNull();
  });
});
