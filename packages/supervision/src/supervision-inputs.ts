import { bilingual } from '@tradepilot/contracts';
import { z } from 'zod';

export const pilotAreaIdInput = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,63}$/,
    bilingual(
      '试点地区标识须为小写拼音，例如 "guangzhou"',
      'a pilot area id is a lowercase slug such as "guangzhou"',
    ),
  );

/** a program round, named by its year (2016, 2018, 2020, …) */
export const roundInput = z
  .int(bilingual('批次须为年份整数，例如 2020', 'a round is a year, e.g. 2020'))
  .min(2000, bilingual('批次须为 2000 年及以后的年份', 'a round is a year from 2000 on'))
  .max(2100, bilingual('批次须为 2100 年及以前的年份', 'a round is a year up to 2100'));

export const supervisedPlanGetInput = z.strictObject({
  pilotAreaId: pilotAreaIdInput,
  /** the area's newest round when left out */
  round: roundInput.optional(),
});

export const supervisedPlanListInput = z
  .strictObject({
    /** the program's newest round when left out */
    round: roundInput.optional(),
  })
  .default({});

export const nationalSummaryInput = z
  .strictObject({
    round: roundInput.optional(),
  })
  .default({});
