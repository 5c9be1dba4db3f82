import { useTranslation } from 'react-i18next';
import { typesIn } from './FollowUpCharts';
import type { FollowUpData } from './FollowUpPage';

/** The charts' figures as a table: activity types by quarter and for the whole year. */
export function FollowUpTable({ followUp }: { followUp: FollowUpData }) {
  const { t } = useTranslation();
  const periods = [...followUp.periods].sort((a, b) => (a.quarter ?? 5) - (b.quarter ?? 5));
  const head = (q: number | null | undefined) => (q ? t('followUp.quarter', { quarter: q }) : t('followUp.wholeYear'));
  const count = (p: (typeof periods)[number], type: string) =>
    p.byTypeAndStatus.filter((c) => c.type === type).reduce((s, c) => s + c.activities, 0);
  return (
    <div className="table-wrap">
      <table className="numbers">
        <caption id="followup-table-caption">{t('followUp.tableCaption', { year: followUp.year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('activity.type')}</th>
            {periods.map((p) => (
              <th scope="col" key={p.period}>
                {head(p.quarter)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {typesIn(followUp).map((type) => (
            <tr key={type}>
              <th scope="row">{t(`enums.PreventionActivityType.${type}`)}</th>
              {periods.map((p) => (
                <td key={p.period}>{count(p, type)}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('followUp.totalActivities')}</th>
            {periods.map((p) => (
              <td key={p.period}>{p.activities}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('followUp.peopleReached')}</th>
            {periods.map((p) => (
              <td key={p.period}>{p.peopleReached}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('followUp.placesCovered')}</th>
            {periods.map((p) => (
              <td key={p.period}>{p.placesCovered}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
