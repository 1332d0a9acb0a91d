import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/trpc-client';
import { useLocalized } from '../../components/format';

const practiceColors: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'error',
  recommended: 'cyan',
  rejected: 'error',
  published: 'success',
};
const adoptionColors: Record<string, string> = {
  planned: 'default',
  'in-progress': 'processing',
  adopted: 'success',
  dropped: 'warning',
};

export function PracticeStatusTag({ status }: { status: string }) {
  const { t } = useTranslation('practices');
  return <Tag color={practiceColors[status]}>{t(`status.${status}`)}</Tag>;
}

export function AdoptionStatusTag({ status, count }: { status: string; count?: number }) {
  const { t } = useTranslation('practices');
  return (
    <Tag color={adoptionColors[status]}>
      {t(`adoptionStatus.${status}`)}
      {count !== undefined && count > 1 ? ` ×${count}` : ''}
    </Tag>
  );
}

/** Task group names (the plans service's reference list); the id where the list is unavailable. */
export function useTaskGroupName() {
  const localized = useLocalized();
  const groups = useQuery({ queryKey: ['taskGroup.list'], queryFn: () => api.taskGroup.list.query({}), staleTime: Infinity, retry: false });
  return {
    options: (groups.data ?? []).map((g) => ({ value: g.id, label: localized(g.name) })),
    name: (id: string | null | undefined) => {
      if (!id) return '—';
      const group = groups.data?.find((g) => g.id === id);
      return group ? localized(group.name) : id;
    },
  };
}

/** The title of a published practice, read once per session (adoptions name only the id). */
export function PublishedTitle({ practiceId }: { practiceId: string }) {
  const localized = useLocalized();
  const practice = useQuery({
    queryKey: ['library.get', practiceId],
    queryFn: () => api.library.get.query({ practiceId }),
    staleTime: Infinity,
  });
  return <>{practice.data ? localized(practice.data.title) : practiceId.slice(0, 8)}</>;
}
