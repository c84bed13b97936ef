import { describe, expect, it } from "vitest";
import { createAccount, createUser } from "#db/testing/factories";
import { getMyBenchmarks } from "./benchmark-read.server";
import { createMetric, importMetricValues } from "./benchmark.server";

let run = 0;

/** A fresh imported metric, and accounts in a segment of its own with these values. */
async function setUp(
  segmentValues: number[],
  outsideValues: number[] = [],
  own: number | null = 50,
) {
  run += 1;
  const tag = `${Date.now().toString(36)}-${run}`;
  const staff = await createUser({ role: "staff" });
  const metricId = await createMetric(staff, {
    name: `Seats in use ${tag}`,
    description: "",
    source: "imported",
    community: null,
    unit: "number",
    higherIsBetter: true,
  });
  const segment = `Segment ${tag}`;
  const mine = await createAccount({ segment, name: `Mine ${tag}` });
  const lines: string[] = own === null ? [] : [`Mine ${tag},${own}`];
  for (const [index, value] of segmentValues.entries()) {
    await createAccount({ segment, name: `Peer ${index} ${tag}` });
    lines.push(`Peer ${index} ${tag},${value}`);
  }
  for (const [index, value] of outsideValues.entries()) {
    await createAccount({ segment: `Elsewhere ${tag}`, name: `Other ${index} ${tag}` });
    lines.push(`Other ${index} ${tag},${value}`);
  }
  if (lines.length > 0) await importMetricValues(staff, metricId, lines.join("\n"));
  const member = await createUser({ accountId: mine.id });
  const read = async () =>
    (await getMyBenchmarks(member)).metrics.find((metric) => metric.id === metricId)!;
  return { staff, metricId, member, read };
}

describe("peer benchmarks", () => {
  it("show the spread of at least five peers in the segment, and where the account stands", async () => {
    const { read } = await setUp([10, 20, 30, 40, 60, 70]);
    const figures = await read();
    expect(figures.own).toBe(50);
    // The spread is of the segment's accounts, the member's own among them.
    expect(figures.segment).toEqual({ peers: 6, p25: 25, median: 40, p75: 55, below: 4 });
  });

  it("show nothing for a segment of four other accounts", async () => {
    const { read } = await setUp([10, 20, 30, 40]);
    const figures = await read();
    expect(figures.segment).toBeNull();
    expect(figures.everyone).toBeNull();
    expect(JSON.stringify(figures)).not.toMatch(/"peers"/);
  });

  it("never let two cohorts be differenced down to fewer than five accounts", async () => {
    // The segment has 5 peers and everyone else 3 more: the wider figure would describe those 3.
    const close = await setUp([10, 20, 30, 40, 60], [1000, 2000, 3000]);
    const closeFigures = await close.read();
    expect(closeFigures.segment?.peers).toBe(5);
    expect(closeFigures.everyone).toBeNull();
    // Five more outside the segment: both may show.
    const apart = await setUp([10, 20, 30, 40, 60], [1000, 2000, 3000, 4000, 5000]);
    const apartFigures = await apart.read();
    expect(apartFigures.segment?.peers).toBe(5);
    expect(apartFigures.everyone?.peers).toBe(10);
    // A small segment shows no figure of its own, so every other account may show alone.
    const small = await setUp([10, 20], [1000, 2000, 3000, 4000, 5000]);
    const smallFigures = await small.read();
    expect(smallFigures.segment).toBeNull();
    expect(smallFigures.everyone?.peers).toBe(7);
  });

  it("take imported values only from staff, refusing unknown accounts and bad numbers whole", async () => {
    const { staff, metricId, member } = await setUp([1, 2, 3, 4, 5]);
    await expect(importMetricValues(member, metricId, "x,1")).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      importMetricValues(staff, metricId, "No such account anywhere,3"),
    ).rejects.toMatchObject({ status: 400 });
    await expect(importMetricValues(staff, metricId, "Somewhere,lots")).rejects.toThrow(
      /need an account and a number/,
    );
  });
});
