import type { ApolloCache } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/session';
import { graphql } from '../../gql';
import { formatDate } from '../../ui/dates';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { SelectField } from '../../ui/fields';
import type { CaseData } from './case-document';

const Candidates = graphql(`
  query CaseMemberCandidates($caseId: ID!, $search: String) {
    caseMemberCandidates(caseId: $caseId, search: $search) {
      userId
      displayName
    }
  }
`);
const AddMember = graphql(`
  mutation AddCaseMember($caseId: ID!, $userId: ID!) {
    addCaseMember(caseId: $caseId, userId: $userId) {
      userId
      displayName
    }
  }
`);
const RemoveMember = graphql(`
  mutation RemoveCaseMember($caseId: ID!, $userId: ID!) {
    removeCaseMember(caseId: $caseId, userId: $userId)
  }
`);
/**
 * After a change of members, every cached list of candidates (each search its own) is stale: drop
 * them all, so the list shown is asked again, and CaseDetails shows the members.
 */
const afterMemberChange = {
  refetchQueries: ['CaseDetails'],
  update(cache: ApolloCache) {
    cache.evict({ id: 'ROOT_QUERY', fieldName: 'caseMemberCandidates' });
    cache.gc();
  },
};

const EndPartnerMembership = graphql(`
  mutation EndPartnerMembership($caseId: ID!, $userId: ID!) {
    endPartnerMembership(caseId: $caseId, userId: $userId)
  }
`);

/**
 * The members of a case. A member adds colleagues of their own organisation and removes them (the API:
 * addCaseMember, removeCaseMember); the owner's members end a partner organisation's user's membership
 * (endPartnerMembership). Under break-the-glass nothing can be changed.
 */
export function CaseMembers(props: { c: CaseData; names: Map<string, string>; canManage: boolean; isOwner: boolean }) {
  const { t } = useTranslation();
  const user = useUser();
  const { c, names } = props;
  const [remove, removed] = useMutation(RemoveMember, afterMemberChange);
  const [end, ended] = useMutation(EndPartnerMembership, afterMemberChange);
  const [done, setDone] = useState('');
  const own = user.organisation.id;
  // The owner organisation keeps at least one member: its last one cannot be removed.
  const ownerMembers = c.members.filter((m) => m.organisationId === c.owner.id).length;
  const actionOf = (m: CaseData['members'][number]) => {
    if (!props.canManage || m.userId === user.id) return null;
    if (m.organisationId === own) return m.organisationId === c.owner.id && ownerMembers <= 1 ? null : 'remove';
    return props.isOwner ? 'end' : null;
  };
  const anyAction = c.members.some((m) => actionOf(m) !== null);
  const failure = removed.error ?? ended.error;

  const act = (m: CaseData['members'][number], kind: 'remove' | 'end') => {
    setDone('');
    const variables = { caseId: c.id, userId: m.userId };
    void (kind === 'remove' ? remove({ variables }) : end({ variables })).then(
      () =>
        setDone(t(kind === 'remove' ? 'cases.memberRemoved' : 'cases.partnerMembershipEnded', { name: m.displayName })),
      () => undefined,
    );
  };

  return (
    <section id="members" className="panel" aria-labelledby="members-h">
      <h2 id="members-h">{t('cases.section.members')}</h2>
      {failure && <ErrorMessage error={failure} />}
      {done && (
        <p className="notice notice-info" role="status">
          {done}
        </p>
      )}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('cases.section.members')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.memberName')}</th>
              <th scope="col">{t('cases.memberOrganisation')}</th>
              <th scope="col">{t('cases.memberSinceColumn')}</th>
              {anyAction && <th scope="col">{t('cases.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {c.members.map((m) => {
              const action = actionOf(m);
              return (
                <tr key={m.userId}>
                  <th scope="row">{m.displayName}</th>
                  <td>{names.get(m.organisationId) ?? t('cases.otherOrganisation')}</td>
                  <td className="nowrap">{formatDate(m.addedAt)}</td>
                  {anyAction && (
                    <td>
                      {action && (
                        <button type="button" className="button secondary small" onClick={() => act(m, action)}>
                          {t(action === 'remove' ? 'cases.removeMemberOf' : 'cases.endPartnerMembershipOf', {
                            name: m.displayName,
                          })}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {props.canManage && c.status === 'OPEN' && <AddMemberForm caseId={c.id} onAdded={setDone} />}
    </section>
  );
}

/** Search the own organisation's case workers who are not members yet, and add one. */
function AddMemberForm({ caseId, onAdded }: { caseId: string; onAdded: (message: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [search, setSearch] = useState('');
  const [asked, setAsked] = useState('');
  const [userId, setUserId] = useState('');
  const [error, setError] = useState('');
  // The API searches; the list follows the typing after a short pause.
  useEffect(() => {
    const timer = setTimeout(() => setAsked(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const candidates = useQuery(Candidates, {
    variables: { caseId, search: asked || null },
    fetchPolicy: 'cache-and-network',
  });
  const [add, added] = useMutation(AddMember, afterMemberChange);
  const list = candidates.data?.caseMemberCandidates ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!userId) {
      setError(t('cases.chooseColleague'));
      document.getElementById(`${id}-user`)?.focus();
      return;
    }
    setError('');
    void add({ variables: { caseId, userId } }).then(
      (r) => {
        setUserId('');
        onAdded(t('cases.memberAdded', { name: r.data?.addCaseMember.displayName ?? '' }));
      },
      () => undefined,
    );
  };

  return (
    <form className="form subform" onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('cases.addMemberTitle')}</h3>
      <p className="hint">{t('cases.addMemberHint')}</p>
      {added.error && <ErrorMessage error={added.error} />}
      {candidates.error && <ErrorMessage error={candidates.error} />}
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-search`}>{t('cases.searchColleague')}</label>
          <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <SelectField
          id={`${id}-user`}
          label={t('cases.colleague')}
          name="userId"
          value={userId}
          onChange={setUserId}
          required
          error={error}
          description={
            candidates.loading && !candidates.data
              ? t('cases.colleaguesLoading')
              : t('cases.colleaguesFound', { count: list.length })
          }
        >
          <option value="">{t('cases.choose')}</option>
          {list.map((u) => (
            <option key={u.userId} value={u.userId}>
              {u.displayName}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={added.loading}>
          {t('cases.addMember')}
        </button>
      </div>
    </form>
  );
}
