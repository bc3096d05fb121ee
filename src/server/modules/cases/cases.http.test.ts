import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { type SignedIn, signInAs } from '../../../../test/support/sessions.js';
import type { App } from '../../http/types.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describeEachDatabase('a case from the front door to the archive, over HTTP', (database) => {
  let app: App;
  let company: SignedIn;
  let bygglov: SignedIn;
  let miljo: SignedIn;
  let coordinator: SignedIn;
  let businessSweden: SignedIn;
  let almi: SignedIn;
  let admin: SignedIn;
  let caseId = '';
  let version = 0;

  beforeAll(async () => {
    app = await buildTestApp(database());
    company = await signInAs(database(), 'foretagare-botkyrka');
    bygglov = await signInAs(database(), 'handlaggare-botkyrka-bygglov');
    miljo = await signInAs(database(), 'handlaggare-botkyrka-miljo');
    coordinator = await signInAs(database(), 'lots-vastmanland');
    businessSweden = await signInAs(database(), 'handlaggare-business-sweden');
    almi = await signInAs(database(), 'handlaggare-almi');
    admin = await signInAs(database(), 'admin-botkyrka');
    const chosen = await app.inject({
      method: 'POST',
      url: '/api/me/company',
      headers: company.writeHeaders,
      payload: { orgnr: '5599000014' },
    });
    expect(chosen.statusCode).toBeLessThan(300);
  });
  afterAll(() => app.close());

  const submit = (key: string) =>
    app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { ...company.writeHeaders, 'idempotency-key': key },
      payload: {
        offeringId: 'botkyrka-kommun-bygglov',
        description: 'Vi vill öppna ett café i Tumba och bygga om lokalen; behöver vi bygglov?',
        municipality: '0127',
        contact: { name: 'Amira Haddad', email: 'amira@example.se' },
      },
    });

  it('refuses a submission without CSRF token from a signed-in session', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: company.headers,
      payload: {
        offeringId: 'botkyrka-kommun-bygglov',
        description: 'x'.repeat(10),
        contact: { name: 'A', email: 'a@b.se' },
      },
    });
    expect(res.statusCode).toBe(403);
  });

  it('opens the case once, even when the company retries with the same Idempotency-Key', async () => {
    const first = await submit('cafe-tumba-0001');
    expect(first.statusCode).toBe(201);
    const body = first.json();
    expect(body.case.diarienummer).toMatch(/^BOT \d{4}\/\d{5}$/);
    expect(body.followUrl).toBeUndefined();
    caseId = body.case.id;
    const retry = await submit('cafe-tumba-0001');
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().case.id).toBe(caseId);
    const mine = (await app.inject({ url: '/api/my/cases', headers: company.headers })).json();
    expect(mine.items.filter((c: { id: string }) => c.id === caseId)).toHaveLength(1);
  });

  it('lets the bygglov case worker see it, and refuses a stale or missing If-Match and an illegal move', async () => {
    const inbox = (await app.inject({ url: '/api/cases?status=mottaget', headers: bygglov.headers })).json();
    expect(inbox.items.map((c: { id: string }) => c.id)).toContain(caseId);
    expect((await app.inject({ url: `/api/cases/${caseId}`, headers: almi.headers })).statusCode).toBe(404);
    const read = await app.inject({ url: `/api/cases/${caseId}`, headers: bygglov.headers });
    expect(read.statusCode).toBe(200);
    const etag = read.headers.etag as string;
    const move = (status: string, ifMatch?: string) =>
      app.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/status`,
        headers: { ...bygglov.writeHeaders, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
        payload: { status },
      });
    expect((await move('tilldelat')).statusCode).toBe(428);
    const illegal = await move('avslutat', etag);
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().code).toBe('illegal_transition');
    const assigned = await move('tilldelat', etag);
    expect(assigned.statusCode).toBe(200);
    const stale = await move('pagar', etag);
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('precondition_failed');
    version = assigned.json().version;
  });

  it('keeps the internal note from the company and shows the message', async () => {
    await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/notes`,
      headers: bygglov.writeHeaders,
      payload: { body: 'INTERNT: kontrollera detaljplanen' },
    });
    const message = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/messages`,
      headers: bygglov.writeHeaders,
      payload: { body: 'Skicka gärna en ritning över lokalen.' },
    });
    expect(message.statusCode).toBe(201);
    const seen = await app.inject({ url: `/api/my/cases/${caseId}`, headers: company.headers });
    expect(seen.payload).not.toContain('INTERNT');
    expect(seen.payload).toContain('Skicka gärna en ritning');
  });

  it('takes the company’s document, refuses a wrong type and a disguised file, and strips directories from the name', async () => {
    const upload = (name: string, type: string, body: Buffer) =>
      app.inject({
        method: 'POST',
        url: `/api/my/cases/${caseId}/documents?name=${encodeURIComponent(name)}`,
        headers: { ...company.writeHeaders, 'content-type': type },
        payload: body,
      });
    expect((await upload('virus.exe', 'application/x-msdownload', Buffer.from('MZ'))).statusCode).toBe(415);
    expect((await upload('fake.pdf', 'application/pdf', Buffer.from('not a pdf'))).statusCode).toBe(415);
    const ok = await upload('../../etc/ritning.pdf', 'application/pdf', PDF);
    expect(ok.statusCode).toBe(201);
    const doc = ok.json().documents[0];
    expect(doc.fileName).toBe('ritning.pdf');
    const download = await app.inject({ url: `/api/cases/${caseId}/documents/${doc.id}`, headers: bygglov.headers });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
  });

  it('lets the coordinator split the case into parts that the miljö unit then sees and handles', async () => {
    const before = (await app.inject({ url: '/api/cases?limit=50', headers: miljo.headers })).json();
    expect(before.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/cases/${caseId}/parts`,
          headers: bygglov.writeHeaders,
          payload: { parts: [{ offeringId: 'botkyrka-kommun-livsmedelsregistrering' }] },
        })
      ).statusCode,
    ).toBe(403);
    const split = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/parts`,
      headers: coordinator.writeHeaders,
      payload: {
        parts: [
          { offeringId: 'botkyrka-kommun-livsmedelsregistrering' },
          { offeringId: 'sodertorns-brandforsvarsforbund-brandfarlig-vara' },
        ],
      },
    });
    expect(split.statusCode).toBe(201);
    const parts = split.json().parts;
    expect(parts.map((p: { organisation: { id: string } }) => p.organisation.id).sort()).toEqual([
      'botkyrka-kommun',
      'sodertorns-brandforsvarsforbund',
    ]);
    const viaPart = await app.inject({ url: `/api/cases/${caseId}`, headers: miljo.headers });
    expect(viaPart.statusCode).toBe(200);
    // The bygglov case is in the miljö unit's inbox through its part, and not before the split.
    const miljoInbox = (await app.inject({ url: '/api/cases?limit=50', headers: miljo.headers })).json();
    expect(miljoInbox.items.map((c: { id: string }) => c.id)).toContain(caseId);
    const part = parts.find((p: { organisation: { id: string } }) => p.organisation.id === 'botkyrka-kommun');
    const moved = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/parts/${part.id}/status`,
      headers: { ...miljo.writeHeaders, 'if-match': `W/"${part.version}"` },
      payload: { status: 'pagar' },
    });
    expect(moved.statusCode).toBe(200);
    const company_ = (await app.inject({ url: `/api/my/cases/${caseId}`, headers: company.headers })).json();
    const statuses = Object.fromEntries(
      company_.parts.map((p: { organisation: { id: string }; status: { code: string } }) => [
        p.organisation.id,
        p.status.code,
      ]),
    );
    expect(statuses).toEqual({ 'botkyrka-kommun': 'pagar', 'sodertorns-brandforsvarsforbund': 'mottaget' });
  });

  it('refuses a full referral without consent, then refers after the company consents; the receiver sees it from then on', async () => {
    const refer = () =>
      app.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/referrals`,
        headers: bygglov.writeHeaders,
        payload: { toOfferingId: 'business-sweden-exportradgivning', mode: 'full' },
      });
    const refused = await refer();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('consent_missing');
    expect((await app.inject({ url: `/api/cases/${caseId}`, headers: businessSweden.headers })).statusCode).toBe(404);

    const consent = await app.inject({
      method: 'POST',
      url: `/api/my/cases/${caseId}/consents`,
      headers: company.writeHeaders,
      payload: { organisationId: 'business-sweden', purpose: 'Hela ärendet, för råd om export av våra bakverk' },
    });
    expect(consent.statusCode).toBe(201);
    expect(consent.json().consents[0].givenAt).toBeTruthy();
    const inboxBefore = (await app.inject({ url: '/api/cases', headers: businessSweden.headers })).json();
    expect(inboxBefore.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
    expect((await refer()).statusCode).toBe(201);
    const inboxAfter = (await app.inject({ url: '/api/cases', headers: businessSweden.headers })).json();
    expect(inboxAfter.items.map((c: { id: string }) => c.id)).toContain(caseId);
    const received = await app.inject({ url: `/api/cases/${caseId}`, headers: businessSweden.headers });
    expect(received.statusCode).toBe(200);
    const kinds = received.json().timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('referral');
    expect(kinds).not.toContain('submitted');
    expect(received.payload).not.toContain('INTERNT');
  });

  it('sends only an anonymous inquiry without consent', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/referrals`,
      headers: bygglov.writeHeaders,
      payload: {
        toOfferingId: 'almi-malardalen-foretagslan',
        mode: 'anonymous',
        inquiry: 'Kan ett café få lån för ombyggnad?',
      },
    });
    expect(res.statusCode).toBe(201);
    expect((await app.inject({ url: `/api/cases/${caseId}`, headers: almi.headers })).statusCode).toBe(404);
    const inquiries = (await app.inject({ url: '/api/referrals/anonymous', headers: almi.headers })).json();
    expect(inquiries.map((i: { inquiry: string }) => i.inquiry)).toContain('Kan ett café få lån för ombyggnad?');
    expect(JSON.stringify(inquiries)).not.toContain('Tumba Bageri');
  });

  it('exports the inbox as CSV and XLSX with the diarienummer', async () => {
    const csv = await app.inject({ url: '/api/cases/export.csv', headers: bygglov.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const diarienummer = (await app.inject({ url: `/api/cases/${caseId}`, headers: bygglov.headers })).json()
      .diarienummer;
    expect(csv.payload).toContain(diarienummer);
    const xlsx = await app.inject({ url: '/api/cases/export.xlsx', headers: bygglov.headers });
    const sheet = strFromU8(unzipSync(new Uint8Array(xlsx.rawPayload))['xl/worksheets/sheet1.xml'] as Uint8Array);
    expect(sheet).toContain(diarienummer);
  });

  it('archives only a closed case, as a package with the case file, records and appendices', async () => {
    const early = await app.inject({ url: `/api/cases/${caseId}/archive`, headers: bygglov.headers });
    expect(early.statusCode).toBe(409);
    let current = await app.inject({ url: `/api/cases/${caseId}`, headers: bygglov.headers });
    for (const status of ['pagar', 'avslutat']) {
      current = await app.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/status`,
        headers: { ...bygglov.writeHeaders, 'if-match': current.headers.etag as string },
        payload: { status },
      });
      expect(current.statusCode).toBe(200);
    }
    const archive = await app.inject({ url: `/api/cases/${caseId}/archive`, headers: bygglov.headers });
    expect(archive.statusCode).toBe(200);
    const files = unzipSync(new Uint8Array(archive.rawPayload));
    const meta = JSON.parse(strFromU8(files['metadata/arende.json'] as Uint8Array));
    expect(meta.caseFile.registrationNumber).toMatch(/^BOT /);
    expect(meta.caseFile.records.length).toBeGreaterThan(3);
    expect(meta.caseFile.appendices[0].fileName).toBe('ritning.pdf');
    expect(Object.keys(files).some((f) => f.startsWith('representations/rep1/data/'))).toBe(true);
    expect(strFromU8(files['manifest-sha256.txt'] as Uint8Array)).toContain('metadata/arende.json');
    expect(version).toBeGreaterThan(1);
  });

  it('lets the organisation admin find every staff read of the case in the audit log', async () => {
    const res = await app.inject({
      url: `/api/admin/audit?entityId=${caseId}&action=case.read`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    const actors = new Set(res.json().map((e: { actorId: string }) => e.actorId));
    expect(actors.has(bygglov.userId)).toBe(true);
    expect(actors.has(businessSweden.userId)).toBe(true);
  });

  it('lists the colleagues to assign to, and refuses a handler who would not see the case (problem+json)', async () => {
    const submitted = await submit('cafe-tumba-assign-0001');
    expect(submitted.statusCode).toBe(201);
    const id = submitted.json().case.id as string;
    const colleagues = await app.inject({ url: '/api/cases/assignees', headers: bygglov.headers });
    expect(colleagues.statusCode).toBe(200);
    const names = colleagues.json().items.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['Jonas Ek', 'Anders Nyström']));
    expect(names).not.toContain('Leila Karimi'); // miljö, not bygglov
    expect(names).not.toContain('Per Holm'); // Almi

    const assign = (assigneeId: string) =>
      app.inject({
        method: 'POST',
        url: '/api/cases/assign',
        headers: bygglov.writeHeaders,
        payload: { caseIds: [id], assigneeId },
      });
    const refused = await assign(miljo.userId);
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'assigneeId' }] });
    const unchanged = await app.inject({ url: `/api/cases/${id}`, headers: bygglov.headers });
    expect(unchanged.json().assigneeId).toBeNull();

    const given = await assign(admin.userId);
    expect(given.statusCode).toBe(200);
    expect(given.json()).toEqual({ assigned: 1 });
    const assigned = await app.inject({ url: `/api/cases/${id}`, headers: bygglov.headers });
    expect(assigned.json().assigneeId).toBe(admin.userId);
  });
});
