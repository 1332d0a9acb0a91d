import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { toProblem } from '../api/api-error';
import { otherLanguage, type Language } from '../i18n/languages';

/** The service's message in the reader's language, the other language beneath it, and the trace id to quote. */
export function ProblemText({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  const problem = toProblem(error);
  const language = i18n.language as Language;
  return (
    <div data-testid="problem">
      <div lang={language}>{problem.messages[language]}</div>
      <Typography.Text type="secondary" lang={otherLanguage(language)}>
        {problem.messages[otherLanguage(language)]}
      </Typography.Text>
      {problem.issues.length > 0 && (
        <ul className="problem-issues">
          {problem.issues.map((issue) => (
            <li key={issue.path}>{`${issue.path}: ${issue.messages[language]}`}</li>
          ))}
        </ul>
      )}
      <div>
        <Typography.Text type="secondary">{t('error.traceId')}</Typography.Text>{' '}
        {problem.traceId ? (
          <Typography.Text code copyable={{ text: problem.traceId, tooltips: [t('error.copy'), t('error.copied')] }} data-testid="trace-id">
            {problem.traceId}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('error.noTraceId')}</Typography.Text>
        )}
      </div>
    </div>
  );
}

export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  return <Alert type="error" showIcon title={title ?? t('error.title')} description={<ProblemText error={error} />} />;
}
