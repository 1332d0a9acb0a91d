import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { AppError } from './app-error';
import { internalBatchCalls } from './internal-batch-calls';
import type { ProcedureContext } from './procedure-context';
import { t } from './trpc';

const router = t.router({
  plan: t.router({
    get: t.procedure
      .input(z.strictObject({ planId: z.uuid() }))
      .query(({ input }) => ({ id: input.planId, version: 3 })),
    missing: t.procedure.input(z.strictObject({})).query(() => {
      throw new AppError('NOT_FOUND', 'PLAN_NOT_FOUND', { 'zh-CN': '未找到实施方案', en: 'No such plan' });
    }),
    nothing: t.procedure.query(() => undefined),
    save: t.procedure
      .input(z.strictObject({ title: z.string().min(2) }))
      .mutation(({ input }) => ({ saved: input.title })),
    broken: t.procedure.mutation(() => {
      throw new Error('a bug');
    }),
  }),
});

const context = (): ProcedureContext =>
  ({ principal: null, traceId: 'trace-1' }) as unknown as ProcedureContext;

async function serve(withBatchCalls: boolean) {
  const app = express();
  const failures: string[] = [];
  const answeredDirectly: string[] = [];
  app.use(
    '/trpc',
    express.json(),
    ...(withBatchCalls
      ? [
          internalBatchCalls(router, {
            createContext: () => {
              answeredDirectly.push('batch');
              return context();
            },
            onError: (e, path) => failures.push(`${path}:${e.code}`),
          }),
        ]
      : []),
    createExpressMiddleware({
      router,
      createContext: context,
      onError: ({ error, path }) => failures.push(`${path}:${error.code}`),
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`,
    failures,
    answeredDirectly,
    close: () => server.close(),
  };
}

const id = '7c1d3c44-4c1b-4d43-9a77-4b3f52f7c1a0';
const requests: [string, string, RequestInit?][] = [
  ['a query', `/plan.get?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { planId: id } }))}`],
  [
    'a query with a bad input',
    `/plan.get?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { planId: 'x', extra: 1 } }))}`,
  ],
  ['a domain error', `/plan.missing?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: {} }))}`],
  ['an answer of nothing', `/plan.nothing?batch=1`],
  [
    'two queries, one failing',
    `/plan.get,plan.missing?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { planId: id }, 1: {} }))}`,
  ],
  ['a mutation', '/plan.save?batch=1', { method: 'POST', body: JSON.stringify({ 0: { title: '方案' } }) }],
  [
    'a mutation with a bad input',
    '/plan.save?batch=1',
    { method: 'POST', body: JSON.stringify({ 0: { title: 'x' } }) },
  ],
  ['a bug', '/plan.broken?batch=1', { method: 'POST', body: '{}' }],
  [
    'a mutation sent as a query',
    `/plan.save?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { title: '方案' } }))}`,
  ],
  ['an unknown procedure', '/plan.unknown?batch=1'],
  ['input that is not JSON', '/plan.get?batch=1&input=%7Bnot'],
  ['not a batch', `/plan.get?input=${encodeURIComponent(JSON.stringify({ planId: id }))}`],
];

describe('gateway batches run through the procedures directly', () => {
  it.each(requests.map(([what, path, init], index) => ({ what, path, init, index })))(
    'answers $what exactly as the tRPC adapter does',
    async ({ path, init, index }) => {
      const [adapter, direct] = [await serve(false), await serve(true)];
      try {
        const ask = async (base: string) => {
          const res = await fetch(`${base}${path}`, {
            ...init,
            ...(init?.method === 'POST' ? { headers: { 'content-type': 'application/json' } } : {}),
          });
          return { status: res.status, body: await res.json() };
        };
        const expected = await ask(adapter.url);
        expect(await ask(direct.url)).toEqual(expected);
        expect(direct.failures).toEqual(adapter.failures);
        // the gateway's batches take the direct path; anything unusual is the adapter's
        expect(direct.answeredDirectly.length).toBe(index < 8 ? 1 : 0);
      } finally {
        adapter.close();
        direct.close();
      }
    },
  );
});
