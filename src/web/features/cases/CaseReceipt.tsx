import type { RefObject } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../lib/routes.js';
import { DueDate, StatusTag } from './case-ui.js';
import type { SubmitCaseAnswer } from './cases-api.js';

/** The receipt: diarienummer, who handles it, the promised date and what happens next. */
export function CaseReceipt({
  answer,
  email,
  headingRef,
  onStartOver,
}: {
  answer: SubmitCaseAnswer;
  email: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onStartOver: () => void;
}) {
  const { t } = useI18n();
  const c = answer.case;
  // Submitted without signing in: the e-mail holds the follow link (it also verifies the address).
  const anonymous = c.awaitingVerification;
  return (
    <>
      <div className="notice notice--success">
        <h1 ref={headingRef} tabIndex={-1}>
          {t.cases.receipt.title}
        </h1>
        <p className="lead">{t.cases.receipt.lead(c.organisation.name)}</p>
      </div>
      <dl className="facts receipt">
        <dt>{t.cases.facts.diarienummer}</dt>
        <dd className="receipt__diarienummer">{c.diarienummer}</dd>
        <dt>{t.cases.facts.offering}</dt>
        <dd>{c.offering.title}</dd>
        <dt>{t.cases.facts.handledBy}</dt>
        <dd>{c.organisation.name}</dd>
        <dt>{t.cases.facts.status}</dt>
        <dd>
          <StatusTag status={c.status} />
        </dd>
        <dt>{t.cases.facts.due}</dt>
        <dd>
          <DueDate dueOn={c.dueOn} overdue={c.overdue} />
        </dd>
      </dl>
      <p className="muted">{t.cases.receipt.keepNumber}</p>

      <h2>{t.cases.receipt.nextHeading}</h2>
      <ol className="steps">
        {anonymous ? (
          <>
            <li>{t.cases.receipt.stepEmail(email)}</li>
            <li>{t.cases.receipt.stepHandling(c.organisation.name)}</li>
            <li>{t.cases.receipt.stepFollowLink}</li>
          </>
        ) : (
          <>
            <li>{t.cases.receipt.stepConfirmation(email)}</li>
            <li>{t.cases.receipt.stepHandling(c.organisation.name)}</li>
            <li>{t.cases.receipt.stepMyCases}</li>
          </>
        )}
      </ol>
      {anonymous && <p className="notice">{t.cases.receipt.noEmail}</p>}
      <div className="actions">
        {!anonymous && (
          <Link to={paths.myCase(c.id)} className="button">
            {t.cases.receipt.openCase}
          </Link>
        )}
        <button type="button" className="button button--secondary" onClick={onStartOver}>
          {t.intake.startOver}
        </button>
      </div>
    </>
  );
}
