import { type FormEvent, useId, useState } from 'react';
import { type InquirySummaryResponse, STAGES } from '../../../contracts/establishment.js';
import { errorMessage, LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { ApiError, type ListResponse } from '../../lib/api.js';
import { Link, navigate } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { send } from '../access/access-api.js';
import { SignInPanel } from '../access/SignInPanel.js';
import { useMe } from '../access/use-me.js';
import { parseArea } from './site-filters.js';
import './establishment.css';

type Texts = ReturnType<typeof useI18n>['t']['investment'];

/** "20 ha · 30 MW · järnväg · 400" with a dash for what is not known. */
export function requirementsText(r: InquirySummaryResponse['requirements'], i: Texts): string {
  return i.requirementsText(
    r.areaHa === null ? i.none_ : `${r.areaHa} ha`,
    r.powerMw === null ? i.none_ : `${r.powerMw} MW`,
    r.needsRail,
    r.staff === null ? i.none_ : String(r.staff),
  );
}

/** The investment team's pipeline, stage by stage, and a form for a new lead. */
export function InquiriesPage() {
  const { t } = useI18n();
  const i = t.investment;
  useDocumentTitle(i.title);
  const me = useMe();
  const staff = me.state === 'ok' && me.me.user.kind === 'staff';
  const inquiries = useApi<ListResponse<InquirySummaryResponse>>(staff ? '/api/investment-inquiries?limit=100' : null);

  return (
    <>
      <h1>{i.title}</h1>
      <p className="lead">{i.lead}</p>
      {me.state === 'loading' && <Loading />}
      {me.state === 'signed-out' && <SignInPanel returnTo={paths.inquiries} />}
      {me.state === 'ok' && !staff && <p className="notice">{i.notInTeam}</p>}
      {staff && inquiries.state === 'loading' && <Loading />}
      {staff && inquiries.state === 'error' && (
        <LoadError error={inquiries.error} onRetry={inquiries.reload} level={null} />
      )}
      {staff && inquiries.state === 'ok' && (
        <>
          {inquiries.data.total === 0 && <p className="notice">{i.notInTeam}</p>}
          {STAGES.map((stage) => {
            const here = inquiries.data.items.filter((q) => q.stage === stage);
            return (
              <section key={stage} aria-labelledby={`stage-${stage}`}>
                <h2 id={`stage-${stage}`}>
                  {i.stages[stage]} ({here.length})
                </h2>
                {here.length === 0 ? (
                  <p className="muted">{i.none}</p>
                ) : (
                  <ul>
                    {here.map((q) => (
                      <li key={q.id}>
                        <Link to={paths.inquiry(q.id)}>{q.codeName}</Link>
                        {q.investor && ` – ${q.investor}`}
                        {q.sector && `, ${q.sector}`}. {requirementsText(q.requirements, i)}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
          <NewInquiryForm />
        </>
      )}
    </>
  );
}

function NewInquiryForm() {
  const { t } = useI18n();
  const i = t.investment;
  const ids = {
    code: useId(),
    investor: useId(),
    country: useId(),
    sector: useId(),
    area: useId(),
    power: useId(),
    staff: useId(),
    rail: useId(),
  };
  const [form, setForm] = useState({
    code: '',
    investor: '',
    country: '',
    sector: '',
    area: '',
    power: '',
    staff: '',
    rail: false,
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const numbers = { area: parseArea(form.area), power: parseArea(form.power), staff: parseArea(form.staff) };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (form.code.trim() === '') return setError(i.codeNameRequired);
    if (Object.values(numbers).some((n) => n === undefined)) return setError(i.numberError);
    setBusy(true);
    setError(null);
    try {
      const created = await send<{ id: string }>('POST', '/api/investment-inquiries', {
        codeName: form.code.trim(),
        ...(form.investor.trim() ? { investor: form.investor.trim() } : {}),
        ...(form.country.trim() ? { investorCountry: form.country.trim().toUpperCase() } : {}),
        ...(form.sector.trim() ? { sector: form.sector.trim() } : {}),
        requirements: {
          areaHa: numbers.area ?? null,
          powerMw: numbers.power ?? null,
          needsRail: form.rail,
          staff: numbers.staff === null || numbers.staff === undefined ? null : Math.round(numbers.staff),
          municipalities: [],
        },
      });
      navigate(paths.inquiry(created.id));
    } catch (err) {
      setError(errorMessage(t.errors, err instanceof ApiError ? err.code : 'unknown'));
    } finally {
      setBusy(false);
    }
  }

  const text = (key: 'code' | 'investor' | 'country' | 'sector' | 'area' | 'power' | 'staff', label: string) => (
    <div className="field">
      <label htmlFor={ids[key]}>{label}</label>
      <input
        id={ids[key]}
        className="input"
        value={form[key]}
        inputMode={key === 'area' || key === 'power' || key === 'staff' ? 'decimal' : undefined}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </div>
  );

  return (
    <form className="event-form" onSubmit={submit} noValidate aria-labelledby="new-inquiry">
      <h2 id="new-inquiry">{i.newHeading}</h2>
      <div className="form-error" role="alert">
        {error && <p className="notice notice--error">{error}</p>}
      </div>
      {text('code', i.codeName)}
      {text('investor', i.investor)}
      {text('country', i.country)}
      {text('sector', i.sector)}
      {text('area', i.areaHa)}
      {text('power', i.powerMw)}
      {text('staff', i.staff)}
      <div className="field choice">
        <input
          id={ids.rail}
          type="checkbox"
          checked={form.rail}
          onChange={(e) => setForm({ ...form, rail: e.target.checked })}
        />
        <label htmlFor={ids.rail}>{i.needsRail}</label>
      </div>
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        {i.create}
      </button>
    </form>
  );
}
