import { type FormEvent, useId, useState } from 'react';
import type { OfferingResponse, OrganisationResponse } from '../../../contracts/catalogue.js';
import { errorMessage, LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { pickLocalised } from '../../i18n/language.js';
import { ApiError, type ListResponse } from '../../lib/api.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { send } from '../access/access-api.js';
import { SignInPanel } from '../access/SignInPanel.js';
import { administered } from '../access/staff-admin.js';
import { useMe } from '../access/use-me.js';
import {
  filterThesaurus,
  fromLines,
  type KnowledgeField,
  knowledgeErrors,
  problemField,
  type ThesaurusEntry,
  type ThesaurusField,
  thesaurusErrors,
  toLines,
} from './knowledge-form.js';

type Notice = { kind: 'success' | 'error'; text: string } | null;

/** The sentence for a failed save, and the fields the problem names. */
function useFailure() {
  const { t } = useI18n();
  return <F extends string>(error: unknown, fields: readonly F[]) => {
    const code = error instanceof ApiError ? error.code : 'unknown';
    const named = error instanceof ApiError ? error.errors.map((e) => problemField(e.field, fields)) : [];
    const invalid = [...new Set(named.filter((f): f is F => f !== null))];
    const text =
      invalid.length > 0 ? t.knowledge.checkFields : (t.knowledge.errors[code] ?? errorMessage(t.errors, code));
    return { text, invalid };
  };
}

/** Organisation admin: the words the front door routes by – offerings' keywords and situations, the thesaurus. */
export function KnowledgePage() {
  const { t } = useI18n();
  const me = useMe();
  useDocumentTitle(t.knowledge.title);

  if (me.state === 'loading') return <Loading />;
  if (me.state === 'error') return <LoadError error={me.error} onRetry={me.reload} level={1} />;
  if (me.state !== 'ok') {
    return (
      <>
        <h1>{t.knowledge.title}</h1>
        <SignInPanel returnTo={paths.knowledge} />
      </>
    );
  }
  const scope = administered(me.me);
  if (!scope.all && scope.organisationIds.length === 0) {
    return (
      <>
        <h1>{t.knowledge.title}</h1>
        <div className="notice" role="status">
          <p>{t.knowledge.notAdmin}</p>
        </div>
      </>
    );
  }
  return (
    <>
      <h1>{t.knowledge.title}</h1>
      <p className="lead">{t.knowledge.lead}</p>
      <Offerings scope={scope} />
      <Thesaurus />
    </>
  );
}

function Offerings({ scope }: { scope: { all: boolean; organisationIds: string[] } }) {
  const { t } = useI18n();
  const organisations = useApi<ListResponse<OrganisationResponse>>('/api/organisations?limit=100');
  const known = organisations.state === 'ok' ? organisations.data.items : [];
  const choices = scope.all ? known.map((o) => o.id) : scope.organisationIds;
  const [chosen, setChosen] = useState<string | null>(scope.organisationIds[0] ?? null);
  const organisationId = chosen ?? choices[0] ?? null;
  const offerings = useApi<ListResponse<OfferingResponse>>(
    organisationId === null ? null : `/api/offerings?provider=${encodeURIComponent(organisationId)}&limit=100`,
  );
  const nameOf = (id: string) => known.find((o) => o.id === id)?.name ?? id;

  if (organisationId === null)
    return organisations.state === 'error' ? <LoadError error={organisations.error} /> : <Loading />;
  return (
    <section aria-labelledby="offerings-heading">
      <h2 id="offerings-heading">{t.knowledge.offeringsHeading(nameOf(organisationId))}</h2>
      {choices.length > 1 && (
        <div className="field">
          <label htmlFor="knowledge-organisation">{t.knowledge.organisationLabel}</label>
          <select
            id="knowledge-organisation"
            className="select"
            value={organisationId}
            onChange={(e) => setChosen(e.target.value)}
          >
            {choices.map((id) => (
              <option key={id} value={id}>
                {nameOf(id)}
              </option>
            ))}
          </select>
        </div>
      )}
      {offerings.state === 'loading' && <Loading />}
      {offerings.state === 'error' && <LoadError error={offerings.error} onRetry={offerings.reload} />}
      {offerings.state === 'ok' && offerings.data.items.length === 0 && <p>{t.knowledge.noOfferings}</p>}
      {offerings.state === 'ok' &&
        offerings.data.items.map((offering) => <OfferingForm key={offering.id} offering={offering} />)}
    </section>
  );
}

function OfferingForm({ offering }: { offering: OfferingResponse }) {
  const { t, language } = useI18n();
  const fail = useFailure();
  const base = `offering-${offering.id}`;
  const title = pickLocalised(offering.title, language);
  const [form, setForm] = useState({
    keywords: fromLines(offering.keywords),
    situations: fromLines(offering.situations),
  });
  const [invalid, setInvalid] = useState<Partial<Record<KnowledgeField, true>>>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors = knowledgeErrors(form);
    setInvalid(errors);
    const first = (['keywords', 'situations'] as const).find((f) => errors[f]);
    if (first) {
      setNotice({ kind: 'error', text: t.knowledge.checkFields });
      document.getElementById(`${base}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const saved = await send<OfferingResponse>('PUT', `/api/offerings/${encodeURIComponent(offering.id)}/knowledge`, {
        keywords: toLines(form.keywords),
        situations: toLines(form.situations),
      });
      setForm({ keywords: fromLines(saved.keywords), situations: fromLines(saved.situations) });
      setNotice({ kind: 'success', text: t.knowledge.saved(title.text) });
    } catch (error) {
      const failure = fail(error, ['keywords', 'situations'] as const);
      setInvalid(Object.fromEntries(failure.invalid.map((f) => [f, true])));
      setNotice({ kind: 'error', text: failure.text });
    } finally {
      setBusy(false);
    }
  };

  const field = (name: KnowledgeField, label: string, hint: string) => {
    const id = `${base}-${name}`;
    const describedBy = invalid[name] ? `${id}-hint ${id}-error` : `${id}-hint`;
    return (
      <div className={`field${invalid[name] ? ' field--error' : ''}`}>
        <label htmlFor={id}>{label}</label>
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
        {invalid[name] && (
          <p className="field__error" id={`${id}-error`}>
            {t.knowledge.fieldErrors[name]}
          </p>
        )}
        <textarea
          id={id}
          className="textarea"
          rows={6}
          value={form[name]}
          aria-invalid={invalid[name] ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => setForm((f) => ({ ...f, [name]: e.target.value }))}
        />
      </div>
    );
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${base}-title`} data-offering={offering.id}>
      <fieldset className="fieldset fieldset--wide">
        <legend id={`${base}-title`} lang={title.lang === language ? undefined : title.lang}>
          {title.text}
        </legend>
        {field('keywords', t.knowledge.keywordsLabel, t.knowledge.keywordsHint)}
        {field('situations', t.knowledge.situationsLabel, t.knowledge.situationsHint)}
        <div aria-live="polite">
          {notice && (
            <div className={`notice notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
              <p>{notice.text}</p>
            </div>
          )}
        </div>
        <p className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t.knowledge.save}
            <span className="visually-hidden">{t.knowledge.saveFor(title.text)}</span>
          </button>
        </p>
      </fieldset>
    </form>
  );
}

const EMPTY = { id: '', phrases: '', terms: '' };

function Thesaurus() {
  const { t } = useI18n();
  const fail = useFailure();
  const entries = useApi<ThesaurusEntry[]>('/api/thesaurus');
  const [form, setForm] = useState(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<Partial<Record<ThesaurusField, true>>>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const filterId = useId();

  const startEdit = (entry: ThesaurusEntry) => {
    setEditing(entry.id);
    setForm({ id: entry.id, phrases: fromLines(entry.phrases), terms: fromLines(entry.terms) });
    setInvalid({});
    setNotice(null);
    document.getElementById('thesaurus-phrases')?.focus();
  };
  const stopEdit = () => {
    setEditing(null);
    setForm(EMPTY);
    setInvalid({});
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors = thesaurusErrors(form);
    setInvalid(errors);
    const first = (['id', 'phrases', 'terms'] as const).find((f) => errors[f]);
    if (first) {
      setNotice({ kind: 'error', text: t.knowledge.checkFields });
      document.getElementById(`thesaurus-${first}`)?.focus();
      return;
    }
    const id = form.id.trim();
    setBusy(true);
    try {
      await send<ThesaurusEntry>('PUT', `/api/thesaurus/${encodeURIComponent(id)}`, {
        phrases: toLines(form.phrases),
        terms: toLines(form.terms),
      });
      setNotice({ kind: 'success', text: t.knowledge.entrySaved(id) });
      stopEdit();
      setFilter(id);
      entries.reload();
    } catch (error) {
      const failure = fail(error, ['id', 'phrases', 'terms'] as const);
      setInvalid(Object.fromEntries(failure.invalid.map((f) => [f, true])));
      setNotice({ kind: 'error', text: failure.text });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string) => {
    if (!window.confirm(t.knowledge.confirmDelete(id))) return;
    try {
      await send('DELETE', `/api/thesaurus/${encodeURIComponent(id)}`);
      setNotice({ kind: 'success', text: t.knowledge.entryDeleted(id) });
      if (editing === id) stopEdit();
      entries.reload();
      document.getElementById(filterId)?.focus();
    } catch (error) {
      setNotice({ kind: 'error', text: fail(error, [] as const).text });
    }
  };

  const field = (name: ThesaurusField, label: string, hint: string) => {
    const id = `thesaurus-${name}`;
    const describedBy = invalid[name] ? `${id}-hint ${id}-error` : `${id}-hint`;
    const common = {
      id,
      value: form[name],
      'aria-invalid': invalid[name] ? true : undefined,
      'aria-describedby': describedBy,
    };
    return (
      <div className={`field${invalid[name] ? ' field--error' : ''}`}>
        <label htmlFor={id}>{label}</label>
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
        {invalid[name] && (
          <p className="field__error" id={`${id}-error`}>
            {t.knowledge.fieldErrors[name]}
          </p>
        )}
        {name === 'id' ? (
          <input
            {...common}
            className="input input--medium"
            autoComplete="off"
            spellCheck={false}
            readOnly={editing !== null}
            onChange={(e) => setForm((f) => ({ ...f, id: e.target.value }))}
          />
        ) : (
          <textarea
            {...common}
            className="textarea"
            rows={5}
            onChange={(e) => setForm((f) => ({ ...f, [name]: e.target.value }))}
          />
        )}
      </div>
    );
  };

  const all = entries.state === 'ok' ? entries.data : [];
  const shown = filterThesaurus(all, filter);

  return (
    <section aria-labelledby="thesaurus-heading">
      <h2 id="thesaurus-heading">{t.knowledge.thesaurusHeading}</h2>
      <p>{t.knowledge.thesaurusLead}</p>
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="thesaurus-form-heading">
        <fieldset className="fieldset fieldset--wide">
          <legend id="thesaurus-form-heading">
            {editing === null ? t.knowledge.addHeading : t.knowledge.editHeading(editing)}
          </legend>
          {field('id', t.knowledge.idLabel, t.knowledge.idHint)}
          {field('phrases', t.knowledge.phrasesLabel, t.knowledge.phrasesHint)}
          {field('terms', t.knowledge.termsLabel, t.knowledge.termsHint)}
          <p className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t.knowledge.saveEntry}
            </button>
            {editing !== null && (
              <button type="button" className="button button--secondary" onClick={stopEdit}>
                {t.knowledge.cancelEdit}
              </button>
            )}
          </p>
        </fieldset>
      </form>
      <div aria-live="polite">
        {notice && (
          <div className={`notice notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
            <p>{notice.text}</p>
          </div>
        )}
      </div>
      <div className="field">
        <label htmlFor={filterId}>{t.knowledge.filterLabel}</label>
        <p className="field__hint" id={`${filterId}-hint`}>
          {t.knowledge.filterHint}
        </p>
        <input
          id={filterId}
          className="input input--medium"
          type="search"
          autoComplete="off"
          value={filter}
          aria-describedby={entries.state === 'ok' ? `${filterId}-hint ${filterId}-count` : `${filterId}-hint`}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      {entries.state === 'loading' && <Loading />}
      {entries.state === 'error' && <LoadError error={entries.error} onRetry={entries.reload} />}
      {entries.state === 'ok' && (
        <>
          <p className="results__count" id={`${filterId}-count`} role="status">
            {t.knowledge.filterCount(shown.length, all.length)}
          </p>
          <table className="table">
            <caption>{t.knowledge.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.knowledge.columnId}</th>
                <th scope="col">{t.knowledge.columnPhrases}</th>
                <th scope="col">{t.knowledge.columnTerms}</th>
                <th scope="col">{t.knowledge.columnActions}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">{entry.id}</th>
                  <td lang="sv">{entry.phrases.join(', ')}</td>
                  <td lang="sv">{entry.terms.join(', ')}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={t.knowledge.rowAction(t.knowledge.edit, entry.id)}
                      onClick={() => startEdit(entry)}
                    >
                      {t.knowledge.edit}
                    </button>{' '}
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={t.knowledge.rowAction(t.knowledge.delete, entry.id)}
                      onClick={() => void remove(entry.id)}
                    >
                      {t.knowledge.delete}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
