import { type FormEvent, useId, useState } from 'react';
import type { MatchSuggestion, OwnProfile } from '../../../contracts/matchmaking.js';
import { MunicipalityInput } from '../../components/MunicipalityInput.js';
import { errorMessage, LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import type { Messages } from '../../i18n/sv.js';
import { ApiError, type ListResponse } from '../../lib/api.js';
import { useRegions } from '../../lib/regions.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { send } from '../access/access-api.js';
import { SignInPanel } from '../access/SignInPanel.js';
import { useMe } from '../access/use-me.js';
import {
  ACTORS,
  type DraftField,
  draftOf,
  emptyDraft,
  NEEDS,
  type Need,
  type ProfileDraft,
  readDraft,
} from './matchmaking-form.js';
import './matchmaking.css';

type M = Messages['matchmaking'];
/** Staff roles that may publish for their organisation (as the API's matchmaking policy). */
const PUBLISHING_ROLES = ['case-worker', 'coordinator', 'org-admin'];

function problem(t: Messages, err: unknown): string {
  const code = err instanceof ApiError ? err.code : 'unknown';
  const own = t.matchmaking.errors as Record<string, string>;
  return own[code] ?? errorMessage(t.errors, code);
}

/** /matchning: my profiles (what we seek and offer), suggested matches with reasons, and double opt-in. */
export function MatchmakingPage() {
  const { t } = useI18n();
  const m = t.matchmaking;
  useDocumentTitle(m.title);
  const me = useMe();
  // One polite live region for the page: interest shown or withdrawn, profile saved.
  const [announcement, setAnnouncement] = useState('');

  const publishing =
    me.state === 'ok'
      ? [...new Set(me.me.memberships.filter((x) => PUBLISHING_ROLES.includes(x.role)).map((x) => x.organisationId))]
      : [];
  const company = me.state === 'ok' && me.me.user.kind === 'company-rep';
  const ready = me.state === 'ok' && ((company && me.me.actingCompany !== null) || (!company && publishing.length > 0));

  return (
    <>
      <h1>{m.title}</h1>
      <p className="lead">{m.lead}</p>
      <p className="notice matchmaking__rule">{m.optInRule}</p>
      <div className="matchmaking__live" role="status" aria-live="polite">
        {announcement}
      </div>
      {me.state === 'loading' && <Loading />}
      {me.state === 'signed-out' && <SignInPanel returnTo={paths.matchmaking} />}
      {me.state === 'error' && <LoadError error={me.error} onRetry={me.reload} />}
      {me.state === 'no-roles' && <p className="notice">{m.notParticipant}</p>}
      {me.state === 'ok' && company && me.me.actingCompany === null && (
        <p className="notice">
          {m.chooseCompanyFirst} <Link to={paths.account}>{m.toAccount}</Link>
        </p>
      )}
      {me.state === 'ok' && !company && publishing.length === 0 && <p className="notice">{m.notParticipant}</p>}
      {ready && me.state === 'ok' && (
        <Profiles
          // A new company chosen means other profiles.
          key={me.me.actingCompany?.orgnr ?? 'staff'}
          organisations={publishing}
          contact={{ name: me.me.user.name ?? '', email: me.me.user.email ?? '' }}
          announce={setAnnouncement}
        />
      )}
    </>
  );
}

function Profiles({
  organisations,
  contact,
  announce,
}: {
  organisations: string[];
  contact: { name: string; email: string };
  announce: (text: string) => void;
}) {
  const { t } = useI18n();
  const m = t.matchmaking;
  const mine = useApi<ListResponse<OwnProfile>>('/api/matchmaking/profiles/mine');
  const [editing, setEditing] = useState<string | null>(null);
  // Bumped after a save, so every profile's suggestions are asked for again.
  const [version, setVersion] = useState(0);

  const saved = (text: string) => {
    announce(text);
    setEditing(null);
    setVersion((v) => v + 1);
    mine.reload();
  };

  return (
    <>
      <section aria-labelledby="mm-mine">
        <h2 id="mm-mine">{m.mine}</h2>
        {mine.state === 'loading' && <Loading />}
        {mine.state === 'error' && <LoadError error={mine.error} onRetry={mine.reload} level={null} />}
        {mine.state === 'ok' && mine.data.items.length === 0 && <p>{m.noProfiles}</p>}
        {mine.state === 'ok' && mine.data.items.length > 0 && (
          <ul className="card-list matchmaking__profiles">
            {mine.data.items.map((p) => (
              <li key={p.id}>
                <article className="card" aria-labelledby={`mm-profile-${p.id}`}>
                  <h3 className="card__title" id={`mm-profile-${p.id}`}>
                    {p.displayName}
                    {!p.active && <span className="tag matchmaking__inactive">{m.inactive}</span>}
                  </h3>
                  <ProfileFacts profile={p} m={m} />
                  <p>
                    {m.contact}: {p.contact.name}, {p.contact.email}
                  </p>
                  {editing === p.id ? (
                    <ProfileForm
                      profile={p}
                      organisations={organisations}
                      contact={contact}
                      onSaved={saved}
                      onCancel={() => setEditing(null)}
                    />
                  ) : (
                    <p className="actions">
                      <button type="button" className="button button--secondary" onClick={() => setEditing(p.id)}>
                        {m.edit(p.displayName)}
                      </button>
                    </p>
                  )}
                  {p.active && <Matches key={version} profile={p} announce={announce} />}
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ProfileForm organisations={organisations} contact={contact} onSaved={saved} />
    </>
  );
}

function ProfileFacts({ profile, m }: { profile: OwnProfile | MatchSuggestion['profile']; m: M }) {
  const needs = (values: readonly Need[]) => values.map((n) => m.needs[n]).join(', ');
  return (
    <dl className="facts matchmaking__facts">
      <dt>{m.actor}</dt>
      <dd>{m.actors[profile.actor]}</dd>
      {profile.seeks.length > 0 && (
        <>
          <dt>{m.seeks}</dt>
          <dd>{needs(profile.seeks)}</dd>
        </>
      )}
      {profile.offers.length > 0 && (
        <>
          <dt>{m.offers}</dt>
          <dd>{needs(profile.offers)}</dd>
        </>
      )}
      {profile.topics.length > 0 && (
        <>
          <dt>{m.topics}</dt>
          <dd>{profile.topics.join(', ')}</dd>
        </>
      )}
      {profile.markets.length > 0 && (
        <>
          <dt>{m.markets}</dt>
          <dd>{profile.markets.join(', ')}</dd>
        </>
      )}
      {profile.municipality && (
        <>
          <dt>{m.municipality}</dt>
          <dd>{profile.municipality.name}</dd>
        </>
      )}
    </dl>
  );
}

function Matches({ profile, announce }: { profile: OwnProfile; announce: (text: string) => void }) {
  const { t } = useI18n();
  const m = t.matchmaking;
  const loaded = useApi<ListResponse<MatchSuggestion>>(`/api/matchmaking/profiles/${profile.id}/matches`);
  const [items, setItems] = useState<MatchSuggestion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const rows = items ?? (loaded.state === 'ok' ? loaded.data.items : null);
  const headingId = `mm-matches-${profile.id}`;

  async function interest(match: MatchSuggestion, wanted: boolean) {
    setBusy(match.profile.id);
    setError(null);
    try {
      const answer = await send<ListResponse<MatchSuggestion>>(
        wanted ? 'PUT' : 'DELETE',
        `/api/matchmaking/profiles/${profile.id}/interest/${match.profile.id}`,
      );
      setItems(answer.items);
      announce(wanted ? m.interestShown(match.profile.displayName) : m.interestWithdrawn(match.profile.displayName));
    } catch (err) {
      setError(problem(t, err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="matchmaking__matches" aria-labelledby={headingId}>
      <h4 id={headingId}>{m.matchesHeading(profile.displayName)}</h4>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'error' && <LoadError error={loaded.error} onRetry={loaded.reload} level={null} />}
      {rows && rows.length === 0 && <p>{m.noMatches}</p>}
      {rows && rows.length > 0 && (
        <ul className="card-list">
          {rows.map((s) => (
            <li key={s.profile.id}>
              <article className="card matchmaking__match" aria-labelledby={`mm-match-${profile.id}-${s.profile.id}`}>
                <h5 className="card__title" id={`mm-match-${profile.id}-${s.profile.id}`}>
                  {s.profile.displayName}
                </h5>
                <p className="card__summary">{s.profile.summary}</p>
                <ProfileFacts profile={s.profile} m={m} />
                {s.reasons.length > 0 && (
                  <>
                    <p className="matchmaking__reasons-heading">{m.reasonsHeading}</p>
                    <ul className="matchmaking__reasons">
                      {s.reasons.map((r) => (
                        <li key={r.kind}>{m.reasons[r.kind](reasonValues(r, m))}</li>
                      ))}
                    </ul>
                  </>
                )}
                <p className="matchmaking__interest">
                  {s.interest.mine && <span>{m.interestMine} </span>}
                  {s.interest.theirs && <span>{m.interestTheirs}</span>}
                  {!s.interest.mine && !s.interest.theirs && <span>{m.interestNone}</span>}
                </p>
                {s.contact && (
                  <div className="notice notice--success matchmaking__contact">
                    <p>{m.mutual}</p>
                    <p>
                      {s.contact.name}, <a href={`mailto:${s.contact.email}`}>{s.contact.email}</a>
                    </p>
                  </div>
                )}
                <p className="actions">
                  <button
                    type="button"
                    className={s.interest.mine ? 'button button--secondary' : 'button'}
                    disabled={busy === s.profile.id}
                    onClick={() => void interest(s, !s.interest.mine)}
                  >
                    {s.interest.mine ? m.withdrawShort : m.showInterestShort}
                    <span className="visually-hidden">
                      {' '}
                      {s.interest.mine
                        ? m.withdrawFor(s.profile.displayName)
                        : m.showInterestFor(s.profile.displayName)}
                    </span>
                  </button>
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function reasonValues(reason: MatchSuggestion['reasons'][number], m: M): string {
  if (reason.kind === 'they-offer' || reason.kind === 'you-offer')
    return reason.values.map((v) => (m.needs as Record<string, string>)[v] ?? v).join(', ');
  return reason.values.join(', ');
}

const FIELD_ORDER: DraftField[] = [
  'displayName',
  'summary',
  'needs',
  'topics',
  'markets',
  'municipality',
  'contactName',
  'contactEmail',
];

function ProfileForm({
  profile,
  organisations,
  contact,
  onSaved,
  onCancel,
}: {
  profile?: OwnProfile;
  organisations: string[];
  contact: { name: string; email: string };
  onSaved: (text: string) => void;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const m = t.matchmaking;
  const regions = useRegions();
  const municipalities = regions?.municipalities ?? [];
  const base = useId().replace(/:/g, '');
  const id = (field: string) => `${base}-${field}`;
  const [draft, setDraft] = useState<ProfileDraft>(() =>
    profile ? draftOf(profile, municipalities) : emptyDraft(contact, organisations[0] ?? ''),
  );
  const [errors, setErrors] = useState<DraftField[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = id('heading');
  const has = (f: DraftField) => errors.includes(f);
  const errorId = (f: DraftField) => id(`${f}-error`);
  const set = <K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const read = readDraft(draft, municipalities);
    if (!read.ok) {
      setErrors(read.errors);
      const first = FIELD_ORDER.find((f) => read.errors.includes(f));
      if (first) document.getElementById(first === 'needs' ? id('seeks-0') : id(first))?.focus();
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      if (profile) {
        const saved = await send<OwnProfile>('PATCH', `/api/matchmaking/profiles/${profile.id}`, {
          ...read.body,
          active: draft.active,
        });
        onSaved(m.saved(saved.displayName));
      } else {
        const { municipality, ...rest } = read.body;
        const created = await send<OwnProfile>('POST', '/api/matchmaking/profiles', {
          ...rest,
          ...(municipality ? { municipality } : {}),
          ...(organisations.length > 1 && draft.organisationId ? { organisationId: draft.organisationId } : {}),
        });
        setDraft(emptyDraft(contact, organisations[0] ?? ''));
        onSaved(m.created(created.displayName));
      }
    } catch (err) {
      setFailure(problem(t, err));
    } finally {
      setBusy(false);
    }
  }

  const text = (field: 'displayName' | 'contactName' | 'contactEmail', label: string, type = 'text') => (
    <div className={has(field) ? 'field field--error' : 'field'}>
      <label htmlFor={id(field)}>{label}</label>
      {has(field) && (
        <p className="field__error" id={errorId(field)}>
          {m.errors[field]}
        </p>
      )}
      <input
        id={id(field)}
        className="input"
        type={type}
        autoComplete={field === 'contactEmail' ? 'email' : field === 'contactName' ? 'name' : 'organization'}
        value={draft[field]}
        aria-invalid={has(field) || undefined}
        aria-describedby={has(field) ? errorId(field) : undefined}
        onChange={(e) => set(field, e.target.value)}
      />
    </div>
  );

  const listField = (field: 'topics' | 'markets', label: string, hint: string) => (
    <div className={has(field) ? 'field field--error' : 'field'}>
      <label htmlFor={id(field)}>{label}</label>
      <p className="field__hint" id={id(`${field}-hint`)}>
        {hint}
      </p>
      {has(field) && (
        <p className="field__error" id={errorId(field)}>
          {m.errors[field]}
        </p>
      )}
      <input
        id={id(field)}
        className="input"
        type="text"
        value={draft[field]}
        aria-invalid={has(field) || undefined}
        aria-describedby={[id(`${field}-hint`), has(field) ? errorId(field) : null].filter(Boolean).join(' ')}
        onChange={(e) => set(field, e.target.value)}
      />
    </div>
  );

  const needs = (key: 'seeks' | 'offers', legend: string) => (
    <fieldset
      className={has('needs') ? 'fieldset field--error' : 'fieldset'}
      aria-describedby={has('needs') ? errorId('needs') : undefined}
    >
      <legend>{legend}</legend>
      {has('needs') && key === 'seeks' && (
        <p className="field__error" id={errorId('needs')}>
          {m.errors.needs}
        </p>
      )}
      {NEEDS.map((n, i) => (
        <div className="choice" key={n}>
          <input
            id={id(`${key}-${i}`)}
            type="checkbox"
            checked={draft[key].includes(n)}
            onChange={(e) => set(key, e.target.checked ? [...draft[key], n] : draft[key].filter((x) => x !== n))}
          />
          <label htmlFor={id(`${key}-${i}`)}>{m.needs[n]}</label>
        </div>
      ))}
    </fieldset>
  );

  return (
    <form className="matchmaking__form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={headingId}>
      {profile ? <h4 id={headingId}>{m.editHeading(profile.displayName)}</h4> : <h2 id={headingId}>{m.newHeading}</h2>}
      {errors.length > 0 && (
        <div className="notice notice--error" role="alert">
          <p>{m.errorSummary}</p>
          <ul>
            {FIELD_ORDER.filter(has).map((f) => (
              <li key={f}>
                <a href={`#${f === 'needs' ? id('seeks-0') : id(f)}`}>{m.errors[f]}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {failure && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      {!profile && organisations.length > 1 && (
        <div className="field">
          <label htmlFor={id('organisation')}>{m.organisation}</label>
          <select
            id={id('organisation')}
            className="select"
            value={draft.organisationId}
            onChange={(e) => set('organisationId', e.target.value)}
          >
            {organisations.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
      )}
      {text('displayName', m.displayName)}
      <fieldset className="fieldset">
        <legend>{m.actor}</legend>
        {ACTORS.map((a) => (
          <div className="choice" key={a}>
            <input
              id={id(`actor-${a}`)}
              type="radio"
              name={id('actor')}
              checked={draft.actor === a}
              onChange={() => set('actor', a)}
            />
            <label htmlFor={id(`actor-${a}`)}>{m.actors[a]}</label>
          </div>
        ))}
      </fieldset>
      <div className={has('summary') ? 'field field--error' : 'field'}>
        <label htmlFor={id('summary')}>{m.summary}</label>
        <p className="field__hint" id={id('summary-hint')}>
          {m.summaryHint}
        </p>
        {has('summary') && (
          <p className="field__error" id={errorId('summary')}>
            {m.errors.summary}
          </p>
        )}
        <textarea
          id={id('summary')}
          className="textarea"
          value={draft.summary}
          aria-invalid={has('summary') || undefined}
          aria-describedby={[id('summary-hint'), has('summary') ? errorId('summary') : null].filter(Boolean).join(' ')}
          onChange={(e) => set('summary', e.target.value)}
        />
      </div>
      {needs('seeks', m.seeksLegend)}
      {needs('offers', m.offersLegend)}
      {listField('topics', m.topicsLabel, m.topicsHint)}
      {listField('markets', m.marketsLabel, m.marketsHint)}
      <MunicipalityInput
        id={id('municipality')}
        label={m.municipalityLabel}
        value={draft.municipality}
        onChange={(v) => set('municipality', v)}
        municipalities={municipalities}
        error={has('municipality') ? m.errors.municipality : undefined}
      />
      <fieldset className="fieldset">
        <legend>{m.contactLegend}</legend>
        {text('contactName', m.contactName)}
        {text('contactEmail', m.contactEmail, 'email')}
      </fieldset>
      {profile && (
        <div className="choice">
          <input
            id={id('active')}
            type="checkbox"
            checked={draft.active}
            onChange={(e) => set('active', e.target.checked)}
          />
          <label htmlFor={id('active')}>{m.active}</label>
        </div>
      )}
      <p className="actions">
        <button type="submit" className="button" disabled={busy}>
          {profile ? m.save : m.create}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {m.cancel}
          </button>
        )}
      </p>
    </form>
  );
}
