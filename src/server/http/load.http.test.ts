import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { RequestRate } from './load.js';

describeEachDatabase('the front door’s load', (database) => {
  it('counts the API requests the app begins, not its pages and assets', async () => {
    let now = 1_000;
    const requestRate = new RequestRate(500, () => now);
    const app = await buildTestApp(database(), {}, { requestRate });
    try {
      for (let i = 0; i < 7; i++) await app.inject({ url: '/api/offerings?limit=1' });
      await app.inject({ method: 'POST', url: '/api/cases', payload: {} }); // refused, still a request
      for (let i = 0; i < 5; i++) await app.inject({ url: '/favicon.svg' });
      expect(requestRate.perSecond()).toBe(8);
      now += 2_000;
      expect(requestRate.perSecond()).toBe(0);
    } finally {
      await app.close();
    }
  });
});
