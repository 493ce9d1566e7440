/**
 * The fitting itself: the ranker (a conditional logit over a question's sentences, plus "none") and a decider
 * (a logistic regression on how clearly the ranker's best sentence stands out), both by Adam on standardised
 * features with an L2 penalty, and a question scored by a fitted ranker.
 */
import type { DecisionModel, RankingModel } from "../answer/features.js";
import { decisionFeatures, rank } from "../answer/features.js";
import type { Group } from "./fit-data.js";

const RANKER_L2 = 0.02;
const DECIDER_L2 = 0.02;

function standardiser(rows: readonly (readonly number[])[]): { mean: number[]; scale: number[] } {
  const width = rows[0]?.length ?? 0;
  const mean = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(0);
  for (const r of rows) for (let j = 0; j < width; j++) mean[j]! += r[j]! / rows.length;
  for (const r of rows) for (let j = 0; j < width; j++) scale[j]! += (r[j]! - mean[j]!) ** 2 / rows.length;
  return { mean, scale: scale.map((v) => Math.sqrt(v) || 1) };
}

/** Adam on a differentiable loss over a weight vector. */
function adam(
  width: number,
  gradient: (w: Float64Array, grad: Float64Array) => void,
  iterations: number,
  rate = 0.05,
): Float64Array {
  const w = new Float64Array(width);
  const m = new Float64Array(width);
  const v = new Float64Array(width);
  const g = new Float64Array(width);
  for (let t = 1; t <= iterations; t++) {
    g.fill(0);
    gradient(w, g);
    for (let j = 0; j < width; j++) {
      m[j] = 0.9 * m[j]! + 0.1 * g[j]!;
      v[j] = 0.999 * v[j]! + 0.001 * g[j]! * g[j]!;
      w[j]! -= (rate * (m[j]! / (1 - 0.9 ** t))) / (Math.sqrt(v[j]! / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  return w;
}

/** The ranker: weights over standardised candidate features, plus the bias of "none" (the last weight). */
export function fitRanker(all: readonly Group[], iterations = 250): RankingModel {
  const groups = all.filter((g) => !g.premise);
  const { mean, scale } = standardiser(groups.flatMap((g) => g.rows));
  const F = mean.length;
  const data = groups.map((g) => ({
    x: g.rows.map((r) => Float64Array.from(r, (v, j) => (v - mean[j]!) / scale[j]!)),
    labels: g.labels,
    positives: g.labels.reduce((a, b) => a + b, 0),
  }));
  const w = adam(
    F + 1,
    (w, grad) => {
      for (const { x, labels, positives } of data) {
        const z = x.map((row) => {
          let s = 0;
          for (let j = 0; j < F; j++) s += row[j]! * w[j]!;
          return s;
        });
        const top = Math.max(w[F]!, ...z);
        const e = z.map((s) => Math.exp(s - top));
        const eNone = Math.exp(w[F]! - top);
        const sum = e.reduce((a, b) => a + b, eNone);
        for (let i = 0; i < x.length; i++) {
          const target = positives === 0 ? 0 : labels[i]! / positives;
          const d = e[i]! / sum - target;
          if (d === 0) continue;
          for (let j = 0; j < F; j++) grad[j]! += (d * x[i]![j]!) / data.length;
        }
        grad[F]! += (eNone / sum - (positives === 0 ? 1 : 0)) / data.length;
      }
      for (let j = 0; j < F; j++) grad[j]! += RANKER_L2 * w[j]!;
    },
    iterations,
  );
  return { weights: [...w.slice(0, F)], mean, scale, noneBias: w[F]! };
}

export interface Scored {
  readonly group: Group;
  readonly features: number[];
  readonly topRight: boolean;
  readonly top3Right: boolean;
}

export function score(group: Group, ranker: RankingModel): Scored {
  const { probabilities, none } = rank(group.rows, ranker);
  const order = [...probabilities.keys()].sort((a, b) => probabilities[b]! - probabilities[a]! || a - b);
  const top = order[0]!;
  return {
    group,
    features: decisionFeatures(
      order.slice(0, 10).map((d) => probabilities[d]!),
      none,
      group.rows[top]!,
      group.typed,
      group.prepared,
    ),
    topRight: group.labels[top] === 1,
    top3Right: order.slice(0, 3).some((d) => group.labels[d] === 1),
  };
}

export function fitDecider(scored: readonly Scored[], iterations = 400): Omit<DecisionModel, "answerAt"> {
  const { mean, scale } = standardiser(scored.map((s) => s.features));
  const F = mean.length;
  const data = scored.map((s) => ({
    x: s.features.map((v, j) => (v - mean[j]!) / scale[j]!),
    y: s.topRight && s.group.inScope ? 1 : 0,
  }));
  const w = adam(
    F + 1,
    (w, grad) => {
      for (const { x, y } of data) {
        let z = w[F]!;
        for (let j = 0; j < F; j++) z += x[j]! * w[j]!;
        const d = 1 / (1 + Math.exp(-z)) - y;
        for (let j = 0; j < F; j++) grad[j]! += (d * x[j]!) / data.length;
        grad[F]! += d / data.length;
      }
      for (let j = 0; j < F; j++) grad[j]! += DECIDER_L2 * w[j]!;
    },
    iterations,
  );
  return { weights: [...w.slice(0, F)], mean, scale, bias: w[F]! };
}
