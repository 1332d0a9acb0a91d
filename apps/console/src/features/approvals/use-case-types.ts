import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/trpc-client';
import { useLocalized } from '../../components/format';

export function useCaseTypes() {
  const localized = useLocalized();
  const query = useQuery({ queryKey: ['caseType.list'], queryFn: () => api.caseType.list.query({}), staleTime: Infinity });
  const types = query.data ?? [];
  return {
    types,
    name: (id: string) => localized(types.find((t) => t.id === id)?.name) ?? id,
  };
}
