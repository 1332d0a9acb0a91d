import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemText } from './ErrorNotice';

/** Toasts for the outcome of an action: errors keep their trace id on screen until closed. */
export function useNotify() {
  const { notification, message } = App.useApp();
  const { t } = useTranslation();
  return {
    done: (text: string) => void message.success(text),
    failed: (error: unknown, title?: string) =>
      notification.error({
        title: title ?? t('error.title'),
        description: <ProblemText error={error} />,
        duration: 0,
      }),
  };
}
