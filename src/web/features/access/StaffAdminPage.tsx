import { type FormEvent, useState } from 'react';
import type { OrganisationResponse } from '../../../contracts/catalogue.js';
import { errorMessage, LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { ApiError, type ListResponse } from '../../lib/api.js';
import { paths } from '../../lib/routes.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { type MeResponse, type StaffMemberResponse, send } from './access-api.js';
import { accessError, SignInPanel } from './SignInPanel.js';
import {
  administered,
  grantableRoles,
  type NewStaffError,
  type NewStaffForm,
  newStaffErrors,
  type StaffRoleName,
  toAddStaffRequest,
} from './staff-admin.js';
import { useMe } from './use-me.js';

type Notice = { kind: 'success' | 'error'; text: string } | null;

/** Organisation admin: the staff of one's organisation, their roles and units; add and deactivate. */
export function StaffAdminPage() {
  const { t } = useI18n();
  const me = useMe();
  useDocumentTitle(t.access.staffTitle);

  if (me.state === 'loading') return <Loading />;
  if (me.state === 'error') return <LoadError error={me.error} onRetry={me.reload} level={1} />;
  if (me.state !== 'ok') {
    return (
      <>
        <h1>{t.access.staffTitle}</h1>
        <SignInPanel returnTo={paths.staffAdmin} />
      </>
    );
  }
  const scope = administered(me.me);
  if (!scope.all && scope.organisationIds.length === 0) {
    return (
      <>
        <h1>{t.access.staffTitle}</h1>
        <div className="notice" role="status">
          <p>{t.access.notAdmin}</p>
        </div>
      </>
    );
  }
  return <StaffAdmin me={me.me} scope={scope} />;
}

function StaffAdmin({ me, scope }: { me: MeResponse; scope: { all: boolean; organisationIds: string[] } }) {
  const { t } = useI18n();
  const all = useApi<ListResponse<OrganisationResponse>>(scope.all ? '/api/organisations?limit=100' : null);
  const choices = scope.all && all.state === 'ok' ? all.data.items.map((o) => o.id) : scope.organisationIds;
  const [organisationId, setOrganisationId] = useState(scope.organisationIds[0] ?? 'region-vastmanland');
  const organisation = useApi<OrganisationResponse>(`/api/organisations/${encodeURIComponent(organisationId)}`);
  const staff = useApi<ListResponse<StaffMemberResponse>>(
    `/api/organisations/${encodeURIComponent(organisationId)}/staff`,
  );
  const [notice, setNotice] = useState<Notice>(null);

  const fail = (error: unknown) => {
    const code = error instanceof ApiError ? error.code : 'unknown';
    setNotice({ kind: 'error', text: accessError(t.access.errors, code) ?? errorMessage(t.errors, code) });
  };
  const units = organisation.state === 'ok' ? organisation.data.units : [];
  const name = organisation.state === 'ok' ? organisation.data.name : organisationId;

  return (
    <>
      <h1>{t.access.staffTitle}</h1>
      <p className="lead">{t.access.staffLead}</p>
      {choices.length > 1 && (
        <div className="field">
          <label htmlFor="organisation">{t.access.organisationLabel}</label>
          <select
            id="organisation"
            className="select"
            value={organisationId}
            onChange={(e) => {
              setOrganisationId(e.target.value);
              setNotice(null);
            }}
          >
            {choices.map((id) => (
              <option key={id} value={id}>
                {scope.all && all.state === 'ok' ? (all.data.items.find((o) => o.id === id)?.name ?? id) : id}
              </option>
            ))}
          </select>
        </div>
      )}
      <div aria-live="polite">
        {notice && (
          <div className={`notice notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
            <p>{notice.text}</p>
          </div>
        )}
      </div>
      {staff.state === 'loading' && <Loading />}
      {staff.state === 'error' && <LoadError error={staff.error} onRetry={staff.reload} />}
      {staff.state === 'ok' && (
        <table className="table">
          <caption>{t.access.staffTableCaption(name)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.access.columnName}</th>
              <th scope="col">{t.access.columnRole}</th>
              <th scope="col">{t.access.columnUnit}</th>
              <th scope="col">{t.access.columnStatus}</th>
              <th scope="col">{t.access.columnActions}</th>
            </tr>
          </thead>
          <tbody>
            {staff.data.items.map((member) => (
              <StaffRow
                key={member.membershipId}
                member={member}
                organisationId={organisationId}
                units={units}
                roles={grantableRoles(me)}
                onSaved={(text) => {
                  setNotice({ kind: 'success', text });
                  staff.reload();
                }}
                onError={fail}
              />
            ))}
          </tbody>
        </table>
      )}
      <AddStaff
        organisationId={organisationId}
        units={units}
        roles={grantableRoles(me)}
        onAdded={(who) => {
          setNotice({ kind: 'success', text: t.access.added(who) });
          staff.reload();
        }}
        onError={fail}
      />
    </>
  );
}

function StaffRow({
  member,
  organisationId,
  units,
  roles,
  onSaved,
  onError,
}: {
  member: StaffMemberResponse;
  organisationId: string;
  units: { id: string; name: string }[];
  roles: StaffRoleName[];
  onSaved: (text: string) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useI18n();
  const [role, setRole] = useState(member.role);
  const [unitId, setUnitId] = useState(member.unitId ?? '');
  const who = member.name ?? member.email ?? member.userId;
  const url = `/api/organisations/${encodeURIComponent(organisationId)}/staff/${member.membershipId}`;
  const patch = async (body: object) => {
    try {
      await send('PATCH', url, body);
      onSaved(t.access.saved);
    } catch (error) {
      onError(error);
    }
  };
  const roleOptions = roles.includes(member.role as StaffRoleName) ? roles : [...roles, member.role];
  return (
    <tr>
      <th scope="row">
        {who}
        {member.email && member.name && <span className="muted"> ({member.email})</span>}
      </th>
      <td>
        <select
          className="select"
          aria-label={t.access.rowLabel(t.access.columnRole, who)}
          value={role}
          onChange={(e) => setRole(e.target.value)}
        >
          {roleOptions.map((r) => (
            <option key={r} value={r}>
              {t.access.roles[r] ?? r}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select
          className="select"
          aria-label={t.access.rowLabel(t.access.columnUnit, who)}
          value={unitId}
          onChange={(e) => setUnitId(e.target.value)}
        >
          <option value="">{t.access.wholeOrganisation}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </td>
      <td>{!member.signedIn ? t.access.invited : member.active ? t.access.active : t.access.inactive}</td>
      <td>
        <button
          type="button"
          className="button button--secondary"
          aria-label={t.access.rowLabel(t.access.save, who)}
          onClick={() => void patch({ role, unitId: unitId || null })}
        >
          {t.access.save}
        </button>{' '}
        <button
          type="button"
          className="button button--secondary"
          aria-label={t.access.rowLabel(member.active ? t.access.deactivate : t.access.activate, who)}
          onClick={() => void patch({ active: !member.active })}
        >
          {member.active ? t.access.deactivate : t.access.activate}
        </button>
      </td>
    </tr>
  );
}

function AddStaff({
  organisationId,
  units,
  roles,
  onAdded,
  onError,
}: {
  organisationId: string;
  units: { id: string; name: string }[];
  roles: StaffRoleName[];
  onAdded: (who: string) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useI18n();
  const empty: NewStaffForm = { email: '', subject: '', name: '', role: 'case-worker', unitId: '' };
  const [form, setForm] = useState<NewStaffForm>(empty);
  const [error, setError] = useState<NewStaffError | null>(null);
  const set = (patch: Partial<NewStaffForm>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = newStaffErrors(form).email ?? null;
    setError(problem);
    if (problem) {
      document.getElementById('staff-email')?.focus();
      return;
    }
    try {
      await send('POST', `/api/organisations/${encodeURIComponent(organisationId)}/staff`, toAddStaffRequest(form));
      onAdded(form.name || form.email || form.subject);
      setForm(empty);
    } catch (err) {
      onError(err);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-staff-heading">
      <h2 id="add-staff-heading">{t.access.addHeading}</h2>
      <div className={`field${error ? ' field--error' : ''}`}>
        <label htmlFor="staff-email">{t.access.emailLabel}</label>
        <p className="field__hint" id="staff-email-hint">
          {t.access.emailHint}
        </p>
        {error && (
          <p className="field__error" id="staff-email-error">
            {t.access[error]}
          </p>
        )}
        <input
          id="staff-email"
          className="input"
          type="email"
          autoComplete="off"
          value={form.email}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'staff-email-hint staff-email-error' : 'staff-email-hint'}
          onChange={(e) => set({ email: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="staff-subject">{t.access.subjectLabel}</label>
        <input
          id="staff-subject"
          className="input"
          value={form.subject}
          onChange={(e) => set({ subject: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="staff-name">{t.access.nameLabel}</label>
        <input
          id="staff-name"
          className="input"
          autoComplete="off"
          value={form.name}
          onChange={(e) => set({ name: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="staff-role">{t.access.roleLabel}</label>
        <select
          id="staff-role"
          className="select"
          value={form.role}
          onChange={(e) => set({ role: e.target.value as StaffRoleName })}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {t.access.roles[r] ?? r}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="staff-unit">{t.access.unitLabel}</label>
        <select
          id="staff-unit"
          className="select"
          value={form.unitId}
          onChange={(e) => set({ unitId: e.target.value })}
        >
          <option value="">{t.access.wholeOrganisation}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        {t.access.addButton}
      </button>
    </form>
  );
}
