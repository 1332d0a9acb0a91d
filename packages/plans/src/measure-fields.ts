import { bilingual, type ErrorMessages } from '@tradepilot/contracts';
import type { TenantRegistry } from '@tradepilot/tenancy';
import { z } from 'zod';
import { measureStatuses, type MeasureFields } from './measure-model';
import { taskGroupIds } from './task-group-model';

export const measureIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
export const measureIdSchema = z
  .string()
  .regex(
    measureIdPattern,
    bilingual(
      '举措编号须为 1–32 个字母、数字、“-”或“_”，以字母或数字开头，例如 M-3-02',
      'a measure id is 1–32 letters, digits, "-" or "_", starting with a letter or digit, e.g. M-3-02',
    ),
  );

export const textLimit = 2000;
const shortId = z.string().min(1).max(32);

/** The editable fields of a measure, as API input. */
export const measureFieldsSchema = z.strictObject({
  taskGroupId: shortId,
  text: z.strictObject({
    'zh-CN': z.string().trim().min(1).max(textLimit),
    en: z.string().trim().max(textLimit),
  }),
  responsibleDepartments: z.array(shortId).max(30),
  pilotAreas: z.array(shortId).min(1).max(50),
  regulatoryAdjustment: z.boolean(),
  status: z.enum(measureStatuses),
  illustrative: z.boolean(),
});

/** A problem with one field of a measure (index: the element of a list field). */
export interface MeasureFieldProblem {
  field: keyof MeasureFields;
  index?: number;
  code: string;
  messages: ErrorMessages;
}

/** Checks what a schema cannot: the task group, departments and pilot areas named must exist. */
export function measureFieldProblems(
  fields: Partial<MeasureFields>,
  registry: TenantRegistry,
): MeasureFieldProblem[] {
  const problems: MeasureFieldProblem[] = [];
  if (fields.taskGroupId !== undefined && !taskGroupIds.includes(fields.taskGroupId)) {
    problems.push({
      field: 'taskGroupId',
      code: 'UNKNOWN_TASK_GROUP',
      messages: {
        'zh-CN': `任务组“${fields.taskGroupId}”不存在，可选：${taskGroupIds.join('、')}`,
        en: `task group "${fields.taskGroupId}" does not exist; one of ${taskGroupIds.join(', ')}`,
      },
    });
  }
  const lists: [
    keyof MeasureFields & ('responsibleDepartments' | 'pilotAreas'),
    (id: string) => boolean,
    string,
    string,
    string,
  ][] = [
    [
      'responsibleDepartments',
      (id) => registry.department(id) !== undefined,
      'UNKNOWN_DEPARTMENT',
      '中央部门',
      'central department',
    ],
    [
      'pilotAreas',
      (id) => registry.pilotArea(id) !== undefined,
      'UNKNOWN_PILOT_AREA',
      '试点地区',
      'pilot area',
    ],
  ];
  for (const [field, known, code, zhWhat, enWhat] of lists) {
    const values = fields[field];
    if (!values) continue;
    const seen = new Set<string>();
    values.forEach((value, index) => {
      if (seen.has(value)) {
        problems.push({
          field,
          index,
          code: 'DUPLICATE_VALUE',
          messages: { 'zh-CN': `“${value}”重复出现`, en: `"${value}" is listed twice` },
        });
      } else if (!known(value)) {
        problems.push({
          field,
          index,
          code,
          messages: { 'zh-CN': `${zhWhat}“${value}”不存在`, en: `${enWhat} "${value}" does not exist` },
        });
      }
      seen.add(value);
    });
  }
  return problems;
}
