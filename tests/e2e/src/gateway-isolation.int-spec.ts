import {
  catalogTopics,
  isRegisteredService,
  policyFor,
  serviceRegistry,
  topicOwner,
  type ProcedurePolicy,
  type Role,
} from '@tradepilot/contracts';
import {
  EventRecorder,
  eventually,
  startTestStack,
  type TestStack,
  untilPasses,
} from '@tradepilot/test-stack';
import { TenantRegistry } from '@tradepilot/tenancy';
import { forEachConcurrently, uniqueSuffix } from '@tradepilot/testing';
import { signIn } from './test/gateway-client';
import { testPeriod } from './test/plan-drafting';
import { publishBatch, recommendedPractice } from './test/practice-publication';
import { documentsOf, snapshotDatabases } from './test/gateway-database-snapshot';
import {
  devLogin,
  http,
  procedureCatalog,
  trpcBatch,
  trpcCall,
  trpcData,
  trpcError,
  type CatalogProcedure,
  type HttpAnswer,
} from './test/gateway-http';
import { idFields, sampleOf, stringFields, withValueAt, type SchemaNode } from './test/gateway-json-schema';

/**
 * Tenant isolation and injection resistance, GENERATED from the routers the running services
 * describe (/internal/catalog): a procedure someone adds is covered without touching this file.
 *
 * Province A = guangdong, province B = zhejiang. B's ids come from B's own databases (every
 * document of every `<service>_zhejiang` database) and from the registry (B's pilot areas);
 * an input field `<thing>Id` takes the ids of B's collection named after `<thing>`. B has a plan
 * and its approval case, a practice draft, a practice of its own published for everyone, and an
 * adoption (planned) of it: the published practice is everyone's to read, so its id is not one
 * of B's private ids; the draft and the adoption are.
 */
const registry = TenantRegistry.fromSeed();
const B = 'zhejiang';
/** demo users of A, by role */
const usersOfA: Partial<Record<Role, string>> = {
  'province-officer': 'guangdong-province',
  'pilot-area-officer': 'guangzhou-officer',
};
/** who may call a procedure at all, for the fuzz: the first role the policy allows */
const userForRole: Record<Role, string> = {
  'province-officer': 'guangdong-province',
  'pilot-area-officer': 'guangzhou-officer',
  'ministry-officer': 'mofcom-officer',
  'department-liaison': 'mct-liaison',
  operator: 'operator',
};
const operatorPayloads: unknown[] = [
  { $ne: null },
  { $gt: '' },
  { $regex: '.*' },
  { $where: 'sleep(1000) || true' },
  { $exists: true },
  { $in: ['guangzhou', 'hangzhou'] },
  { $nin: [] },
  { $expr: { $eq: [1, 1] } },
  { $or: [{}] },
];

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z]/g, '');

describe('tenant isolation and operator injection, generated from the routers', () => {
  const suffix = uniqueSuffix();
  const markerA = `ISOLATION-A-${suffix}`;
  const markerB = `ISOLATION-B-${suffix}`;
  let stack: TestStack;
  let recorder: EventRecorder;
  let catalog: CatalogProcedure[];
  const tokens = new Map<string, string>();
  let idsOfB: Map<string, { id: string; version: number | undefined }[]>;
  let allIdsOfB: string[];
  /** B's practice published in batch 1, readable by every signed-in user */
  let publishedOfB: string;
  let practiceDraftOfB: string;
  let adoptionOfB: string;
  const coverage = {
    idWithRealB: [] as string[],
    idWithoutB: [] as string[],
    forbidden: [] as string[],
    lists: [] as string[],
    listsSampleRejected: [] as string[],
  };

  const token = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, (await devLogin(stack, username)).accessToken);
    return tokens.get(username) as string;
  };
  const inB = (db: string) => db.endsWith(`_${B}`);

  beforeAll(async () => {
    stack = await startTestStack({
      // every registered app: a service someone adds is covered too
      apps: serviceRegistry.map((s) => s.name),
      appEnv: {
        gateway: {
          RATE_LIMIT_USER_CALLS: '100000',
          RATE_LIMIT_TENANT_CALLS: '100000',
          RATE_LIMIT_ANONYMOUS_CALLS: '100000',
        },
      },
    });
    recorder = new EventRecorder(stack.topicPrefix, stack.kafkaBrokers);
    // every topic of a deployed service: a refused call must produce no event anywhere
    await recorder.start(catalogTopics.filter((t) => isRegisteredService(topicOwner(t))));
    catalog = (await procedureCatalog(stack)).procedures;

    // each province has a plan; B's is submitted, so B also has an approval case
    for (const [user, area, marker] of [
      ['guangdong-province', 'guangzhou', markerA],
      ['zhejiang-province', 'hangzhou', markerB],
    ] as const) {
      // no catalog in this stack: plans without tasks (no measure to cover); the marker is in the title
      const created = await trpcCall(stack, await token(user), 'plan.create', 'mutation', {
        pilotAreaId: area,
        title: { 'zh-CN': `${marker} 实施方案`, en: `${marker} plan` },
        period: testPeriod,
      });
      const plan = trpcData<{ id: string; version: number }>(created);
      if (!plan) throw new Error(`seeding ${user}: ${created.text}`);
      if (marker === markerB) {
        let version = plan.version;
        for (const signer of [`${area}-officer`, user]) {
          const signed = trpcData<{ version: number }>(
            await trpcCall(stack, await token(signer), 'plan.sign', 'mutation', { planId: plan.id, version }),
          );
          if (!signed) throw new Error(`seeding: ${signer} could not sign`);
          version = signed.version;
        }
        const submitted = await trpcCall(stack, await token(user), 'plan.submit', 'mutation', {
          planId: plan.id,
          version,
        });
        if (!trpcData(submitted)) throw new Error(`seeding: submit failed: ${submitted.text}`);
      }
    }
    await recorder.waitForEvent('approval.case_opened.v1', (e) => e.envelope?.tenant === B);

    // B's exemplary practices: a draft of its pilot area (the marker in its title), one published
    // through the real flow (area → province → ministry → batch 1), and B's adoption of it
    const hangzhou = await signIn(stack, 'hangzhou-officer');
    const zhejiang = await signIn(stack, 'zhejiang-province');
    const ministry = await signIn(stack, 'mofcom-officer');
    practiceDraftOfB = (
      await hangzhou.trpc.practice.create.mutate({
        title: { 'zh-CN': `${markerB} 案例草稿`, en: `${markerB} practice draft` },
      })
    ).id;
    publishedOfB = await recommendedPractice(hangzhou, zhejiang, ministry, {
      title: { 'zh-CN': '服务贸易一站式平台', en: 'One-stop services trade platform' },
      practice: '企业一次申报，全流程网上办理。',
      results: '办理时间缩短一半。',
      tags: ['便利化'],
    });
    await publishBatch(ministry, 1, [publishedOfB]);
    adoptionOfB = (
      await zhejiang.trpc.adoption.declare.mutate({
        practiceId: publishedOfB,
        pilotAreaId: 'hangzhou',
        localUnit: '杭州市商务局',
        date: '2026-08-01',
      })
    ).id;
    await eventually(
      async () =>
        (await hangzhou.trpc.practice.get.query({ practiceId: publishedOfB })).status === 'published',
      { description: "the published practice marked published in B's database", timeoutMs: 30_000 },
    );

    // B's outboxes drained: from here on B's databases change only if someone changes them
    const documents = await eventually(
      async () => {
        const found = await documentsOf(stack.mongoUrl, stack.databasePrefix, inB);
        return found.length >= 2 && found.every((d) => !d.outboxPending) && found;
      },
      { description: "B's documents settled" },
    );
    // the published practice is public: not one of B's private ids
    const privateOfB = documents.filter((d) => d.id !== publishedOfB);
    idsOfB = new Map();
    for (const d of privateOfB) {
      const list = idsOfB.get(normalise(d.collection)) ?? [];
      list.push({ id: d.id, version: d.version });
      idsOfB.set(normalise(d.collection), list);
    }
    for (const area of registry.pilotAreasOf(B))
      idsOfB.set('pilotareas', [{ id: area.id, version: undefined }]);
    allIdsOfB = privateOfB.map((d) => d.id);
    expect(idsOfB.get('practices')?.map((p) => p.id)).toEqual([practiceDraftOfB]);
    expect(idsOfB.get('adoptions')?.map((a) => a.id)).toEqual([adoptionOfB]);
  }, 600_000);
  afterAll(async () => {
    await recorder?.stop();
    await stack?.close();
    // how much the generated suite covered, for the record
    process.stdout.write(`isolation coverage: ${JSON.stringify(coverage)}\n`);
  });

  /** B's documents for an input field `<thing>Id`: the collection named `<thing>s` (or `<thing>`). */
  const idOfBFor = (field: string) => {
    const thing = normalise(field.replace(/Id$/, ''));
    return (idsOfB.get(`${thing}s`) ?? idsOfB.get(thing) ?? idsOfB.get(`${thing}es`))?.[0];
  };
  const required = (p: CatalogProcedure) => new Set((p.input as SchemaNode | null)?.required ?? []);
  const callerOfA = (policy: ProcedurePolicy | undefined) => {
    // 'authenticated' procedures are open to province officers too: the service decides what they reach
    const provincial =
      policy?.scope === 'own-province' ||
      policy?.scope === 'own-pilot-area' ||
      policy?.scope === 'authenticated';
    const role = provincial ? policy?.roles.find((r) => usersOfA[r]) : undefined;
    return role ? (usersOfA[role] as string) : undefined;
  };
  const call = async (user: string | undefined, p: CatalogProcedure, input: unknown) =>
    trpcCall(stack, user ? await token(user) : undefined, p.path, p.type, input);
  const restCall = async (user: string, p: CatalogProcedure, input: unknown): Promise<HttpAnswer> => {
    const headers = { authorization: `Bearer ${await token(user)}`, 'content-type': 'application/json' };
    if (p.rest.method === 'GET') {
      const query = new URLSearchParams(input as Record<string, string>).toString();
      return http(`${stack.gatewayUrl}/api${p.rest.path}${query ? `?${query}` : ''}`, { headers });
    }
    return http(`${stack.gatewayUrl}/api${p.rest.path}`, {
      method: p.rest.method,
      headers,
      body: JSON.stringify(input),
    });
  };
  const expectNoDataOfB = (answer: HttpAnswer, sentIds: string[]) => {
    expect(answer.text).not.toContain(markerB);
    for (const id of allIdsOfB.filter((i) => !sentIds.includes(i))) expect(answer.text).not.toContain(id);
  };

  it('a procedure that takes an id, called by province A with an id of province B: NOT_FOUND, no data, B unchanged, no event', async () => {
    const before = await snapshotDatabases(stack.mongoUrl, stack.databasePrefix, { databases: inB });
    const eventsBefore = recorder.events.length;
    const idProcedures = catalog.filter((p) =>
      idFields(p.input as SchemaNode).some((f) => required(p).has(f)),
    );
    expect(idProcedures.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        'plan.get',
        'plan.submit',
        'case.get',
        'case.decide',
        'practice.get',
        'practice.save',
        'practice.submit',
        'adoption.get',
        'adoption.advance',
        'library.get',
      ]),
    );

    // each call is A's, against B's data, and changes nothing: four procedures at a time
    await forEachConcurrently(idProcedures, 4, async (p) => {
      const policy = policyFor(p.path);
      // the smallest valid-looking input first; a schema-level rule (e.g. "give one field to save")
      // may need the full sample — either way B's ids go in every id field
      const withIdsOfB = (base: Record<string, unknown>) => {
        let input = base;
        for (const field of idFields(p.input as SchemaNode)) {
          const ofB = idOfBFor(field);
          if (!ofB) continue;
          input = { ...input, [field]: ofB.id };
          if ('version' in input && ofB.version !== undefined) input = { ...input, version: ofB.version };
        }
        return input;
      };
      // the smallest sample, the full one, then the smallest plus one optional field at a time:
      // the first the schema accepts reaches the service with B's ids
      const minimal = sampleOf(p.input as SchemaNode, { full: false }) as Record<string, unknown>;
      const full = sampleOf(p.input as SchemaNode, { full: true }) as Record<string, unknown>;
      const candidates = [
        minimal,
        full,
        ...Object.keys(full)
          .filter((k) => !(k in minimal))
          .map((k) => ({ ...minimal, [k]: full[k] })),
      ].map(withIdsOfB);
      const sent: string[] = [];
      let real = false;
      for (const field of idFields(p.input as SchemaNode)) {
        const ofB = idOfBFor(field);
        if (!ofB) continue;
        sent.push(ofB.id);
        real = real || required(p).has(field);
      }
      const user = callerOfA(policy);
      // with a real id of B the answer must be NOT_FOUND; where B has no such document (the
      // generator sent a made-up id) a validation error of the generated sample is no data either
      const expected = !user ? ['FORBIDDEN'] : real ? ['NOT_FOUND'] : ['NOT_FOUND', 'BAD_REQUEST'];
      const caller = user ?? 'guangdong-province';
      let input = candidates[0] as Record<string, unknown>;
      for (const candidate of candidates) {
        input = candidate;
        if (trpcError(await call(caller, p, input))?.data.appCode !== 'VALIDATION_FAILED') break;
      }
      for (const answer of [await call(caller, p, input), await restCall(caller, p, input)]) {
        const body = answer.body as { error?: { data?: { code: string }; code?: string } };
        const code = body.error?.data?.code ?? body.error?.code;
        expect({ procedure: p.path, code, expected: expected.includes(code as string) }).toEqual({
          procedure: p.path,
          code,
          expected: true,
        });
        expect(trpcData(answer)).toBeUndefined();
        expectNoDataOfB(answer, sent);
      }
      (user ? (real ? coverage.idWithRealB : coverage.idWithoutB) : coverage.forbidden).push(p.path);
    });
    expect(coverage.idWithRealB.length).toBeGreaterThan(0);
    // the practices procedures were called with B's real draft and adoption, not made-up ids
    expect(coverage.idWithRealB).toEqual(
      expect.arrayContaining([
        'practice.get',
        'practice.save',
        'practice.submit',
        'practice.audit',
        'adoption.get',
        'adoption.advance',
        'adoption.declare',
        'library.get',
        'library.lineage',
      ]),
    );

    expect(await snapshotDatabases(stack.mongoUrl, stack.databasePrefix, { databases: inB })).toEqual(before);
    // a change by B itself shows up; nothing of A's calls does
    // the open-case index follows B's case by event (the seeding saw the event, not the index)
    const caseOfB = await eventually(
      async () =>
        trpcData<{ id: string; tenant: string }[]>(
          await trpcCall(stack, await token('mofcom-officer'), 'case.listOpen', 'query', {}),
        )?.find((c) => c.tenant === B),
      { description: "B's open case in the ministry's index" },
    );
    const decided = await trpcCall(stack, await token('mofcom-officer'), 'case.decide', 'mutation', {
      caseId: caseOfB.id,
      decision: 'return',
      reason: 'isolation suite sentinel',
      version: idsOfB.get('cases')?.find((c) => c.id === caseOfB.id)?.version,
    });
    expect(decided.status).toBe(200);
    // the sentinel's own completion (B's practice case completed earlier, during the seeding)
    await recorder.waitForEvent('approval.case_completed.v1', (e) => e.envelope?.aggregateId === caseOfB.id);
    const sinceBefore = recorder.events.slice(eventsBefore).filter((e) => e.envelope?.tenant === B);
    // exactly the events of the sentinel decision (the step, then the case), nothing of A's calls
    expect(sinceBefore.map((e) => e.envelope?.type)).toEqual([
      'approval.step_decided.v1',
      'approval.case_completed.v1',
    ]);
  });

  it("province B's published practice is readable by province A, and by its pilot areas", async () => {
    for (const user of ['guangdong-province', 'guangzhou-officer']) {
      const got = await trpcCall(stack, await token(user), 'library.get', 'query', {
        practiceId: publishedOfB,
      });
      expect({ user, practice: trpcData<{ id: string; province: string }>(got) }).toMatchObject({
        user,
        practice: { id: publishedOfB, province: B },
      });
      // the search index follows the library version, and the lineage B's adoption event: the
      // seeding waited for neither, so read until they show
      await untilPasses(
        async () => {
          const found = await trpcCall(stack, await token(user), 'library.search', 'query', {
            text: '一站式',
          });
          expect(
            trpcData<{ hits: { practice: { id: string } }[] }>(found)?.hits.map((h) => h.practice.id),
          ).toEqual([publishedOfB]);
        },
        { description: `B's published practice in the search index, for ${user}` },
      );
      // B's replication of it is public too (where it was replicated), B's adoption record is not
      await untilPasses(
        async () => {
          const lineage = await trpcCall(stack, await token(user), 'library.lineage', 'query', {
            practiceId: publishedOfB,
          });
          expect(trpcData<{ replications: { province: string }[] }>(lineage)?.replications).toEqual([
            expect.objectContaining({ province: B, adoptionId: adoptionOfB }),
          ]);
        },
        { description: `B's adoption in the lineage, for ${user}` },
      );
    }
  });

  it('list, search and export procedures give province A nothing of province B', async () => {
    const lists = catalog.filter(
      (p) => p.type === 'query' && !idFields(p.input as SchemaNode).some((f) => required(p).has(f)),
    );
    expect(lists.map((p) => p.path)).toEqual(expect.arrayContaining(['plan.list']));
    for (const p of lists) {
      const user = callerOfA(policyFor(p.path));
      if (!user) {
        if (policyFor(p.path)?.scope === 'public' || policyFor(p.path)?.scope === 'authenticated') continue;
        const denied = await call('guangdong-province', p, sampleOf(p.input as SchemaNode, { full: false }));
        expect({ procedure: p.path, code: trpcError(denied)?.data.code }).toEqual({
          procedure: p.path,
          code: 'FORBIDDEN',
        });
        continue;
      }
      // with defaults, and with every optional id filter pointing at B
      const plain = sampleOf(p.input as SchemaNode, { full: false }) as Record<string, unknown>;
      const filtered = Object.fromEntries(
        idFields(p.input as SchemaNode)
          .map((f) => [f, idOfBFor(f)?.id])
          .filter(([, id]) => id),
      );
      let answered = 0;
      for (const input of [plain, { ...plain, ...filtered }]) {
        const answer = await call(user, p, input);
        // 400: the generated sample did not satisfy the input; 404: nothing such (a generated year
        // without a calendar); no data either way
        expect({
          procedure: p.path,
          status: answer.status,
          expected: [200, 400, 404].includes(answer.status),
        }).toEqual({
          procedure: p.path,
          status: answer.status,
          expected: true,
        });
        if (answer.status === 200) answered += 1;
        expectNoDataOfB(answer, Object.values(filtered) as string[]);
      }
      (answered > 0 ? coverage.lists : coverage.listsSampleRejected).push(p.path);
    }
    expect(coverage.lists).toContain('plan.list');
    // the lists do work: A sees its own plan
    const own = await trpcCall(stack, await token('guangdong-province'), 'plan.list', 'query', {});
    expect(own.text).toContain(markerA);
  });

  it("naming province B in the input or a header of any of A's procedures is refused", async () => {
    const ofA = catalog.filter((p) => callerOfA(policyFor(p.path)));
    expect(ofA.length).toBeGreaterThan(0);
    for (const p of ofA) {
      const user = callerOfA(policyFor(p.path)) as string;
      const input = { ...(sampleOf(p.input as SchemaNode, { full: false }) as object), tenant: B };
      const inBody = await call(user, p, input);
      expect({ procedure: p.path, appCode: trpcError(inBody)?.data.appCode }).toEqual({
        procedure: p.path,
        appCode: 'TENANT_MISMATCH',
      });
      const inHeader = await trpcCall(
        stack,
        await token(user),
        p.path,
        p.type,
        sampleOf(p.input as SchemaNode, { full: false }),
        {
          'x-tenant': B,
        },
      );
      expect({ procedure: p.path, status: inHeader.status }).toEqual({ procedure: p.path, status: 403 });
    }
  });

  it('operators reach no domain procedure', async () => {
    // what operators may do is in the policy table (the measures catalog, the holiday calendar)
    const domain = catalog.filter(
      (p) => p.service !== 'gateway' && !policyFor(p.path)?.roles.includes('operator'),
    );
    expect(domain.length).toBeGreaterThan(0);
    for (const p of domain) {
      const answer = await call('operator', p, sampleOf(p.input as SchemaNode, { full: false }));
      expect({ procedure: p.path, code: trpcError(answer)?.data.code }).toEqual({
        procedure: p.path,
        code: 'FORBIDDEN',
      });
    }
  });

  it('operator objects in every string field of every procedure: 400 naming the field, nothing read, nothing written', async () => {
    for (const user of Object.values(userForRole)) await token(user);
    // the audit record grows by design: failed cross-province attempts are on it too
    const before = await snapshotDatabases(stack.mongoUrl, stack.databasePrefix, {
      // the record of the calls themselves, and the timer scheduler's heartbeat, change by design
      skipCollections: ['audit_log', 'scheduler_heartbeat'],
    });
    let cases = 0;
    const fuzzed: string[] = [];
    // independent calls that only read: four procedures at a time
    await forEachConcurrently(catalog, 4, async (p) => {
      if (!p.input) return;
      const policy = policyFor(p.path);
      const role = policy?.roles[0];
      const user = policy?.scope === 'public' ? undefined : role ? userForRole[role] : 'guangdong-province';
      const base = sampleOf(p.input as SchemaNode, { full: true });
      const fields = stringFields(p.input as SchemaNode);
      if (fields.length === 0) return;
      fuzzed.push(p.path);
      for (const field of fields) {
        const calls = operatorPayloads.map((payload) => ({
          path: p.path,
          input: withValueAt(base, field, payload),
        }));
        const batch = await trpcBatch(stack, user ? await token(user) : undefined, p.type, calls);
        const items = batch.body as {
          result?: unknown;
          error?: { data: { httpStatus: number; appCode: string; issues?: { path: string }[] } };
        }[];
        for (const item of items) {
          cases += 1;
          expect(item.result).toBeUndefined();
          expect({ procedure: p.path, field: field.join('.'), status: item.error?.data.httpStatus }).toEqual({
            procedure: p.path,
            field: field.join('.'),
            status: 400,
          });
          expect(item.error?.data.appCode).toBe('VALIDATION_FAILED');
          expect(item.error?.data.issues?.map((i) => i.path)).toContain(field.join('.'));
        }
      }
    });
    expect(fuzzed).toEqual(
      expect.arrayContaining(['plan.create', 'plan.get', 'case.decide', 'auth.devLogin']),
    );
    expect(
      await snapshotDatabases(stack.mongoUrl, stack.databasePrefix, {
        skipCollections: ['audit_log', 'scheduler_heartbeat'],
      }),
    ).toEqual(before);
    process.stdout.write(`operator-injection fuzz: ${cases} cases over ${fuzzed.length} procedures\n`);
  }, 600_000);
});
