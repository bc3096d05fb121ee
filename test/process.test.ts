import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, freshDatabaseUrl } from './support/databases.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'lotsen.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function lotsen(args: string[], env: Record<string, string>, stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('start-up refuses bad configuration', () => {
  it('stops with a message naming PORT when it is not a port', async () => {
    const run = await lotsen(['start'], { PORT: 'abc' });
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(/PORT/);
  });

  it('stops with a message naming DATABASE_URL when it is not a PostgreSQL URL', async () => {
    const run = await lotsen(['migrate'], { DATABASE_URL: 'mysql://localhost/lotsen' });
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(/DATABASE_URL/);
  });
});

for (const engine of engines()) {
  describe(`the lotsen command on ${engine}`, () => {
    let env: Record<string, string>;
    let cleanup: () => Promise<void> = async () => {};
    beforeAll(async () => {
      if (engine === 'pglite') {
        const dir = mkdtempSync(join(tmpdir(), 'lotsen-cli-'));
        env = { LOTSEN_DATA_DIR: dir, DATABASE_URL: '' };
        cleanup = async () => rmSync(dir, { recursive: true, force: true });
      } else {
        const fresh = await freshDatabaseUrl({ empty: true });
        env = { DATABASE_URL: fresh.url };
        cleanup = fresh.drop;
      }
    }, 60_000);
    afterAll(() => cleanup());

    it('starts on an empty database, serves the demo catalogue in Swedish, and stops cleanly on SIGTERM', async () => {
      const port = await freePort();
      const started = Date.now();
      const child = spawn(process.execPath, [BIN, 'start'], {
        env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
        stdio: 'ignore',
      });
      try {
        let ready = false;
        // 30 s is the promise on an idle machine; the budget here allows for a loaded test run.
        while (!ready && Date.now() - started < 60_000) {
          ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
            (r) => r.ok,
            () => false,
          );
          if (!ready) await new Promise((r) => setTimeout(r, 200));
        }
        expect(ready).toBe(true);
        const offerings = await (await fetch(`http://127.0.0.1:${port}/api/offerings?limit=1`)).json();
        expect(offerings.total).toBe(90);
        const page = await (await fetch(`http://127.0.0.1:${port}/`)).text();
        expect(page).toContain('<html lang="sv"');
      } finally {
        child.kill('SIGTERM');
      }
      expect(await waitForExit(child)).toBe(0);
    }, 90_000);

    it('migrates again without doing anything', async () => {
      const run = await lotsen(['migrate'], env);
      expect(run.code).toBe(0);
      expect(run.stderr).not.toMatch(/migrerade/);
    });

    it('routes JSON Lines: one line out per valid line, in order; bad lines only on stderr', async () => {
      const input = [
        JSON.stringify({
          id: 'a',
          text: 'Vi vill börja sälja våra produkter i Tyskland',
          municipality: '1980',
          extra: 1,
        }),
        '{not json',
        JSON.stringify({ id: 'b', text: 'Min granne spelar hög musik på nätterna' }),
        JSON.stringify({ id: 'c', text: 'Vi ska bygga ut vår lagerlokal och behöver bygglov', municipality: '0127' }),
        JSON.stringify({ id: 'd', municipality: '0127' }),
      ].join('\n');
      const run = await lotsen(['route'], env, `${input}\n`);
      expect(run.code).toBe(0);
      const lines = run.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c']);
      for (const line of lines) {
        expect(Object.keys(line).sort()).toEqual(['id', 'offerings']);
        expect(line.offerings.length).toBeLessThanOrEqual(5);
      }
      expect(lines[1].offerings).toEqual([]);
      expect(lines[2].offerings[0]).toBe('botkyrka-kommun-bygglov');
      expect(run.stderr).toMatch(/rad 2/);
      expect(run.stderr).toMatch(/rad 5/);
    }, 60_000);

    it('refuses an invalid catalogue file naming file, record and field, and keeps the catalogue', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'lotsen-file-'));
      const file = join(dir, 'katalog.json');
      writeFileSync(
        file,
        JSON.stringify({
          sites: [
            {
              id: 'ny-tomt',
              name: 'Ny tomt',
              municipality: '0127',
              kind: 'industrial',
              area_ha: 3,
              status: 'available',
            },
            {
              id: 'fel-tomt',
              name: 'Fel tomt',
              municipality: '0000',
              kind: 'industrial',
              area_ha: 1,
              status: 'available',
            },
          ],
        }),
      );
      const run = await lotsen(['catalog', 'import', file], env);
      expect(run.code).toBe(65);
      expect(run.stderr).toContain('katalog.json');
      expect(run.stderr).toContain('sites[1] (fel-tomt) /municipality');
      const exported = await lotsen(['catalog', 'export'], env);
      expect(exported.code).toBe(0);
      const catalogue = JSON.parse(exported.stdout);
      expect(catalogue.sites.map((s: { id: string }) => s.id)).not.toContain('ny-tomt');
      expect(catalogue.offerings).toHaveLength(90);
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);
  });
}
