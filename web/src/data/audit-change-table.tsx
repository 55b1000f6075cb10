import { useTranslation } from 'react-i18next';
import { diffAuditValues } from './audit-diff.ts';

/** The before/after view of one audit entry: one row per changed field. */
export function AuditChangeTable({ before, after, caption }: { before: unknown; after: unknown; caption: string }) {
  const { t } = useTranslation();
  const changes = diffAuditValues(before, after);
  if (changes.length === 0) return <p className="muted">{t('data.auditNoChanges')}</p>;
  return (
    <div className="table-wrap">
      <table className="table data-diff" data-testid="audit-diff">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('data.auditField')}</th>
            <th scope="col">{t('data.auditBefore')}</th>
            <th scope="col">{t('data.auditAfter')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.path}>
              <th scope="row" className="data-diff__path">{change.path}</th>
              <td className="data-diff__before">{change.before === null ? <span className="muted">—</span> : <del>{change.before}</del>}</td>
              <td className="data-diff__after">{change.after === null ? <span className="muted">—</span> : <ins>{change.after}</ins>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
