import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { CaseContentAudience, CaseTaskStatus } from '../../gql/graphql';
import { formatDate, isValidDate, todayInStockholm } from '../../ui/dates';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { SelectField } from '../../ui/fields';
import { AudienceField } from './AudienceField';
import type { CaseData } from './case-document';
import { DateInput } from './CaseSharing';
import { TASK_STATUSES } from './enums';

const CreateTask = graphql(`
  mutation CreateCaseTask($input: CreateCaseTaskInput!) {
    createCaseTask(input: $input) {
      id
    }
  }
`);
const UpdateTask = graphql(`
  mutation UpdateCaseTaskStatus($id: ID!, $status: CaseTaskStatus!) {
    updateCaseTask(id: $id, input: { status: $status }) {
      id
      status
    }
  }
`);

export function CaseTasks(props: {
  c: CaseData;
  names: Map<string, string>;
  people: Map<string, string>;
  canWork: boolean;
}) {
  const { t } = useTranslation();
  const { c, names, people } = props;
  const opts = { refetchQueries: ['CaseDetails'] };
  const [create, created] = useMutation(CreateTask, opts);
  const [update, updated] = useMutation(UpdateTask, opts);
  // The owner and each organisation the case is actively shared with may be given a task.
  const organisations = [c.owner.id, ...c.legalBases.filter((b) => b.active).map((b) => b.organisationId)];
  const [form, setForm] = useState({ title: '', organisationId: '', userId: '', dueOn: '' });
  const [audience, setAudience] = useState<CaseContentAudience>('OWN_ORGANISATION');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const members = c.members.filter((m) => m.organisationId === form.organisationId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const e: Record<string, string> = {};
    if (!form.title.trim()) e.title = t('cases.writeTitle');
    if (!form.organisationId) e.organisationId = t('cases.chooseOrganisation');
    if (!isValidDate(form.dueOn)) e.dueOn = t('validation.date');
    else if (form.dueOn < todayInStockholm()) e.dueOn = t('cases.dueInPast');
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    void create({
      variables: {
        input: {
          caseId: c.id,
          title: form.title,
          assignedOrganisationId: form.organisationId,
          assignedUserId: form.userId || null,
          dueOn: form.dueOn,
          audience,
        },
      },
    }).then(
      () => setForm({ title: '', organisationId: '', userId: '', dueOn: '' }),
      () => undefined,
    );
  };

  return (
    <section id="tasks" className="panel" aria-labelledby="tasks-h">
      <h2 id="tasks-h">{t('cases.section.tasks')}</h2>
      {updated.error && <ErrorMessage error={updated.error} />}
      {c.tasks.length === 0 ? (
        <p className="empty">{t('cases.noTasks')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('cases.section.tasks')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.taskTitle')}</th>
                <th scope="col">{t('cases.taskOwner')}</th>
                <th scope="col">{t('cases.dueOn')}</th>
                <th scope="col">{t('cases.audience')}</th>
                <th scope="col">{t('cases.status')}</th>
              </tr>
            </thead>
            <tbody>
              {c.tasks.map((task) => {
                const overdue =
                  (task.status === 'OPEN' || task.status === 'IN_PROGRESS') && task.dueOn < todayInStockholm();
                return (
                  <tr key={task.id}>
                    <th scope="row">{task.title}</th>
                    <td>
                      {names.get(task.assignedOrganisationId) ?? t('cases.otherOrganisation')}
                      {task.assignedUserId && people.get(task.assignedUserId) && (
                        <>
                          <br />
                          {people.get(task.assignedUserId)}
                        </>
                      )}
                    </td>
                    <td className="nowrap">
                      {formatDate(task.dueOn)} {overdue && <span className="badge warn">{t('cases.overdue')}</span>}
                    </td>
                    <td>{t(`caseEnums.CaseContentAudience.${task.audience}`)}</td>
                    <td>
                      {props.canWork ? (
                        <select
                          aria-label={t('cases.taskStatusOf', { title: task.title })}
                          value={task.status}
                          onChange={(e) =>
                            void update({
                              variables: { id: task.id, status: e.target.value as CaseTaskStatus },
                            }).catch(() => undefined)
                          }
                        >
                          {TASK_STATUSES.map((s) => (
                            <option key={s} value={s}>
                              {t(`caseEnums.CaseTaskStatus.${s}`)}
                            </option>
                          ))}
                        </select>
                      ) : (
                        t(`caseEnums.CaseTaskStatus.${task.status}`)
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {props.canWork && (
        <form className="form subform" onSubmit={submit} noValidate aria-labelledby="task-h">
          <h3 id="task-h">{t('cases.newTask')}</h3>
          {created.error && <ErrorMessage error={created.error} />}
          <div className="field">
            <label htmlFor="task-title">
              {t('cases.taskTitle')}
              <span aria-hidden="true"> *</span>
            </label>
            <input
              id="task-title"
              value={form.title}
              maxLength={200}
              aria-invalid={errors.title ? true : undefined}
              aria-describedby={errors.title ? 'task-title-e' : undefined}
              onChange={(e) => set('title')(e.target.value)}
            />
            {errors.title && (
              <span id="task-title-e" className="field-error">
                {errors.title}
              </span>
            )}
          </div>
          <div className="row">
            <SelectField
              label={t('cases.taskOrganisation')}
              name="assignedOrganisationId"
              value={form.organisationId}
              onChange={(v) => setForm((f) => ({ ...f, organisationId: v, userId: '' }))}
              required
              error={errors.organisationId}
            >
              <option value="">{t('cases.choose')}</option>
              {[...new Set(organisations)].map((id) => (
                <option key={id} value={id}>
                  {names.get(id) ?? t('cases.otherOrganisation')}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t('cases.taskPerson')}
              name="assignedUserId"
              value={form.userId}
              onChange={set('userId')}
            >
              <option value="">{t('cases.nobodyYet')}</option>
              {members.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.displayName}
                </option>
              ))}
            </SelectField>
            <DateInput
              label={t('cases.dueOn')}
              id="task-due"
              value={form.dueOn}
              onChange={set('dueOn')}
              error={errors.dueOn}
              required
            />
          </div>
          <AudienceField value={audience} onChange={setAudience} />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={created.loading}>
              {t('cases.saveTask')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
