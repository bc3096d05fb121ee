/**
 * The baseline: a bare Fastify route doing one PostgreSQL query (`select 1`) through a pg pool,
 * nothing else. Started as its own process by bench/baseline.bench.ts; prints its port.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });
app.get('/one', async () => (await pool.query('select 1 as one')).rows[0]);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address() as { port: number };
process.stdout.write(`${address.port}\n`);
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
