import { useQuery } from '@tanstack/react-query';
import { api } from '../api/trpc-client';
import { useLocalized } from './format';

/** Names of provinces, pilot areas and departments (the gateway's registry), cached for the session. */
export function usePlaces() {
  const localized = useLocalized();
  const query = useQuery({
    queryKey: ['reference.places'],
    queryFn: () => api.reference.places.query({}),
    staleTime: Infinity,
  });
  const data = query.data;
  const byId = new Map<string, { 'zh-CN': string; en: string }>();
  for (const p of data?.provinces ?? []) byId.set(`province:${p.id}`, p.name);
  for (const a of data?.pilotAreas ?? []) byId.set(`area:${a.id}`, a.name);
  for (const d of data?.departments ?? []) byId.set(`department:${d.id}`, d.name);
  return {
    provinces: data?.provinces ?? [],
    pilotAreas: data?.pilotAreas ?? [],
    departments: data?.departments ?? [],
    province: (id: string | null | undefined) => (id ? localized(byId.get(`province:${id}`)) : '—'),
    pilotArea: (id: string | null | undefined) => (id ? localized(byId.get(`area:${id}`)) : '—'),
    department: (id: string | null | undefined) => (id ? localized(byId.get(`department:${id}`)) : '—'),
  };
}
