import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import type { Database } from '../../db/client.js';
import type { Principal } from '../access/access.policies.js';
import { drainOutbox } from '../outbox/outbox.worker.js';
import * as strategy from './strategy.service.js';

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/strategy/${name}`, 'utf8'));

const admin = (organisationId: string): Principal => ({
  userId: '00000000-0000-4000-8000-000000000001',
  kind: 'staff',
  roles: ['org-admin'],
  memberships: [{ organisationId, unitId: null, role: 'org-admin' }],
  actingCompany: null,
});
const analyst = (organisationId: string): Principal => ({
  ...admin(organisationId),
  roles: ['analyst'],
  memberships: [{ organisationId, unitId: null, role: 'analyst' }],
});
const companyRep = (orgnr: string): Principal => ({
  userId: '00000000-0000-4000-8000-000000000002',
  kind: 'company-rep',
  roles: ['company'],
  memberships: [],
  actingCompany: orgnr,
});

let serial = 0;
/** Test orgnr: 10 digits (the strategy module does not check Luhn; the companies table wants 10 digits). */
const orgnr = (n: number) => `55${String(n).padStart(8, '0')}`;

interface CaseSpec {
  offering: string;
  company: number | null;
  municipality?: string;
  receivedOn: string;
  closedOn?: string;
  status?: string;
}

async function addCases(database: Database, specs: CaseSpec[]) {
  for (const s of specs) {
    serial++;
    if (s.company !== null) {
      await database.query('insert into companies (orgnr) values ($1) on conflict do nothing', [orgnr(s.company)]);
    }
    await database.query(
      `insert into cases (diarienummer, organisation_id, offering_id, case_type, status, company_orgnr, municipality,
         subject, description, received_on, due_on, closed_at, email_verified_at)
       select $1, o.provider_id, o.id, o.case_type, $2, $3, $4, 'test', 'test', $5::date, $5::date + 10,
         $6::timestamptz, now()
       from offerings o where o.id = $7`,
      [
        `TEST ${serial}`,
        s.status ?? (s.closedOn ? 'avslutat' : 'mottaget'),
        s.company === null ? null : orgnr(s.company),
        s.municipality ?? '0127',
        s.receivedOn,
        s.closedOn ? `${s.closedOn}T12:00:00+02:00` : null,
        s.offering,
      ],
    );
  }
}

describeEachDatabase('strategy: revisions, follow-ups, reach, indicators', (database) => {
  const db = () => database().db;

  it('refuses an edit by an admin of another organisation, and a move under the node itself', async () => {
    await expect(
      strategy.updateNode(db(), admin('region-vastmanland'), 'botkyrka-naringspolitik/en-vag-in', { status: 'paused' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      strategy.moveNode(db(), admin('region-orebro-lan'), 'orebro-2018-2022/inriktning-1', {
        parentId: 'orebro-2018-2022/inriktning-1/regionalt-naringslivsrad',
        position: 0,
      }),
    ).rejects.toMatchObject({ code: 'invalid_strategy_move' });
  });

  it('keeps what an earlier follow-up said when the plan is revised afterwards', async () => {
    const id = 'botkyrka-naringspolitik/en-vag-in';
    const before = await strategy.getNode(db(), id);
    expect(before.version).toBe(1);
    const written = await strategy.writeFollowUp(db(), analyst('botkyrka-kommun'), id, '2025-T1', {
      status: 'at-risk',
      comment: 'E-tjänsten är försenad.',
    });
    expect(written).toMatchObject({ nodeVersion: 1, revisedSince: false, nodeThen: { title: before.title } });

    const revised = await strategy.updateNode(db(), admin('botkyrka-kommun'), id, {
      title: { sv: 'En väg in för alla ansökningar', en: null },
      period: { from: '2025', to: '2027' },
      note: 'Reviderad handlingsplan',
    });
    expect(revised.version).toBe(2);

    const [earlier] = await strategy.followUpsOfNode(db(), id);
    expect(earlier).toMatchObject({
      period: '2025-T1',
      nodeVersion: 1,
      revisedSince: true,
      nodeThen: { title: before.title, period: before.period },
    });
    const later = await strategy.writeFollowUp(db(), analyst('botkyrka-kommun'), id, '2025-T2', {
      status: 'on-track',
      comment: 'Klart för test.',
    });
    expect(later).toMatchObject({ nodeVersion: 2, nodeThen: { title: { sv: 'En väg in för alla ansökningar' } } });
    const history = await strategy.revisions(db(), id);
    expect(history.map((r) => [r.version, r.title.sv])).toEqual([
      [1, before.title.sv],
      [2, 'En väg in för alla ansökningar'],
    ]);
  });

  it('creates and moves nodes inside a strategy, recording each change as a revision', async () => {
    const created = await strategy.createNode(db(), admin('botkyrka-kommun'), {
      id: 'foretagsbesok',
      parentId: 'botkyrka-naringspolitik/dialog-och-motesplatser',
      kind: 'action',
      title: { sv: 'Företagsbesök varje vecka', en: null },
      text: null,
      owner: 'botkyrka-kommun',
      period: { from: '2025', to: null },
      status: null,
    });
    expect(created).toMatchObject({
      id: 'botkyrka-naringspolitik/dialog-och-motesplatser/foretagsbesok',
      rootId: 'botkyrka-naringspolitik',
      version: 1,
    });
    const moved = await strategy.moveNode(db(), admin('botkyrka-kommun'), created.id, {
      parentId: 'botkyrka-naringspolitik/locka-och-vaxa-foretag',
      position: 0,
    });
    expect(moved).toMatchObject({
      parentId: 'botkyrka-naringspolitik/locka-och-vaxa-foretag',
      position: 0,
      version: 2,
    });
    await expect(
      strategy.moveNode(db(), admin('botkyrka-kommun'), created.id, { parentId: 'orebro-2018-2022', position: 0 }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('counts a company once per node however many cases and offerings below it reached it', async () => {
    // Two offerings under Örebro's inriktning 3: kapitalförsörjning (Almi) and etablering (Örebro kommun).
    await addCases(database(), [
      { offering: 'almi-malardalen-foretagslan', company: 1, municipality: '1880', receivedOn: '2024-02-01' },
      { offering: 'almi-malardalen-foretagslan', company: 1, municipality: '1880', receivedOn: '2024-03-01' },
      { offering: 'orebro-kommun-mark-och-etablering', company: 1, municipality: '1880', receivedOn: '2024-05-01' },
      ...[2, 3, 4, 5, 6, 7].map((n) => ({
        offering: 'orebro-kommun-mark-och-etablering',
        company: n,
        municipality: '1880',
        receivedOn: '2024-06-10',
        closedOn: '2024-06-20',
      })),
      { offering: 'almi-malardalen-foretagslan', company: null, municipality: '1881', receivedOn: '2024-09-01' },
      { offering: 'almi-malardalen-foretagslan', company: 9, municipality: '1880', receivedOn: '2023-09-01' },
    ]);
    const view = await strategy.dashboard(db(), {
      root: 'orebro-2018-2022',
      node: 'orebro-2018-2022/inriktning-3',
      period: '2024',
    });
    const reach = new Map(view.nodes.map((n) => [n.id, n.companies]));
    expect(reach.get('orebro-2018-2022/inriktning-3')).toBe(8); // companies 1–7 and the case without orgnr
    expect(reach.get('orebro-2018-2022/inriktning-3/investerings-och-etableringsarbete')).toBe(7);
    expect(reach.get('orebro-2018-2022/inriktning-3/kapitalforsorjning')).toBeNull(); // 2 companies: suppressed
    expect(reach.get('orebro-2018-2022')).toBe(8);
    expect(view.series.find((s) => s.period === '2024')).toMatchObject({
      companies: 8,
      cases: 10,
      medianHandlingDays: 10,
    });
    expect(view.series.find((s) => s.period === '2023')).toMatchObject({ companies: null, cases: 1 });
    // By municipality: 1880 has 7, 1881 has 1 → 1881 and its one complement are hidden, the total stays.
    expect(view.byMunicipality.total).toBe(8);
    expect(view.byMunicipality.cells.every((c) => c.companies === null || c.companies >= 5)).toBe(true);
    expect(view.offerings.find((o) => o.id === 'almi-malardalen-foretagslan')?.cases).toBe(3);
  });

  it('rolls follow-up statuses up to the parent, the worst status first', async () => {
    const a = analyst('region-orebro-lan');
    await strategy.writeFollowUp(db(), a, 'orebro-2018-2022/inriktning-1/regionalt-naringslivsrad', '2024', {
      status: 'done',
      comment: 'Rådet är tillsatt.',
    });
    await strategy.writeFollowUp(db(), a, 'orebro-2018-2022/inriktning-1/digitala-motesplatser', '2024', {
      status: 'off-track',
      comment: 'Ingen plattform upphandlad.',
    });
    const view = await strategy.dashboard(db(), { root: 'orebro-2018-2022', period: '2024' });
    const inriktning1 = view.nodes.find((n) => n.id === 'orebro-2018-2022/inriktning-1');
    expect(inriktning1?.rollUp).toMatchObject({
      status: 'off-track',
      derived: true,
      reported: 2,
      descendants: 3,
      doneShare: 0.5,
    });
    expect(view.nodes.find((n) => n.id === 'orebro-2018-2022')?.rollUp.counts).toMatchObject({
      done: 1,
      'off-track': 1,
    });
  });

  it('computes live indicators, suppressing shares built on fewer than 5 companies', async () => {
    for (const n of [2, 3, 4, 5, 6]) {
      await strategy.saveMyProfile(db(), companyRep(orgnr(n)), {
        leaderGender: n <= 3 ? 'woman' : 'man',
        leaderAgeBand: 'under-30',
        leaderBornAbroad: null,
      });
    }
    // A changed profile queues a refresh of the strategies that reached the company; the worker runs it.
    while ((await drainOutbox(db(), { send: async () => {} })) > 0) {}
    const node = 'orebro-2018-2022/inriktning-3/investerings-och-etableringsarbete';
    for (const [key, measure] of [
      ['reached', 'companies-reached'],
      ['women', 'share-women-led'],
      ['young', 'share-young-led'],
      ['established', 'establishments'],
    ] as const) {
      await strategy.createIndicator(db(), analyst('region-orebro-lan'), node, {
        key,
        title: { sv: key, en: null },
        unit: 'antal',
        source: 'computed',
        measure,
      });
    }
    const indicators = await strategy.indicatorsOfNode(db(), node, { kind: 'year', years: 2, toYear: 2024 });
    const value = (key: string) => indicators.find((i) => i.key === key)?.values.find((v) => v.period === '2024');
    expect(value('reached')).toEqual({ period: '2024', value: 7, suppressed: false });
    expect(value('women')).toEqual({ period: '2024', value: null, suppressed: true }); // 2 women, 3 men
    expect(value('young')).toEqual({ period: '2024', value: 100, suppressed: false }); // 5 of 5 answered
    expect(value('established')).toEqual({ period: '2024', value: 6, suppressed: false });
  });

  it('shows analysts the reach by group only as suppressed aggregates', async () => {
    const groups = await strategy.reachGroups(db(), 'orebro-2018-2022/inriktning-3', '2024');
    const all = [...groups.gender.cells, ...groups.ageBand.cells, ...groups.bornAbroad.cells].map((c) => c.companies);
    expect(all.every((c) => c === null || c === 0 || c >= 5)).toBe(true);
    expect(groups.gender.total).toBe(8);
    // 5 under 30 and 3 not stated: the 3 is hidden, and the 5 with it, or 8 − 5 would give it away.
    expect(groups.ageBand.cells.map((c) => c.companies)).toEqual([null, 0, 0, 0, null]);
    expect(groups.ageBand.total).toBe(8);
    for (const row of groups.municipalityByGender.rows) {
      expect(row.cells.every((c) => c === null || c === 0 || c >= 5)).toBe(true);
    }
  });

  it('lets a company withdraw its profile', async () => {
    const rep = companyRep(orgnr(6));
    expect((await strategy.myProfile(db(), rep)).leaderGender).toBe('man');
    await strategy.deleteMyProfile(db(), rep);
    expect(await strategy.myProfile(db(), rep)).toMatchObject({ leaderGender: null, updatedAt: null });
  });

  it('refuses an import in the wrong format and one that names no content, changing nothing', async () => {
    const scb = await strategy.createIndicator(db(), analyst('region-vastmanland'), 'vastmanland-2030/delmal-12', {
      key: 'nystartade',
      title: { sv: 'Nystartade företag', en: 'New enterprises' },
      unit: 'antal',
      source: 'scb',
      sourceRef: { table: 'NyforetagandeReg', area: '1980' },
      baseline: { period: '2020', value: 902 },
      target: { period: '2030', value: 1200 },
    });
    const a = analyst('region-vastmanland');
    await expect(
      strategy.importIndicatorValues(db(), a, scb.id, {
        format: 'kolada-v2',
        data: fixture('kolada-v2-nyforetagsamhet.json'),
      }),
    ).rejects.toMatchObject({ code: 'invalid_import' });
    await expect(
      strategy.importIndicatorValues(db(), a, scb.id, {
        format: 'pxweb-json-stat2',
        data: fixture('scb-nystartade-foretag.jsonstat2.json'),
      }),
    ).rejects.toMatchObject({ code: 'invalid_import' }); // two contents codes, none chosen
    const [stored] = await strategy.indicatorsOfNode(db(), 'vastmanland-2030/delmal-12', { kind: 'year', years: 5 });
    expect(stored?.values).toEqual([]);
  });

  it('keeps hand-entered values per period, and refuses them on an imported indicator', async () => {
    const a = analyst('region-vastmanland');
    const node = 'vastmanland-2030/delmal-12';
    const manual = await strategy.createIndicator(db(), a, node, {
      key: 'etableringar-handrapport',
      title: { sv: 'Etableringar enligt kommunernas rapporter', en: null },
      unit: 'antal',
      source: 'manual',
      baseline: { period: '2024', value: 3 },
      target: { period: '2030', value: 12 },
    });
    await strategy.setIndicatorValue(db(), a, manual.id, '2025', 5);
    await strategy.setIndicatorValue(db(), a, manual.id, '2026', 7);
    await strategy.setIndicatorValue(db(), a, manual.id, '2026', 8); // corrected, not added
    const read = (await strategy.indicatorsOfNode(db(), node, { kind: 'year', years: 5 })).find(
      (i) => i.key === 'etableringar-handrapport',
    );
    expect(read?.values.filter((v) => v.value !== null).map((v) => [v.period, v.value])).toEqual([
      ['2025', 5],
      ['2026', 8],
    ]);
    expect(read?.baseline).toEqual({ period: '2024', value: 3 });
    await expect(strategy.setIndicatorValue(db(), admin('botkyrka-kommun'), manual.id, '2026', 1)).rejects.toThrow();
    const imported = await strategy.createIndicator(db(), a, node, {
      key: 'importerad-kolada',
      title: { sv: 'Importerad', en: null },
      unit: 'antal',
      source: 'kolada',
      sourceRef: { kpi: 'N00999', area: '1980' },
    });
    await expect(strategy.setIndicatorValue(db(), a, imported.id, '2026', 1)).rejects.toThrow(/handinmatade/);
  });

  it('imports an SCB PxWeb JSON-stat 2.0 file and a Kolada v2 answer', async () => {
    const a = analyst('region-vastmanland');
    const node = 'vastmanland-2030/delmal-11';
    const scb = await strategy.createIndicator(db(), a, node, {
      key: 'nystartade-vasteras',
      title: { sv: 'Nystartade företag i Västerås', en: null },
      unit: 'antal',
      source: 'scb',
      sourceRef: { table: 'NyforetagandeReg', contentsCode: 'NV0101A1', area: '1980' },
      target: { period: '2030', value: 1200 },
    });
    const scbResult = await strategy.importIndicatorValues(db(), a, scb.id, {
      format: 'pxweb-json-stat2',
      data: fixture('scb-nystartade-foretag.jsonstat2.json'),
    });
    expect(scbResult).toMatchObject({ imported: 12, skippedPeriods: [] });
    const quarters = await strategy.importIndicatorValues(db(), a, scb.id, {
      format: 'pxweb-json-stat2',
      data: fixture('scb-nystartade-foretag-kvartal.jsonstat2.json'),
    });
    expect(quarters).toMatchObject({ imported: 0, skippedPeriods: ['2024K3', '2024K4', '2025K1'] });

    const kolada = await strategy.createIndicator(db(), a, node, {
      key: 'nyforetagsamhet',
      title: { sv: 'Nyföretagsamhet', en: null },
      unit: 'per 1000 invånare',
      source: 'kolada',
      sourceRef: { kpi: 'N00999', area: '1980' },
    });
    expect(
      await strategy.importIndicatorValues(db(), a, kolada.id, {
        format: 'kolada-v2',
        data: fixture('kolada-v2-nyforetagsamhet.json'),
      }),
    ).toMatchObject({ imported: 3 });

    const indicators = await strategy.indicatorsOfNode(db(), node, { kind: 'year', years: 5 });
    expect(indicators.find((i) => i.key === 'nystartade-vasteras')?.values).toEqual([
      { period: '2020', value: 902, suppressed: false },
      { period: '2021', value: 1041, suppressed: false },
      { period: '2022', value: 934, suppressed: false },
      { period: '2023', value: 955, suppressed: false },
    ]);
    expect(indicators.find((i) => i.key === 'nyforetagsamhet')?.values.map((v) => v.value)).toEqual([9.8, 9.3, 9]);
  });

  beforeAll(() => {
    serial = 0;
  });
});
