import { type FormEvent, useState } from 'react';
import type { DashboardResponse } from '../../../contracts/strategy.js';
import { LocalisedText } from '../../components/LocalisedText.js';
import { LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { queryString } from '../../lib/api.js';
import { navigate } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { useMe } from '../access/use-me.js';
import { ReportPanel } from './ReportPanel.js';

const DEFAULT_ROOT = 'vastmanland-2030';
const PERIODS = (() => {
  const year = new Date().getFullYear();
  const years = [0, 1, 2, 3, 4].map((i) => String(year - i));
  return [...years, `${year}-T3`, `${year}-T2`, `${year}-T1`, `${year - 1}-T3`, `${year - 1}-T2`, `${year - 1}-T1`];
})();

/**
 * The public follow-up dashboard: filters in the URL (`?strategi=&period=&kommun=&nod=`), charts as
 * inline SVG, each with the same figures in a table beside it.
 */
export function FollowUpPage({ search }: { search: string }) {
  const { t } = useI18n();
  useDocumentTitle(t.followUp.title);
  const params = new URLSearchParams(search);
  const root = params.get('strategi') ?? DEFAULT_ROOT;
  const period = params.get('period') ?? String(new Date().getFullYear());
  const municipality = params.get('kommun') ?? '';
  const node = params.get('nod') ?? undefined;
  const data = useApi<DashboardResponse>(
    `/api/strategy/dashboard${queryString({ root, period, municipality: municipality || undefined, node })}`,
  );

  return (
    <>
      <h1>{t.followUp.title}</h1>
      <p className="lead">{t.followUp.lead}</p>
      <Filters
        root={root}
        period={period}
        municipality={municipality}
        roots={data.state === 'ok' ? data.data.roots : []}
      />
      {data.state === 'loading' && <Loading />}
      {data.state === 'error' && <LoadError error={data.error} onRetry={data.reload} />}
      {data.state === 'ok' && <Dashboard data={data.data} />}
    </>
  );
}

function Filters(props: { root: string; period: string; municipality: string; roots: DashboardResponse['roots'] }) {
  const { t } = useI18n();
  const [root, setRoot] = useState(props.root);
  const [period, setPeriod] = useState(props.period);
  const [municipality, setMunicipality] = useState(props.municipality);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`${paths.followUp}${queryString({ strategi: root, period, kommun: municipality.trim() || undefined })}`);
  };
  return (
    <form className="filters" onSubmit={submit} aria-label={t.followUp.filters}>
      <div className="field">
        <label htmlFor="fu-strategy">{t.followUp.strategy}</label>
        <select id="fu-strategy" value={root} onChange={(e) => setRoot(e.target.value)}>
          {props.roots.length === 0 && <option value={root}>{root}</option>}
          {props.roots.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title.sv}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="fu-period">{t.followUp.period}</label>
        <select id="fu-period" value={period} onChange={(e) => setPeriod(e.target.value)}>
          {(PERIODS.includes(period) ? PERIODS : [period, ...PERIODS]).map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="fu-municipality">{t.followUp.municipality}</label>
        <input
          id="fu-municipality"
          inputMode="numeric"
          pattern="\d{4}"
          value={municipality}
          onChange={(e) => setMunicipality(e.target.value)}
        />
      </div>
      <button type="submit" className="button">
        {t.followUp.show}
      </button>
    </form>
  );
}

function Dashboard({ data }: { data: DashboardResponse }) {
  const { t, language } = useI18n();
  const me = useMe();
  const shown = (n: number | null) => (n === null ? t.followUp.suppressed : String(n));
  const statusLabel = (s: string | null) =>
    s === null ? t.followUp.notReported : (t.followUp.statuses[s as keyof typeof t.followUp.statuses] ?? s);
  const title = data.node.title.sv;
  const open = (kind: string, extra: Record<string, string>) =>
    `/api/open-data/strategy/${kind}${queryString({ root: data.root.id, ...extra })}`;

  return (
    <>
      <p className="hint">
        {t.followUp.computedAt(
          new Date(data.statistics.computedAt).toLocaleString(language === 'sv' ? 'sv-SE' : 'en-GB', {
            dateStyle: 'short',
            timeStyle: 'short',
          }),
        )}
        {data.statistics.refreshing && ` ${t.followUp.refreshing}`}
      </p>
      {data.deadline && <p>{t.followUp.deadline(data.deadline)}</p>}
      <section aria-labelledby="fu-reach">
        <h2 id="fu-reach">{t.followUp.reachHeading}</h2>
        <BarChart
          caption={t.followUp.reachCaption(title)}
          bars={data.series.map((s) => ({ label: s.period, value: s.companies }))}
          suppressed={t.followUp.suppressed}
        />
        <table className="data-table">
          <caption>{t.followUp.reachCaption(title)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.followUp.period}</th>
              <th scope="col">{t.followUp.companies}</th>
              <th scope="col">{t.followUp.cases}</th>
            </tr>
          </thead>
          <tbody>
            {data.series.map((s) => (
              <tr key={s.period}>
                <th scope="row">{s.period}</th>
                <td>{shown(s.companies)}</td>
                <td>{s.cases}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">{t.followUp.suppressedNote}</p>
      </section>

      <section aria-labelledby="fu-tree">
        <h2 id="fu-tree">{t.followUp.treeHeading}</h2>
        <table className="data-table">
          <caption>
            <LocalisedText value={data.root.title} /> – {data.period}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t.followUp.part}</th>
              <th scope="col">{t.followUp.status}</th>
              <th scope="col">{t.followUp.companies}</th>
              <th scope="col">{t.followUp.comment}</th>
            </tr>
          </thead>
          <tbody>
            {data.nodes.map((n) => (
              <tr key={n.id}>
                <th scope="row" style={{ paddingInlineStart: `${n.depth * 1.25 + 0.5}rem` }}>
                  <a
                    href={`${paths.followUp}${queryString({ strategi: data.root.id, period: data.period, nod: n.id })}`}
                  >
                    <LocalisedText value={n.title} />
                  </a>
                </th>
                <td>
                  {statusLabel(n.rollUp.status)}
                  {n.rollUp.derived && <span className="hint"> ({t.followUp.derived(n.rollUp.reported)})</span>}
                </td>
                <td>{shown(n.companies)}</td>
                <td>
                  {n.followUp?.comment}
                  {n.followUp?.revisedSince && <span className="hint"> – {t.followUp.revised}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="fu-municipality-heading">
        <h2 id="fu-municipality-heading">{t.followUp.municipalityHeading}</h2>
        {data.byMunicipality.cells.length === 0 ? (
          <p>{t.followUp.none}</p>
        ) : (
          <>
            <BarChart
              caption={`${t.followUp.municipalityHeading} – ${title}`}
              bars={data.byMunicipality.cells.map((c) => ({ label: c.label, value: c.companies }))}
              suppressed={t.followUp.suppressed}
            />
            <table className="data-table">
              <caption>{`${t.followUp.municipalityHeading} – ${title}`}</caption>
              <tbody>
                {data.byMunicipality.cells.map((c) => (
                  <tr key={c.key}>
                    <th scope="row">{c.label}</th>
                    <td>{shown(c.companies)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      {data.indicators.length > 0 && (
        <section aria-labelledby="fu-indicators">
          <h2 id="fu-indicators">{t.followUp.indicatorsHeading}</h2>
          {data.indicators.map((i) => (
            <table className="data-table" key={i.id}>
              <caption>
                <LocalisedText value={i.title} /> ({i.unit})
                {i.baseline && ` · ${t.followUp.baseline} ${i.baseline.period}: ${i.baseline.value}`}
                {i.target && ` · ${t.followUp.target} ${i.target.period}: ${i.target.value}`}
              </caption>
              <tbody>
                {i.values.map((v) => (
                  <tr key={v.period}>
                    <th scope="row">{v.period}</th>
                    <td>{v.suppressed ? t.followUp.suppressed : (v.value ?? '–')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </section>
      )}

      <section aria-labelledby="fu-offerings">
        <h2 id="fu-offerings">{t.followUp.offeringsHeading}</h2>
        <table className="data-table">
          <caption>{title}</caption>
          <tbody>
            {data.offerings.map((o) => (
              <tr key={o.id}>
                <th scope="row">
                  <LocalisedText value={o.title} />
                </th>
                <td>{o.cases}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <ReportPanel
        root={data.root.id}
        period={data.period}
        municipality={data.municipality}
        roles={me.state === 'ok' ? me.me.roles : []}
        csrfToken={me.state === 'ok' ? me.me.csrfToken : null}
      />

      <section aria-labelledby="fu-open-data">
        <h2 id="fu-open-data">{t.followUp.openData}</h2>
        <ul>
          <li>
            <a href={open('reach.json', {})}>{t.followUp.openDataJson}</a>
          </li>
          <li>
            <a href={open('reach.csv', {})}>{t.followUp.openDataCsv}</a>
          </li>
          <li>
            <a href={open('follow-ups.csv', { period: data.period })}>{t.followUp.followUpsCsv}</a>
          </li>
        </ul>
      </section>
    </>
  );
}

/**
 * A horizontal bar chart as inline SVG. It is an image with a name (`role="img"`, `<title>`); the
 * figures themselves are in the table that follows it, so nothing is only in the picture.
 */
function BarChart(props: { caption: string; bars: { label: string; value: number | null }[]; suppressed: string }) {
  const row = 28;
  const labelWidth = 150;
  const width = 560;
  const max = Math.max(1, ...props.bars.map((b) => b.value ?? 0));
  const height = props.bars.length * row + 8;
  return (
    <svg
      className="chart"
      role="img"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: `${width}px` }}
    >
      <title>{props.caption}</title>
      {props.bars.map((b, i) => {
        const y = i * row + 4;
        const barWidth = b.value === null ? 0 : ((width - labelWidth - 60) * b.value) / max;
        return (
          <g key={b.label}>
            <text x={labelWidth - 8} y={y + 17} textAnchor="end" fontSize="13" fill="#1b1b1b">
              {b.label.length > 20 ? `${b.label.slice(0, 19)}…` : b.label}
            </text>
            <rect x={labelWidth} y={y + 4} width={barWidth} height={row - 10} fill="#1f5f8b" />
            <text x={labelWidth + barWidth + 6} y={y + 17} fontSize="13" fill="#1b1b1b">
              {b.value === null ? props.suppressed : b.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
