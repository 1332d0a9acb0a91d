import { bilingual, measureImplementationStatuses } from '@tradepilot/contracts';
import { z } from 'zod';
import { periodIdInput } from '../reports/report-inputs';
import { pilotAreaIdInput, roundInput } from '../supervision-inputs';

const slug = (zh: string, en: string) => z.string().regex(/^[a-z][a-z0-9-]{1,63}$/, bilingual(zh, en));

/** The province's (a pilot-area officer: their own area's) rates, per period and over periods. */
export const implementationRateInput = z
  .strictObject({
    /** the program's newest round when left out */
    round: roundInput.optional(),
    /** one area of the province only */
    pilotAreaId: pilotAreaIdInput.optional(),
  })
  .default({});

/** One area's measures for a period (its latest accepted period when left out). */
export const areaMeasuresInput = z.strictObject({
  pilotAreaId: pilotAreaIdInput,
  periodId: periodIdInput.optional(),
  round: roundInput.optional(),
});

export const nationalRateInput = z.strictObject({ round: roundInput.optional() }).default({});

/** The ministry's area × measure matrix of one period (the latest with accepted reports when left out). */
export const matrixInput = z
  .strictObject({
    round: roundInput.optional(),
    periodId: periodIdInput.optional(),
    taskGroupId: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{1,63}$/,
        bilingual(
          '任务组标识须为小写标识，例如 "opening-up"',
          'a task group id is a lowercase slug such as "opening-up"',
        ),
      )
      .optional(),
    province: slug(
      '省份须为小写拼音标识，例如 "guangdong"',
      'a province is a lowercase slug such as "guangdong"',
    ).optional(),
    status: z
      .enum(
        measureImplementationStatuses,
        bilingual(
          '落实状态须为 implemented（已落地）、not_implemented（未落地）或 not_planned（未纳入方案）',
          'the status is implemented, not_implemented or not_planned',
        ),
      )
      .optional(),
    /** the central department responsible for the measures */
    departmentId: slug(
      '部门标识须为小写标识，例如 "mofcom"',
      'a department id is a lowercase slug such as "mofcom"',
    ).optional(),
  })
  .default({});
export type MatrixInput = z.infer<typeof matrixInput>;
