/**
 * Scores the front door's router on labelled requests, next to a plain baseline (MiniSearch with
 * default options over title and summary). `npm run eval:routing`
 *
 * Sets: test/fixtures/routing-dev.jsonl (the dev set), test/fixtures/routing-own.jsonl and
 * test/fixtures/routing-own-2.jsonl and routing-own-3.jsonl (our own requests, written from the catalogue without looking at
 * the dev set, to check that the router generalises). Each line:
 * `{"id", "text", "municipality"?, "expected": [acceptable offering ids]}`; `[]` = out of scope.
 *
 * The last stdout line is one JSON object with every figure.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import MiniSearch from 'minisearch';
import { createRouter } from '../src/server/modules/intake/routing/router.js';
import type { RoutableOffering, RouteInput, ThesaurusEntry } from '../src/server/modules/intake/routing/types.js';

const root = new URL('../', import.meta.url);
const readJson = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, root), 'utf8')) as T;

interface Catalogue {
  offerings: RoutableOffering[];
  thesaurus: ThesaurusEntry[];
}

interface DemoOffering {
  id: string;
  provider: string;
  unit: string | null;
  title: { sv: string; en?: string };
  summary: { sv: string; en?: string };
  topics: string[];
  kind: string;
  caseType: string;
  audience: { stages: string[]; sizes: string[] };
  geography: { counties: string[]; municipalities: string[] };
}

/** The one place that knows where the catalogue comes from (for now the demo files). */
export function loadCatalogue(): Catalogue {
  const offerings = readJson<DemoOffering[]>('demo/offerings.json');
  const organisations = readJson<{ id: string; name: string }[]>('demo/organisations.json');
  const knowledge =
    readJson<Record<string, { keywords: string[]; situations: string[] }>>('demo/offering-knowledge.json');
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  return {
    offerings: offerings.map((o) => ({
      id: o.id,
      providerId: o.provider,
      providerName: names.get(o.provider) ?? o.provider,
      unitId: o.unit,
      title: o.title,
      summary: o.summary,
      topics: o.topics,
      kind: o.kind,
      caseType: o.caseType,
      audience: o.audience,
      geography: o.geography,
      keywords: knowledge[o.id]?.keywords ?? [],
      situations: knowledge[o.id]?.situations ?? [],
    })),
    thesaurus: readJson<ThesaurusEntry[]>('demo/thesaurus.json'),
  };
}

interface Labelled {
  id: string;
  text: string;
  municipality?: string;
  expected: string[];
}

function readSet(path: string): Labelled[] {
  return readFileSync(new URL(path, root), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Labelled);
}

type Ranker = (input: RouteInput) => string[];

interface Miss {
  id: string;
  text: string;
  expected: string[];
  got: string[];
}

interface Figures {
  n: number;
  top1: number;
  top3: number;
  mrr: number;
  outOfScopeCaught: number;
  inScopeAbstained: number;
  misses: Miss[];
}

function score(set: Labelled[], rank: Ranker): Figures {
  let top1 = 0;
  let top3 = 0;
  let mrr = 0;
  let outOfScope = 0;
  let caught = 0;
  let inScope = 0;
  let abstained = 0;
  const misses: Miss[] = [];
  for (const item of set) {
    const got = rank({ text: item.text, ...(item.municipality ? { municipality: item.municipality } : {}) });
    if (item.expected.length === 0) {
      outOfScope++;
      if (got.length === 0) {
        caught++;
        top1++;
        top3++;
        mrr++;
      } else misses.push({ id: item.id, text: item.text, expected: [], got });
      continue;
    }
    inScope++;
    if (got.length === 0) abstained++;
    const rankOf = got.findIndex((id) => item.expected.includes(id));
    if (rankOf === 0) top1++;
    if (rankOf >= 0 && rankOf < 3) top3++;
    if (rankOf >= 0) mrr += 1 / (rankOf + 1);
    if (rankOf !== 0) misses.push({ id: item.id, text: item.text, expected: item.expected, got });
  }
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: set.length,
    top1: r(top1 / set.length),
    top3: r(top3 / set.length),
    mrr: r(mrr / set.length),
    outOfScopeCaught: r(outOfScope === 0 ? 1 : caught / outOfScope),
    inScopeAbstained: r(inScope === 0 ? 0 : abstained / inScope),
    misses,
  };
}

function baseline(catalogue: Catalogue): Ranker {
  const search = new MiniSearch<{ id: string; title: string; summary: string }>({ fields: ['title', 'summary'] });
  search.addAll(catalogue.offerings.map((o) => ({ id: o.id, title: o.title.sv, summary: o.summary.sv })));
  return (input) =>
    search
      .search(input.text)
      .slice(0, 5)
      .map((r) => String(r.id));
}

function print(label: string, f: Figures, showMisses: boolean): void {
  console.log(
    `${label.padEnd(22)} n=${f.n}  top-1 ${f.top1.toFixed(3)}  top-3 ${f.top3.toFixed(3)}  MRR ${f.mrr.toFixed(3)}  ` +
      `out-of-scope caught ${f.outOfScopeCaught.toFixed(3)}  in-scope abstained ${f.inScopeAbstained.toFixed(3)}`,
  );
  if (!showMisses) return;
  for (const m of f.misses) {
    console.log(`  miss ${m.id}: ${m.text}`);
    console.log(`       expected ${m.expected.length ? m.expected.join(' | ') : '(no match)'}`);
    console.log(`       got      ${m.got.length ? m.got.join(', ') : '(no match)'}`);
  }
}

const summary = (f: Figures) => ({
  n: f.n,
  top1: f.top1,
  top3: f.top3,
  mrr: f.mrr,
  outOfScopeCaught: f.outOfScopeCaught,
  inScopeAbstained: f.inScopeAbstained,
  misses: f.misses.length,
});

/** Runs the evaluation and prints the figures. */
function main(): void {
  const catalogue = loadCatalogue();
  const router = createRouter(catalogue);
  const routerRank: Ranker = (input) => {
    const result = router.route(input);
    return result.kind === 'match' ? result.offerings.map((o) => o.offeringId) : [];
  };
  const baselineRank = baseline(catalogue);

  const dev = readSet('test/fixtures/routing-dev.jsonl');
  const own = readSet('test/fixtures/routing-own.jsonl');
  const own2 = readSet('test/fixtures/routing-own-2.jsonl');
  const own3 = readSet('test/fixtures/routing-own-3.jsonl');
  const results = {
    router: score(dev, routerRank),
    baseline: score(dev, baselineRank),
    routerOwn: score(own, routerRank),
    baselineOwn: score(own, baselineRank),
    routerOwn2: score(own2, routerRank),
    baselineOwn2: score(own2, baselineRank),
    routerOwn3: score(own3, routerRank),
    baselineOwn3: score(own3, baselineRank),
  };

  console.log('Dev set (test/fixtures/routing-dev.jsonl)');
  print('router', results.router, true);
  print('baseline (MiniSearch)', results.baseline, false);
  console.log('\nOwn set (test/fixtures/routing-own.jsonl)');
  print('router', results.routerOwn, true);
  print('baseline (MiniSearch)', results.baselineOwn, false);
  console.log('\nOwn set 2 (test/fixtures/routing-own-2.jsonl)');
  print('router', results.routerOwn2, true);
  print('baseline (MiniSearch)', results.baselineOwn2, false);
  console.log('\nOwn set 3 (test/fixtures/routing-own-3.jsonl)');
  print('router', results.routerOwn3, true);
  print('baseline (MiniSearch)', results.baselineOwn3, false);
  console.log(
    JSON.stringify({
      router: summary(results.router),
      baseline: summary(results.baseline),
      own: { router: summary(results.routerOwn), baseline: summary(results.baselineOwn) },
      own2: { router: summary(results.routerOwn2), baseline: summary(results.baselineOwn2) },
      own3: { router: summary(results.routerOwn3), baseline: summary(results.baselineOwn3) },
    }),
  );
}

// Run when executed (`tsx scripts/eval-routing.ts`), not when the bench imports `loadCatalogue`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
