import type { App, AppDeps } from '../../http/types.js';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/**
 * The demo's mailbox: every e-mail Lotsen sent, as received by its local SMTP server. Registered
 * only when that server runs (no SMTP_URL, never in production).
 */
export function mailboxRoutes(app: App, { mailbox }: AppDeps) {
  if (!mailbox) return;
  app.get('/dev/mailbox', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    const items = [...mailbox.messages]
      .reverse()
      .map(
        (m) => `<article><h2>${escape(m.subject)}</h2>
<p><strong>Till:</strong> ${escape(m.to.join(', '))} · <strong>Från:</strong> ${escape(m.from)} · <time datetime="${m.receivedAt}">${escape(m.receivedAt)}</time></p>
<pre>${escape(m.text)}</pre></article>`,
      )
      .join('\n');
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demobrevlåda – Lotsen</title></head>
<body><main><h1>Demobrevlåda</h1>
<p>E-post som Lotsen har skickat i demoläge (${mailbox.messages.length} st). Ladda om sidan för att se nya brev.</p>
${items || '<p>Inga brev ännu.</p>'}
</main></body></html>`);
  });
}
