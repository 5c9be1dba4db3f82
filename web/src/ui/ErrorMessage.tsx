import { useTranslation } from 'react-i18next';
import { errorKind, type ErrorKind } from './errors';

/** A Swedish sentence for a failed request, announced to screen readers. */
export function ErrorMessage({ error, kind: given, retry }: { error?: unknown; kind?: ErrorKind; retry?: () => void }) {
  const { t } = useTranslation();
  const kind = given ?? errorKind(error);
  return (
    <div role="alert" className="notice notice-error">
      <p>{t(`errors.${kind}`)}</p>
      {retry && (kind === 'network' || kind === 'server') && (
        <button type="button" className="button secondary" onClick={retry}>
          {t('errors.retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}
