import { useEffect, useState } from 'react';
import type { JobResponse } from '../../../contracts/jobs.js';
import { useI18n } from '../../i18n/i18n.js';
import { ApiError, getJson, toApiError } from '../../lib/api.js';

const STORAGE_KEY = 'lotsen.strategy-report-jobs';
const FOLLOWER_ROLES = ['org-admin', 'analyst', 'system-admin'];

/** The reports asked for from this browser, so a report left running is found again on return. */
function remembered(): string[] {
  try {
    const ids = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string').slice(0, 5) : [];
  } catch {
    return [];
  }
}

function remember(ids: string[]) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(ids.slice(0, 5)));
}

/**
 * Reports (XLSX, PDF) of the follow-up for those who follow strategies up. A report is made in the
 * background: its progress shows here, and one may leave the page and come back to fetch it.
 */
export function ReportPanel(props: {
  root: string;
  period: string;
  municipality: string | null;
  roles: string[];
  csrfToken: string | null;
}) {
  const { t } = useI18n();
  const [jobs, setJobs] = useState<JobResponse[]>([]);
  const [error, setError] = useState<string | null>(null);
  const mayReport = props.roles.some((r) => FOLLOWER_ROLES.includes(r));

  // Poll the jobs that are not finished, once a second.
  useEffect(() => {
    if (!mayReport) return;
    let stopped = false;
    const poll = async () => {
      const ids = remembered();
      const found = await Promise.all(
        ids.map((id) => getJson<JobResponse>(`/api/jobs/${id}`).catch(() => null as JobResponse | null)),
      );
      if (stopped) return;
      const known = found.filter((j): j is JobResponse => j !== null);
      remember(known.map((j) => j.id));
      setJobs(known);
    };
    void poll();
    const timer = setInterval(() => {
      if (remembered().length > 0) void poll();
    }, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [mayReport]);

  if (!mayReport) return null;

  const start = async (format: 'xlsx' | 'pdf') => {
    setError(null);
    try {
      const response = await fetch('/api/strategy/reports', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(props.csrfToken ? { 'x-csrf-token': props.csrfToken } : {}),
        },
        body: JSON.stringify({
          root: props.root,
          period: props.period,
          format,
          ...(props.municipality ? { municipality: props.municipality } : {}),
        }),
      });
      const payload: unknown = await response.json().catch(() => undefined);
      if (!response.ok) throw toApiError(response.status, payload);
      const job = payload as JobResponse;
      remember([job.id, ...remembered()]);
      setJobs((list) => [job, ...list]);
    } catch (e) {
      setError(e instanceof ApiError ? e.detail || e.code : String(e));
    }
  };

  return (
    <section aria-labelledby="fu-reports">
      <h2 id="fu-reports">{t.followUp.reports}</h2>
      <p>{t.followUp.reportsLead}</p>
      <p>
        <button type="button" className="button" onClick={() => void start('xlsx')}>
          {t.followUp.reportXlsx}
        </button>{' '}
        <button type="button" className="button" onClick={() => void start('pdf')}>
          {t.followUp.reportPdf}
        </button>
      </p>
      {error && (
        <p className="notice" role="alert">
          {error}
        </p>
      )}
      <ul aria-live="polite">
        {jobs.map((job) => (
          <li key={job.id}>
            {job.status === 'done' && job.result ? (
              <a href={job.result.url} download={job.result.fileName}>
                {t.followUp.reportReady(job.result.fileName)}
              </a>
            ) : job.status === 'failed' ? (
              <span>{t.followUp.reportFailed(job.error ?? '')}</span>
            ) : (
              <>
                <label htmlFor={`job-${job.id}`}>{t.followUp.reportRunning}</label>{' '}
                <progress id={`job-${job.id}`} max={100} value={job.progress}>
                  {job.progress} %
                </progress>{' '}
                {job.progress} %
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
