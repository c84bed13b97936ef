import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CoalescedBody } from "./coalesced-body.server";
import { oncePerRequest, runInRequestScope } from "./request-scope.server";

describe("oncePerRequest", () => {
  const KEY = Symbol("test");
  const counter = () => {
    let reads = 0;
    return { read: async () => ++reads, reads: () => reads };
  };

  it("reads once in a reading request, across awaits", async () => {
    const { read, reads } = counter();
    const values = await runInRequestScope("GET", async () => {
      const first = await oncePerRequest(KEY, read);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return [first, await oncePerRequest(KEY, read)];
    });
    expect(values).toEqual([1, 1]);
    expect(reads()).toBe(1);
  });

  it("reads again in another request, in a writing request, and outside any", async () => {
    const { read, reads } = counter();
    await runInRequestScope("GET", () => oncePerRequest(KEY, read));
    await runInRequestScope("GET", () => oncePerRequest(KEY, read));
    await runInRequestScope("POST", async () => {
      await oncePerRequest(KEY, read);
      await oncePerRequest(KEY, read);
    });
    await oncePerRequest(KEY, read);
    expect(reads()).toBe(5);
  });
});

describe("CoalescedBody", () => {
  it("passes many small chunks on as a few, in order, and ends", async () => {
    const parts = Array.from({ length: 100 }, (_, i) => `<p>${i}</p>`.padEnd(2048, " "));
    const chunks: Buffer[] = [];
    const body = Readable.from(parts).pipe(new CoalescedBody());
    for await (const chunk of body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe(parts.join(""));
    expect(chunks.length).toBeLessThanOrEqual(5);
  });
});
