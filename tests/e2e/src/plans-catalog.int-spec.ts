import { startTestStack, type TestStack } from '@tradepilot/test-stack';
import { TRPCClientError } from '@trpc/client';
import ExcelJS from 'exceljs';
import { signIn, type GatewayClient } from './test/gateway-client';
import { measureCsv } from './test/measure-csv';

const errorData = (e: unknown) => (e as TRPCClientError<never>).data as unknown as Record<string, unknown>;

describe('the measures catalog through the gateway', () => {
  let stack: TestStack;
  let ministry: GatewayClient;
  let operator: GatewayClient;
  let province: GatewayClient;

  beforeAll(async () => {
    stack = await startTestStack({
      apps: ['plans', 'gateway'],
      appEnv: { plans: { SAMPLE_CATALOG: 'if-empty' } },
    });
    ministry = await signIn(stack, 'mofcom-officer');
    operator = await signIn(stack, 'operator');
    province = await signIn(stack, 'guangdong-province');
  });
  afterAll(() => stack?.close());

  it('starts with the 8 task groups and the illustrative sample catalog, flagged as such', async () => {
    const groups = await province.trpc.taskGroup.list.query({});
    expect(groups.map((g) => g.id)).toEqual([
      'management',
      'opening-up',
      'facilitation',
      'development-models',
      'promotion',
      'policy',
      'regulation',
      'statistics',
    ]);
    const sample = await province.trpc.measure.list.query({});
    expect(sample.length).toBeGreaterThanOrEqual(24);
    expect(sample.every((m) => m.illustrative)).toBe(true);
    // what a department's liaison looks for: the measures it is responsible for
    const safe = await ministry.trpc.measure.list.query({ departmentId: 'safe' });
    expect(safe.map((m) => m.id)).toEqual(['M-3-01']);
  });

  it('imports nothing when any row is wrong, and reports each problem by row and column in both languages', async () => {
    const before = await ministry.trpc.measure.list.query({});
    const csv = measureCsv([
      'X-1,policy,良好的一行,Good row,,guangzhou,false,active,false',
      'X-2,nowhere,,,atlantis,guangzhou,perhaps,active,false',
      'X-1,policy,重复编号,,,guangzhou,false,active,false',
    ]);
    const error = await ministry.trpc.measure.import
      .mutate({ format: 'csv', content: csv })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    const data = errorData(error);
    expect(data).toMatchObject({ code: 'BAD_REQUEST', appCode: 'MEASURE_IMPORT_REJECTED' });
    const problems = (
      data['details'] as {
        problems: { row: number; column: string; code: string; messages: { 'zh-CN': string; en: string } }[];
      }
    ).problems;
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, 'text_zh_cn', 'EMPTY_VALUE'],
      [3, 'regulatory_adjustment', 'NOT_A_BOOLEAN'],
      [3, 'task_group', 'UNKNOWN_TASK_GROUP'],
      [3, 'responsible_departments', 'UNKNOWN_DEPARTMENT'],
      [4, 'id', 'DUPLICATE_MEASURE_ID'],
    ]);
    for (const p of problems) expect(p.messages['zh-CN']).not.toEqual(p.messages.en);
    expect(await ministry.trpc.measure.list.query({})).toEqual(before);
  });

  it('exports CSV with a UTF-8 BOM that round-trips through import unchanged', async () => {
    const exported = await province.trpc.measure.export.query({ format: 'csv' });
    expect(exported).toMatchObject({ encoding: 'utf-8', contentType: 'text/csv; charset=utf-8' });
    expect(exported.content.charCodeAt(0)).toBe(0xfeff);
    expect(exported.content).toContain('推进服务贸易数字化');
    const before = await ministry.trpc.measure.list.query({});

    const report = await ministry.trpc.measure.import.mutate({ format: 'csv', content: exported.content });
    expect(report).toMatchObject({ rows: before.length, created: [], updated: [], unchanged: before.length });
    expect(await ministry.trpc.measure.list.query({})).toEqual(before);

    // an edited export imports as updates, each audited
    const edited = exported.content.replace('推进服务贸易数字化和单一窗口建设', '推进服务贸易数字化（修订）');
    const dry = await ministry.trpc.measure.import.mutate({ format: 'csv', content: edited, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, updated: ['M-3-02'] });
    expect((await ministry.trpc.measure.get.query({ measureId: 'M-3-02' })).version).toBe(1);
    await ministry.trpc.measure.import.mutate({ format: 'csv', content: edited });
    const updated = await ministry.trpc.measure.get.query({ measureId: 'M-3-02' });
    expect(updated).toMatchObject({ version: 2, text: { 'zh-CN': '推进服务贸易数字化（修订）' } });
    const [latest] = await operator.trpc.measure.history.query({ measureId: 'M-3-02' });
    expect(latest).toMatchObject({
      action: 'imported',
      actor: { userId: 'mofcom-officer' },
      changes: [{ field: 'text' }],
    });
  });

  it('exports XLSX that a spreadsheet program reads and that imports back, including new rows', async () => {
    const exported = await ministry.trpc.measure.export.query({ format: 'xlsx' });
    expect(exported.encoding).toBe('base64');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(exported.content, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getRow(1).getCell(1).text).toBe('id');
    sheet.addRow([
      'X-9',
      'statistics',
      '新增的一项举措',
      'A new measure',
      'mofcom',
      'guangzhou;shenzhen',
      'false',
      'active',
      'false',
    ]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');

    const report = await operator.trpc.measure.import.mutate({ format: 'xlsx', content });
    expect(report.created).toEqual(['X-9']);
    expect(report.updated).toEqual([]);
    expect(await ministry.trpc.measure.get.query({ measureId: 'X-9' })).toMatchObject({
      responsibleDepartments: ['mofcom'],
      pilotAreas: ['guangzhou', 'shenzhen'],
      illustrative: false,
    });
  });

  it('lets only ministry officers and operators edit, on the version they saw', async () => {
    const denied = await province.trpc.measure.import
      .mutate({ format: 'csv', content: measureCsv([]) })
      .catch((e: unknown) => e);
    expect(errorData(denied)).toMatchObject({ code: 'FORBIDDEN', appCode: 'ROLE_NOT_ALLOWED' });

    const measure = await operator.trpc.measure.update.mutate({
      measureId: 'X-9',
      version: 1,
      changes: { status: 'retired' },
    });
    expect(measure).toMatchObject({ status: 'retired', version: 2 });
    const stale = await ministry.trpc.measure.update
      .mutate({ measureId: 'X-9', version: 1, changes: { illustrative: true } })
      .catch((e: unknown) => e);
    expect(errorData(stale)).toMatchObject({
      code: 'CONFLICT',
      appCode: 'VERSION_CONFLICT',
      details: { savedBy: 'operator' },
    });

    const unknownDepartment = await ministry.trpc.measure.update
      .mutate({ measureId: 'X-9', version: 2, changes: { responsibleDepartments: ['mofcom', 'nowhere'] } })
      .catch((e: unknown) => e);
    expect(errorData(unknownDepartment)).toMatchObject({
      appCode: 'UNKNOWN_DEPARTMENT',
      details: { issues: [{ path: 'changes.responsibleDepartments.1' }] },
    });
    const strict = await ministry.trpc.measure.create
      .mutate({
        id: 'X-10',
        taskGroupId: 'policy',
        text: { 'zh-CN': '文本', en: '' },
        pilotAreas: ['guangzhou'],
        surprise: 1,
      } as never)
      .catch((e: unknown) => e);
    expect(errorData(strict)).toMatchObject({
      appCode: 'VALIDATION_FAILED',
      issues: [{ code: 'unrecognized_keys' }],
    });
    expect((await ministry.trpc.measure.get.query({ measureId: 'X-9' })).version).toBe(2);
  });
});
