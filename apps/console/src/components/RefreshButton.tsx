import { ReloadOutlined } from '@ant-design/icons';
import { useIsFetching, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Reads the page's lists again from the server. Others change them while the page is open (a
 * case arrives, a plan is approved); a browser reload would also restart the session's refresh.
 */
export function RefreshButton({ queryKeys }: { queryKeys: QueryKey[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fetching = useIsFetching({ predicate: (q) => queryKeys.some((k) => k[0] === q.queryKey[0]) }) > 0;
  return (
    <Button
      icon={<ReloadOutlined />}
      loading={fetching}
      onClick={() => void Promise.all(queryKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey })))}
    >
      {t('refresh')}
    </Button>
  );
}
