/**
 * Routing latency per request, on the demo catalogue and on a generated catalogue of 5,000
 * offerings. `npm run bench:routing`; the last stdout line is one JSON object.
 *
 * The generated offerings recombine the demo's own words (titles, summaries, keywords, situations)
 * and spread over all 290 municipalities, so the index has the vocabulary and posting-list lengths
 * a national catalogue would have. Requests are the labelled dev and own sets (routing-own*.jsonl).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadCatalogue } from '../scripts/eval-routing.js';
import { MUNICIPALITIES } from '../src/server/modules/intake/routing/places.js';
import { createRouter } from '../src/server/modules/intake/routing/router.js';
import type { RoutableOffering, RouteInput, ThesaurusEntry } from '../src/server/modules/intake/routing/types.js';

const GENERATED = 5000;

/** Deterministic pseudo-random numbers (mulberry32), so runs compare. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(demo: RoutableOffering[], count: number): RoutableOffering[] {
  const rnd = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const sample = <T>(items: readonly T[], k: number): T[] => Array.from({ length: k }, () => pick(items));
  const municipalities = [...MUNICIPALITIES.keys()];
  const counties = [...new Set(municipalities.map((m) => m.slice(0, 2)))];
  const sentences = demo.flatMap((o) => o.summary.sv.split(/(?<=\.)\s+/));
  const titleWords = demo.flatMap((o) => o.title.sv.split(/\s+/));
  return Array.from({ length: count }, (_, i) => {
    const base = demo[i % demo.length] as RoutableOffering;
    const other = pick(demo);
    const r = rnd();
    const geography =
      r < 0.3
        ? { counties: [], municipalities: [] }
        : r < 0.6
          ? { counties: [pick(counties)], municipalities: [] }
          : { counties: [], municipalities: sample(municipalities, 1 + Math.floor(rnd() * 3)) };
    return {
      ...base,
      id: `${base.id}-gen-${i}`,
      title: { sv: `${base.title.sv} ${sample(titleWords, 2).join(' ')}` },
      summary: { sv: [base.summary.sv.split(/(?<=\.)\s+/)[0], ...sample(sentences, 2)].join(' ') },
      keywords: [...sample(base.keywords, 6), ...sample(other.keywords, 4)],
      situations: [...sample(base.situations, 3), ...sample(other.situations, 2)],
      geography,
    };
  });
}

function readRequests(path: string): RouteInput[] {
  return readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const row = JSON.parse(l) as { text: string; municipality?: string };
      return { text: row.text, ...(row.municipality ? { municipality: row.municipality } : {}) };
    });
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

function measure(label: string, offerings: RoutableOffering[], thesaurus: ThesaurusEntry[], requests: RouteInput[]) {
  const t0 = performance.now();
  const router = createRouter({ offerings, thesaurus });
  const buildMs = performance.now() - t0;
  // Warm up the JIT on the catalogue's own situations, not on the measured requests: the analyser
  // caches words, and a request it has seen before would be measured too cheaply.
  for (const o of offerings.slice(0, 200)) for (const text of o.situations) router.route({ text });
  const times: number[] = [];
  for (const r of requests) {
    const start = performance.now();
    router.route(r);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round2 = (x: number) => Math.round(x * 100) / 100;
  const figures = {
    offerings: offerings.length,
    requests: times.length,
    buildMs: Math.round(buildMs),
    p50Ms: round2(percentile(times, 50)),
    p95Ms: round2(percentile(times, 95)),
    maxMs: round2(times[times.length - 1] as number),
  };
  console.log(
    `${label.padEnd(12)} ${String(figures.offerings).padStart(5)} offerings  build ${figures.buildMs} ms  ` +
      `p50 ${figures.p50Ms} ms  p95 ${figures.p95Ms} ms  max ${figures.maxMs} ms  (${figures.requests} requests)`,
  );
  return figures;
}

const catalogue = loadCatalogue();
const requests = [
  ...readRequests('test/fixtures/routing-dev.jsonl'),
  ...readRequests('test/fixtures/routing-own.jsonl'),
  ...readRequests('test/fixtures/routing-own-2.jsonl'),
];
const demo = measure('demo', catalogue.offerings, catalogue.thesaurus, requests);
const generated = measure('generated', generate(catalogue.offerings, GENERATED), catalogue.thesaurus, requests);
console.log(JSON.stringify({ demo, generated, targetP95Ms: 10, met: generated.p95Ms <= 10 }));
