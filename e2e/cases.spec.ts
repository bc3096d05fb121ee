import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../test/support/databases.js';
import { expectNoAxeViolations, launchBrowser, newPage } from './support/browser.js';
import { h1, open, settle } from './support/pages.js';
import { type RunningServer, startServer } from './support/server.js';

const NEED =
  'Vi ska bygga om en lokal i Tumba till restaurang och behöver bygglov för ny fasad, skylt och uteservering.';
const BYGGLOV = 'Bygglov, rivningslov och skyltlov i Botkyrka';
const ALMI = 'Almi Företagspartner Stockholm Sörmland';
const ALMI_LOAN = `${ALMI} – Företagslån från Almi i Stockholm och Sörmland`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Signs in through the development provider's login page, as a person would. */
async function signIn(page: Page, as: 'company' | 'staff', name: RegExp, returnTo: string, base: string) {
  await page.goto(`/auth/login?as=${as}&returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole('button', { name }).click();
  await page.waitForURL(`${base}${returnTo}`);
  await settle(page);
}

/** Describes the need on the front door and chooses the bygglov offering in Botkyrka. */
async function chooseBygglov(page: Page) {
  await open(page, '/');
  await page.fill('#need', NEED);
  await page.fill('#municipality', 'Botkyrka');
  await page.getByRole('button', { name: 'Visa stöd som passar' }).click();
  await page.locator('#results-heading').waitFor();
  await page.getByRole('button', { name: `Välj ${BYGGLOV}` }).click();
  await page.getByRole('heading', { level: 1, name: 'Skicka in ditt ärende' }).waitFor();
  await settle(page);
}

/** The follow link from the acknowledgement e-mail, read on the demo mailbox page. */
async function followLinkFromMailbox(page: Page, email: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    await page.goto('/dev/mailbox');
    const articles = await page.locator('article').allTextContents();
    const mail = articles.find((text) => text.includes(email) && text.includes('/folj/'));
    const link = mail?.match(/https?:\/\/\S+\/folj\/[A-Za-z0-9_-]{43}/)?.[0];
    if (link) return new URL(link).pathname;
    await page.waitForTimeout(200);
  }
  throw new Error(`no follow link for ${email} in the demo mailbox`);
}

/** Waits for a form's announced outcome. */
async function said(page: Page, text: string | RegExp) {
  await page.getByText(text).first().waitFor();
}

const timeline = (page: Page) => page.locator('.timeline');

for (const engine of engines()) {
  describe(`cases in Chromium: submit, handle, split, refer with consent, follow (${engine})`, () => {
    let server: RunningServer;
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startServer(engine, { mail: true });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('takes a case from the front door through handling, parts, a consented referral and replies to closing', async () => {
      // --- The company, not signed in, submits through the front door.
      const company = await newPage(browser, server.url);
      const c = company.page;
      await chooseBygglov(c);
      expect(await h1(c)).toEqual(['Skicka in ditt ärende']);
      expect(await c.inputValue('#case-description')).toBe(NEED);
      expect(await c.inputValue('#case-municipality')).toBe('Botkyrka');
      expect(await c.locator('#case-verification-note').textContent()).toContain('personlig länk');
      await expectNoAxeViolations(c, 'submit form');

      await c.getByRole('button', { name: 'Skicka in ärendet' }).click();
      await said(c, 'Skriv företagets namn.');
      expect(await c.evaluate(() => document.activeElement?.id)).toBe('case-company');
      expect(await c.getAttribute('#case-company', 'aria-describedby')).toContain('case-company-error');
      await expectNoAxeViolations(c, 'submit form (errors)');

      await c.getByLabel('Företagets namn').fill('Tumba Pizzeria AB');
      await c.getByLabel('Ditt namn').fill('Sara Nilsson');
      await c.getByLabel('Din e-postadress').fill('sara@example.se');

      // The first answer is lost on the way back: the retry must carry the same Idempotency-Key.
      const keys: string[] = [];
      c.on('request', (r) => {
        if (r.url().endsWith('/api/cases') && r.method() === 'POST') keys.push(r.headers()['idempotency-key'] ?? '');
      });
      await c.route(
        '**/api/cases',
        async (route) => {
          await route.fetch();
          await route.abort('connectionreset');
        },
        { times: 1 },
      );
      await c.getByRole('button', { name: 'Skicka in ärendet' }).click();
      await said(c, 'Det gick inte att nå Lotsen');
      const replayed = c.waitForResponse((r) => r.url().endsWith('/api/cases'));
      await c.getByRole('button', { name: 'Skicka in ärendet' }).click();
      expect((await replayed).status()).toBe(200); // the first case, replayed
      expect(keys).toHaveLength(2);
      expect(keys[0]).toMatch(/.{8,}/);
      expect(keys[1]).toBe(keys[0]);

      await c.getByRole('heading', { level: 1, name: 'Ditt ärende är skickat' }).waitFor();
      await c.waitForFunction(() => document.activeElement?.tagName === 'H1');
      const diarienummer = (await c.locator('.receipt__diarienummer').textContent()) ?? '';
      expect(diarienummer).toMatch(/^BOT \d{4}\/\d{5}$/);
      const receipt = (await c.locator('main').textContent()) ?? '';
      expect(receipt).toContain('Vad händer nu?');
      expect(receipt).toContain('sara@example.se');
      expect(receipt).toContain('Svar senast');
      await expectNoAxeViolations(c, 'receipt');

      // --- The follow link from the e-mail verifies the address and shows the company's view.
      const followPath = await followLinkFromMailbox(c, 'sara@example.se');
      await open(c, followPath);
      expect(await h1(c)).toEqual([BYGGLOV]);
      expect(await c.locator('.facts').textContent()).toContain(diarienummer);
      expect(await timeline(c).textContent()).toContain('E-postadressen bekräftades');
      await expectNoAxeViolations(c, '/folj/… (company view)');

      // --- The case worker at Botkyrka bygglov signs in, takes the case, writes and notes.
      const jonas = await newPage(browser, server.url);
      const j = jonas.page;
      await signIn(j, 'staff', /Jonas Ek/, '/handlaggning', server.url);
      expect(await h1(j)).toEqual(['Handläggning']);
      await j.getByLabel('Handläggare').selectOption('none');
      await j.getByRole('button', { name: 'Visa ärenden' }).click();
      await j.waitForURL(/handlaggare=none/);
      const row = j.getByRole('row', { name: new RegExp(diarienummer) });
      await row.waitFor();
      await expectNoAxeViolations(j, '/handlaggning');
      await row.getByLabel(`Markera ${diarienummer}`).check();
      await j.getByRole('button', { name: 'Tilldela mig markerade (1)' }).click();
      await said(j, 'Ett ärende är tilldelat dig.');
      await j.getByRole('link', { name: 'Rensa filter' }).click();
      await j.getByRole('row', { name: new RegExp(`${diarienummer}.*Du`) }).waitFor();

      await j.getByRole('link', { name: diarienummer }).click();
      await j.getByRole('heading', { level: 1, name: new RegExp(diarienummer) }).waitFor();
      await settle(j);
      expect(await j.locator('.facts').textContent()).toContain('Tumba Pizzeria AB');
      await expectNoAxeViolations(j, '/handlaggning/:id');

      await j.getByLabel('Meddelande', { exact: true }).fill('Hej! Vi behöver en ritning över den nya fasaden.');
      await j.getByRole('button', { name: 'Skicka till företaget' }).click();
      await said(j, 'Meddelandet är skickat till företaget.');
      await j.getByLabel('Anteckning', { exact: true }).fill('Ring sökanden om skylten innan beslut.');
      await j.getByRole('button', { name: 'Spara intern anteckning' }).click();
      await said(j, 'Anteckningen är sparad.');
      const note = j.locator('.timeline__item--internal', { hasText: 'Ring sökanden' });
      expect(await note.textContent()).toContain('Internt – syns inte för företaget');
      expect(await j.locator('.timeline__item--message').textContent()).toContain('Inte läst av företaget ännu');

      // --- The company sends the drawing; meanwhile the worker's page is one version behind.
      await open(c, followPath);
      expect(await timeline(c).textContent()).toContain('Vi behöver en ritning');
      expect(await timeline(c).textContent()).not.toContain('Ring sökanden'); // internal notes never reach it
      await c.getByLabel('Välj fil').setInputFiles({ name: 'fasad.pdf', mimeType: 'application/pdf', buffer: PDF });
      await c.getByRole('button', { name: 'Skicka dokumentet' }).click();
      await said(c, 'fasad.pdf är uppladdat.');

      await j.getByLabel('Ny status', { exact: true }).selectOption('pagar');
      await j.getByRole('button', { name: 'Ändra status' }).click();
      await said(j, 'Någon annan har ändrat ärendet sedan du öppnade sidan.');
      await j.locator('.document-list').getByText('fasad.pdf').waitFor(); // the page shows the new state
      await j.getByLabel('Ny status', { exact: true }).selectOption('pagar');
      await j.getByLabel('Kommentar till företaget (frivilligt)').fill('Vi har börjat granska ritningen.');
      await j.getByRole('button', { name: 'Ändra status' }).click();
      await said(j, 'Ärendet har nu status Pågår.');
      expect(await j.locator('.timeline__item--message').textContent()).toMatch(/Läst av företaget/);
      const download = await j.evaluate(async () => {
        const href = document.querySelector('.document-list a')?.getAttribute('href') ?? '';
        const res = await fetch(href);
        return { status: res.status, type: res.headers.get('content-type') };
      });
      expect(download).toEqual({ status: 200, type: 'application/pdf' });

      // --- The coordinator splits the case into parallel parts.
      const karin = await newPage(browser, server.url);
      const k = karin.page;
      const casePath = new URL(j.url()).pathname;
      await signIn(k, 'staff', /Karin Sjöberg/, casePath, server.url);
      await k.getByRole('heading', { level: 3, name: 'Dela upp ärendet' }).waitFor();
      await settle(k);
      for (const offering of [
        'Registrering av livsmedelsverksamhet i Botkyrka',
        'Tillstånd för brandfarlig och explosiv vara på Södertörn',
        'Serveringstillstånd i Botkyrka',
      ])
        await k.getByLabel(new RegExp(`^${offering}`)).check();
      await k.getByRole('button', { name: 'Skapa 3 delar' }).click();
      await said(k, '3 delar är skapade.');
      expect(await k.locator('.part').count()).toBe(3);
      await expectNoAxeViolations(k, '/handlaggning/:id (coordinator, parts)');
      const livsmedel = k.locator('.part', { hasText: 'Registrering av livsmedelsverksamhet' });
      await livsmedel.getByLabel(/^Ny status för/).selectOption('tilldelat');
      await livsmedel.getByRole('button', { name: /Ändra/ }).click();
      await said(k, 'Registrering av livsmedelsverksamhet i Botkyrka har nu status Tilldelat.');

      // --- The company sees one case with its parts, and consents to Almi.
      await open(c, followPath);
      const parts = c.locator('table', { has: c.getByText('Delar av ärendet') });
      expect(await parts.locator('tbody tr').count()).toBe(3);
      expect(await parts.textContent()).toContain('Södertörns brandförsvarsförbund');
      await c.getByLabel('Till vilken organisation får ärendet lämnas?').selectOption({ label: ALMI });
      await c.getByRole('button', { name: 'Ge samtycke' }).click();
      await said(c, `Du har gett samtycke till ${ALMI}.`);
      const consents = c.getByRole('table', { name: 'Samtycken du har gett' });
      expect(await consents.textContent()).toContain('kontaktuppgifter och dokument');
      await expectNoAxeViolations(c, '/folj/… (parts and consent)');

      // --- The worker refers the whole case to Almi: the consent allows it.
      await j.reload();
      await settle(j);
      expect(await j.locator('.consent-list').textContent()).toContain(ALMI);
      await j.getByLabel('Till vilket erbjudande?').selectOption({ label: ALMI_LOAN });
      await j.getByRole('button', { name: 'Lämna över ärendet' }).click();
      await said(j, `Ärendet är lämnat till ${ALMI}.`);

      // --- The company follows and replies.
      await open(c, followPath);
      expect(await timeline(c).textContent()).toContain('Ärendet lämnades vidare');
      await c.getByLabel('Ditt meddelande').fill('Tack! Resten av ritningarna kommer i morgon.');
      await c.getByRole('button', { name: 'Skicka meddelandet' }).click();
      await said(c, 'Ditt meddelande är skickat.');

      // --- The worker reads the reply and closes the case.
      await j.reload();
      await settle(j);
      expect(await timeline(j).textContent()).toContain('Svar från Sara Nilsson');
      await j.getByLabel('Ny status', { exact: true }).selectOption('avslutat');
      await j.getByRole('button', { name: 'Ändra status' }).click();
      await said(j, 'Ärendet har nu status Avslutat.');
      await j.getByText('Ärendet är avslutat; statusen kan inte ändras.').waitFor();

      // The closed case leaves the worker's list of open cases; "Avslutade ärenden" shows it.
      await Promise.all([j.waitForResponse((r) => r.url().includes('/api/cases?')), open(j, '/handlaggning')]);
      await settle(j);
      expect(await j.getByRole('row', { name: new RegExp(diarienummer) }).count()).toBe(0);
      await j.getByLabel('Visa', { exact: true }).selectOption('closed');
      await j.getByRole('button', { name: 'Visa ärenden' }).click();
      await j.waitForURL(/visa=avslutade/);
      await j.getByRole('row', { name: new RegExp(diarienummer) }).waitFor();
      await expectNoAxeViolations(j, '/handlaggning?visa=avslutade');

      await open(c, followPath);
      expect(await c.locator('.facts').textContent()).toContain('Avslutat');
      expect(await c.getByRole('heading', { name: 'Skriv till handläggaren' }).count()).toBe(0);
      expect(await c.getByRole('heading', { name: 'Återkalla ärendet' }).count()).toBe(0);
      await expectNoAxeViolations(c, '/folj/… (closed)');

      // The status changes and the message reached the company by e-mail too.
      const subjects = (server.mailbox?.messages ?? [])
        .filter((m) => m.to.includes('sara@example.se'))
        .map((m) => m.subject);
      expect(subjects.some((s) => s.startsWith('Ny status: Avslutat'))).toBe(true);
      expect(subjects.some((s) => s.startsWith('Nytt meddelande'))).toBe(true);
      expect(subjects.filter((s) => s.startsWith('Bekräfta ditt ärende'))).toHaveLength(1); // one case, not two

      for (const session of [company, jonas, karin]) {
        expect(session.problems).toEqual([]);
        await session.context.close();
      }
    }, 240_000);

    it('lets a signed-in company submit for its company, follow it under Mina ärenden, consent, revoke and withdraw', async () => {
      const { context, page, problems } = await newPage(browser, server.url);
      await signIn(page, 'company', /Amira Haddad/, '/', server.url);
      await chooseBygglov(page);
      expect(await page.locator('main').textContent()).toContain(
        'Ärendet skickas in för Tumba Bageri AB (5599000014).',
      );
      expect(await page.locator('#case-verification-note').count()).toBe(0);
      expect(await page.inputValue('#case-contact-email')).toBe('amira@example.se');
      await page.getByRole('button', { name: 'Skicka in ärendet' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ditt ärende är skickat' }).waitFor();
      const diarienummer = (await page.locator('.receipt__diarienummer').textContent()) ?? '';

      await page.getByRole('link', { name: 'Mina ärenden' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mina ärenden' }).waitFor();
      await settle(page);
      await page.getByRole('row', { name: new RegExp(diarienummer) }).waitFor();
      await expectNoAxeViolations(page, '/mina-arenden');

      await page.getByRole('link', { name: diarienummer }).click();
      await page.getByRole('heading', { level: 1, name: BYGGLOV }).waitFor();
      await settle(page);
      await expectNoAxeViolations(page, '/mina-arenden/:id');

      await page.getByLabel('Till vilken organisation får ärendet lämnas?').selectOption({ label: ALMI });
      await page.getByRole('button', { name: 'Ge samtycke' }).click();
      await said(page, `Du har gett samtycke till ${ALMI}.`);
      await page.getByRole('button', { name: `Återkalla samtycket ${ALMI}` }).click();
      await said(page, `Samtycket till ${ALMI} är återkallat.`);
      expect(await page.getByRole('table', { name: 'Samtycken du har gett' }).textContent()).toContain('Återkallat');

      // With the keyboard: the question takes focus, "no" gives it back, "yes" withdraws.
      await page.getByRole('button', { name: 'Återkalla ärendet' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.textContent === 'Ja, återkalla ärendet');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.textContent === 'Återkalla ärendet');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.textContent === 'Ja, återkalla ärendet');
      const withdraw = page.waitForRequest((r) => r.url().endsWith('/withdraw'));
      await page.keyboard.press('Enter');
      expect((await withdraw).headers()['if-match']).toMatch(/^W\/"\d+"$/);
      await page.locator('.facts', { hasText: 'Återkallat' }).waitFor();
      expect(await timeline(page).textContent()).toContain('Företaget återkallade ärendet');
      expect(problems).toEqual([]);
      await context.close();
    }, 120_000);

    it('blocks a full referral when the company refused consent, with the Swedish message, and allows an anonymous inquiry', async () => {
      // The company revoked the consent it gave: a refused consent.
      const amira = await newPage(browser, server.url);
      await signIn(amira.page, 'company', /Amira Haddad/, '/', server.url);
      const created = await amira.page.evaluate(async () => {
        const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
        const headers = { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken };
        const res = await fetch('/api/cases', {
          method: 'POST',
          headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
          body: JSON.stringify({
            offeringId: 'botkyrka-kommun-bygglov',
            description: 'Vi vill sätta upp en ny skylt på bageriet.',
            municipality: '0127',
            contact: { name: 'Amira Haddad', email: 'amira@example.se' },
          }),
        });
        const body = (await res.json()) as { case: { id: string; diarienummer: string } };
        return body.case;
      });
      await open(amira.page, `/mina-arenden/${created.id}`);
      await amira.page.getByLabel('Till vilken organisation får ärendet lämnas?').selectOption({ label: ALMI });
      await amira.page.getByRole('button', { name: 'Ge samtycke' }).click();
      await said(amira.page, `Du har gett samtycke till ${ALMI}.`);
      await amira.page.getByRole('button', { name: `Återkalla samtycket ${ALMI}` }).click();
      await said(amira.page, `Samtycket till ${ALMI} är återkallat.`);

      const jonas = await newPage(browser, server.url);
      const j = jonas.page;
      await signIn(j, 'staff', /Jonas Ek/, `/handlaggning/${created.id}`, server.url);
      await j.getByRole('heading', { level: 1, name: new RegExp(created.diarienummer) }).waitFor();
      await settle(j);
      await j.getByLabel('Till vilket erbjudande?').selectOption({ label: ALMI_LOAN });
      await j.getByLabel('Hela ärendet (kräver företagets samtycke)').check();
      await j.getByRole('button', { name: 'Lämna över ärendet' }).click();
      const refused = j.getByRole('alert').filter({ hasText: 'Företaget har inte samtyckt' });
      await refused.waitFor();
      expect(await refused.textContent()).toBe(
        'Företaget har inte samtyckt till att ärendet lämnas till den organisationen. Be företaget om samtycke, eller skicka en anonym förfrågan utan företagets uppgifter.',
      );
      await expectNoAxeViolations(j, '/handlaggning/:id (consent missing)');
      expect(await j.getByText(`Hela ärendet lämnat till ${ALMI}`).count()).toBe(0);

      await j.getByLabel('En anonym förfrågan (utan företagets namn eller personuppgifter)').check();
      await j.getByLabel('Din fråga').fill('Kan ett nystartat bageri få lån till en ny skylt och fasad?');
      await j.getByRole('button', { name: 'Skicka anonym förfrågan' }).click();
      await said(j, `Den anonyma förfrågan är skickad till ${ALMI}.`);
      expect(await j.locator('.timeline__item--internal', { hasText: 'Anonym förfrågan skickad' }).count()).toBe(1);

      for (const session of [amira, jonas]) {
        expect(session.problems).toEqual([]);
        await session.context.close();
      }
    }, 120_000);

    it('assigns cases to a colleague, in bulk from the inbox and from the case page, and filters by them', async () => {
      // Amira's company submits two cases (signed in: no e-mail verification to wait for).
      const amira = await newPage(browser, server.url);
      await signIn(amira.page, 'company', /Amira Haddad/, '/', server.url);
      const created = await amira.page.evaluate(async () => {
        const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
        const made: { id: string; diarienummer: string }[] = [];
        for (const what of ['ett nytt skärmtak', 'en ny skylt mot gatan', 'en utökad uteservering']) {
          const res = await fetch('/api/cases', {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-csrf-token': me.csrfToken,
              'idempotency-key': crypto.randomUUID(),
            },
            body: JSON.stringify({
              offeringId: 'botkyrka-kommun-bygglov',
              description: `Vi behöver bygglov för ${what} vid bageriet.`,
              municipality: '0127',
              contact: { name: 'Amira Haddad', email: 'amira@example.se' },
            }),
          });
          made.push(((await res.json()) as { case: { id: string; diarienummer: string } }).case);
        }
        return made;
      });
      await amira.context.close();
      const [first, second, third] = created as [(typeof created)[0], (typeof created)[0], (typeof created)[0]];

      // Jonas Ek (bygglov) gives two to Anders Nyström (the organisation's admin, who handles cases too).
      const { context, page, problems } = await newPage(browser, server.url);
      await signIn(page, 'staff', /Jonas Ek/, '/handlaggning?handlaggare=none', server.url);
      await page.getByRole('row', { name: new RegExp(second.diarienummer) }).waitFor();
      await page.getByLabel(`Markera ${first.diarienummer}`).check();
      await page.getByLabel(`Markera ${second.diarienummer}`).check();
      await page.getByRole('button', { name: 'Tilldela (2)' }).click();
      await said(page, 'Välj vem ärendena ska tilldelas först.');
      const choices = await page.locator('#bulk-assignee option').allTextContents();
      expect(choices).toContain('Anders Nyström');
      expect(choices).not.toContain('Leila Karimi'); // miljö: not a bygglov handler
      expect(choices).not.toContain('Jonas Ek'); // himself: the button beside it
      await page.getByLabel('Tilldela markerade till').selectOption({ label: 'Anders Nyström' });
      await page.getByRole('button', { name: 'Tilldela (2)' }).click();
      await said(page, '2 ärenden är tilldelade Anders Nyström.');
      await expectNoAxeViolations(page, '/handlaggning (assigned to a colleague)');

      await page.getByLabel('Handläggare', { exact: true }).selectOption({ label: 'Anders Nyström' });
      await page.getByRole('button', { name: 'Visa ärenden' }).click();
      await page.waitForURL(/handlaggare=[0-9a-f-]{36}/);
      await page.getByRole('row', { name: new RegExp(`${first.diarienummer}.*Anders Nyström`) }).waitFor();
      await page.getByRole('row', { name: new RegExp(`${second.diarienummer}.*Anders Nyström`) }).waitFor();
      expect(await page.getByRole('row', { name: new RegExp(third.diarienummer) }).count()).toBe(0);

      // The third from its page.
      await open(page, `/handlaggning/${third.id}`);
      await page.getByLabel('Tilldela en kollega').selectOption({ label: 'Anders Nyström' });
      await page.getByRole('button', { name: 'Tilldela', exact: true }).click();
      await said(page, 'Ärendet är tilldelat Anders Nyström.');
      expect(await page.locator('.facts').textContent()).toContain('Anders Nyström');
      expect(await timeline(page).textContent()).toContain('Ärendet tilldelades Anders Nyström');
      await expectNoAxeViolations(page, '/handlaggning/:id (assigned to a colleague)');
      expect(problems).toEqual([]);
      await context.close();
    }, 120_000);

    it('says so when a follow link is not valid, and shows the inbox in English', async () => {
      const { context, page, problems } = await newPage(browser, server.url, { language: 'en' });
      await open(page, `/folj/${'x'.repeat(43)}`);
      expect(await h1(page)).toEqual(['Follow the case']);
      await page.getByText('The link is not valid.').waitFor();
      await expectNoAxeViolations(page, '/folj/invalid (en)');
      await signIn(page, 'staff', /Jonas Ek/, '/handlaggning', server.url);
      expect(await h1(page)).toEqual(['Case handling']);
      await page.getByRole('row').nth(1).waitFor();
      await expectNoAxeViolations(page, '/handlaggning (en)');
      expect(problems).toEqual([]);
      await context.close();
    }, 60_000);
  });
}
