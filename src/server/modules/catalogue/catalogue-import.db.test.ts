import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { AppError } from '../../errors.js';
import { demoCatalogue, exportCatalogue, importCatalogue, seedDemo } from './catalogue.service.js';

const count = async (db: { query: <T>(sql: string) => Promise<T[]> }, table: string) =>
  (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]?.n;

describeEachDatabase('catalogue import and export', (database) => {
  it('refuses an invalid file whole, naming the file, the record and the field, and writes nothing', async () => {
    const db = database();
    const file = {
      organisations: [
        {
          id: 'ny-organisation',
          name: 'Ny organisation',
          kind: 'association',
          serves: { counties: [], municipalities: [] },
          units: [],
        },
      ],
      offerings: [
        {
          ...demoCatalogue().offerings?.[0],
          id: 'nytt-erbjudande',
          provider: 'ny-organisation',
          unit: null,
          strategyLinks: [],
        },
        {
          ...demoCatalogue().offerings?.[1],
          id: 'trasigt-erbjudande',
          geography: { counties: ['99'], municipalities: [] },
        },
      ],
    };
    let error: unknown;
    try {
      await importCatalogue(db.db, file, 'katalog.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const message = (error as AppError).message;
    expect(message).toContain('katalog.json');
    expect(message).toContain('offerings[1] (trasigt-erbjudande)');
    expect(message).toContain('/geography/counties/0');
    expect(await count(db, "organisations where id = 'ny-organisation'")).toBe(0);
    expect(await count(db, "offerings where id = 'nytt-erbjudande'")).toBe(0);
  });

  it('refuses an offering whose provider or unit does not exist', async () => {
    const offering = { ...demoCatalogue().offerings?.[0], id: 'x-erbjudande', provider: 'finns-inte' };
    await expect(importCatalogue(database().db, { offerings: [offering] }, 'f.json')).rejects.toThrow(
      /offerings\[0\] \(x-erbjudande\) \/provider/,
    );
    const wrongUnit = { ...demoCatalogue().offerings?.[0], id: 'y-erbjudande', unit: 'ingen-enhet' };
    await expect(importCatalogue(database().db, { offerings: [wrongUnit] }, 'f.json')).rejects.toThrow(/\/unit/);
  });

  it('refuses unknown fields and a file that is not a catalogue', async () => {
    await expect(importCatalogue(database().db, { offerings: [], colour: 'red' }, 'f.json')).rejects.toThrow(/colour/);
    await expect(importCatalogue(database().db, [1, 2], 'f.json')).rejects.toThrow(/f\.json/);
  });

  it('seeding the demo region twice changes nothing', async () => {
    const db = database();
    const before = JSON.stringify(await exportCatalogue(db.db));
    await seedDemo(db.db);
    expect(JSON.stringify(await exportCatalogue(db.db))).toBe(before);
    expect(await count(db, 'offerings')).toBe(90);
    expect(await count(db, 'organisations')).toBe(40);
    expect(await count(db, 'strategy_nodes')).toBe(60);
  });

  it('an export imported again reproduces the same catalogue, ids unchanged', async () => {
    const db = database();
    const exported = await exportCatalogue(db.db);
    expect(exported.offerings?.map((o) => o.id)).toEqual(
      demoCatalogue()
        .offerings?.map((o) => o.id)
        .sort(),
    );
    const edited = structuredClone(exported);
    const first = edited.offerings?.[0];
    if (!first) throw new Error('no offerings');
    first.keywords = [...(first.keywords ?? []), 'nytt nyckelord'];
    await importCatalogue(db.db, edited, 'export.json');
    const again = await exportCatalogue(db.db);
    expect(again).toEqual(edited);
  });
});
