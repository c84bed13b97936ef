import { eq, sql } from "drizzle-orm";
import { insightFigureGeneration, insightFigures } from "#db/schema";
import { db, type Database } from "~/db.server";

/**
 * The value insight pages aggregate every account (and every member's activity): too much to
 * redo on each view. Their figures are kept in `insight_figures`, computed on the first read
 * after the data under them changed. A write of account values or activity moves the generation
 * on inside its own transaction (`staleInsightFigures`); a kept row counts only while it is of
 * the current generation, so figures computed from data a write has since replaced never count.
 */

type Executor = Pick<Database, "execute">;

/** Marks every kept figure stale: called by each write of account values, tiers or activity. */
export async function staleInsightFigures(tx: Executor) {
  await tx.execute(sql`update ${insightFigureGeneration} set generation = generation + 1
    where id = 1`);
}

/** The figures kept under `key`, or `compute`'s, kept for the next reader. */
export async function keptFigures<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const [current] = await db
    .select({
      generation: insightFigureGeneration.generation,
      figures: insightFigures.figures,
      keptGeneration: insightFigures.generation,
    })
    .from(insightFigureGeneration)
    .leftJoin(insightFigures, eq(insightFigures.key, key))
    .where(eq(insightFigureGeneration.id, 1));
  if (current && current.keptGeneration === current.generation) return current.figures as T;
  const figures = await compute();
  if (current) {
    await db
      .insert(insightFigures)
      .values({ key, generation: current.generation, figures })
      .onConflictDoUpdate({
        target: insightFigures.key,
        set: { generation: current.generation, figures, computedAt: new Date() },
        // A reader that started on newer data has kept newer figures: leave them.
        setWhere: sql`${insightFigures.generation} <= ${current.generation}`,
      });
  }
  return figures;
}
