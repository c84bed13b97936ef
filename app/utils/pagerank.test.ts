import { describe, expect, it } from "vitest";
import { pageRank, rankByScore, type WeightedGraph } from "./pagerank";

function graph(nodes: number, edges: Array<[number, number, number]>): WeightedGraph {
  return {
    nodes,
    sources: Int32Array.from(edges.map(([source]) => source)),
    targets: Int32Array.from(edges.map(([, target]) => target)),
    weights: Float64Array.from(edges.map(([, , weight]) => weight)),
    edges: edges.length,
  };
}

describe("pageRank", () => {
  it("matches scores worked out by hand on a small weighted graph", async () => {
    // A→B (1), A→C (3), B→C (1), C→A (1); d = 0.85, N = 3, so each keeps 0.05:
    //   a = 0.05 + 0.85·c
    //   b = 0.05 + 0.85·a·1/4                 = 0.05 + 0.2125·a
    //   c = 0.05 + 0.85·(a·3/4 + b)           = 0.0925 + 0.818125·a
    //   a = 0.05 + 0.85·(0.0925 + 0.818125·a) ⇒ a = 0.128625 / 0.30459375 = 0.422284
    //   b = 0.139735, c = 0.437981 (and a + b + c = 1).
    const { scores } = await pageRank(
      graph(3, [
        [0, 1, 1],
        [0, 2, 3],
        [1, 2, 1],
        [2, 0, 1],
      ]),
      { damping: 0.85 },
    );
    expect(scores[0]).toBeCloseTo(0.422284, 5);
    expect(scores[1]).toBeCloseTo(0.139735, 5);
    expect(scores[2]).toBeCloseTo(0.437981, 5);
    expect(Array.from(rankByScore(scores))).toEqual([2, 3, 1]);
    // Ties share a rank, and the next rank skips past them.
    expect(Array.from(rankByScore(Float64Array.from([0.5, 0.2, 0.5, 0.1])))).toEqual([1, 3, 1, 4]);
  });

  it("hands a node's share to everyone when it points nowhere", async () => {
    // A→B only; B points nowhere, so its 0.85·b goes half to A, half to B:
    //   a = 0.075 + 0.425·b, with a + b = 1 ⇒ a = 0.5 / 1.425 = 0.350877, b = 0.649123.
    const { scores } = await pageRank(graph(2, [[0, 1, 1]]), { damping: 0.85 });
    expect(scores[0]).toBeCloseTo(0.350877, 5);
    expect(scores[1]).toBeCloseTo(0.649123, 5);
  });

  it("adds parallel edges up: two of weight 0.5 count as one of 1", async () => {
    const heavy = await pageRank(
      graph(4, [
        [0, 2, 3],
        [1, 3, 1],
      ]),
      { damping: 0.85 },
    );
    const light = await pageRank(
      graph(4, [
        [0, 2, 3],
        [1, 3, 0.5],
        [1, 3, 0.5],
      ]),
      { damping: 0.85 },
    );
    expect(Array.from(light.scores)).toEqual(
      Array.from(heavy.scores).map((score) => expect.closeTo(score, 12)),
    );
    // A node hands on all of its score, whatever its edges weigh: C and D end up equal.
    expect(heavy.scores[2]).toBeCloseTo(heavy.scores[3], 10);
  });

  it("ranks ties alike and pauses between rounds", async () => {
    let pauses = 0;
    const { scores, iterations } = await pageRank(graph(3, [[0, 1, 1]]), {
      damping: 0.85,
      pause: async () => {
        pauses++;
      },
    });
    expect(Array.from(rankByScore(scores))).toEqual([2, 1, 2]);
    expect(pauses).toBe(iterations - 1);
  });

  it("gives an empty graph no scores", async () => {
    const { scores } = await pageRank(graph(0, []), { damping: 0.85 });
    expect(scores.length).toBe(0);
  });
});
