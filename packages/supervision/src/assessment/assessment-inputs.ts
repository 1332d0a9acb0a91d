import { bilingual, localizedTextSchema } from '@tradepilot/contracts';
import { z } from 'zod';
import { pilotAreaIdInput, roundInput } from '../supervision-inputs';
import { indicatorSources } from './assessment-framework';

const slug = (zh: string, en: string) => z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, bilingual(zh, en));

export const frameworkIdInput = slug(
  '评估框架标识须为小写标识，例如 "2020-annual"',
  'a framework id is a lowercase slug such as "2020-annual"',
);
const indicatorIdInput = slug(
  '指标标识须为小写标识，例如 "implementation"',
  'an indicator id is a lowercase slug such as "implementation"',
);
export const runIdInput = z.uuid(bilingual('评估运行标识须为 UUID', 'a run id is a UUID'));

const finite = (zh: string, en: string) => z.number(bilingual(zh, en));

const scoringRuleInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('linear'),
      zeroAt: finite('zeroAt（零分点）须为数字', 'zeroAt (the value earning 0 points) is a number'),
      fullAt: finite('fullAt（满分点）须为数字', 'fullAt (the value earning the full weight) is a number'),
    }),
    z.strictObject({
      kind: z.literal('ratio'),
      target: finite('target（目标值）须为数字', 'target is a number').positive(
        bilingual('target（目标值）须大于 0', 'target must be above 0'),
      ),
    }),
    z.strictObject({
      kind: z.literal('banded'),
      bands: z
        .array(
          z.strictObject({
            from: finite('from（分档起点）须为数字', 'from (where the band starts) is a number'),
            percent: z
              .number(bilingual('percent（得分比例）须为数字', 'percent is a number'))
              .min(0, bilingual('percent 不能小于 0', 'percent cannot be below 0'))
              .max(100, bilingual('percent 不能大于 100', 'percent cannot be above 100')),
          }),
        )
        .min(1, bilingual('分档规则至少一档', 'a banded rule has at least one band'))
        .max(10, bilingual('分档规则最多 10 档', 'a banded rule has at most 10 bands')),
    }),
  ],
  bilingual('评分规则 kind 须为 linear、ratio 或 banded', 'a scoring rule kind is linear, ratio or banded'),
);

const indicatorInput = z.strictObject({
  id: indicatorIdInput,
  name: localizedTextSchema,
  weight: z
    .number(bilingual('权重须为数字', 'a weight is a number'))
    .positive(bilingual('权重须大于 0', 'a weight must be above 0'))
    .max(100, bilingual('权重不能超过 100', 'a weight cannot exceed 100')),
  source: z.enum(
    indicatorSources,
    bilingual(
      `指标来源须为 ${indicatorSources.join('、')} 之一`,
      `an indicator source is one of ${indicatorSources.join(', ')}`,
    ),
  ),
  /** null (or left out) for a manual indicator */
  rule: scoringRuleInput.nullable().default(null),
});

/** The ministry saves a round's framework on the version it read (0 creates it). */
export const frameworkSaveInput = z.strictObject({
  frameworkId: frameworkIdInput,
  round: roundInput,
  name: localizedTextSchema,
  indicators: z
    .array(indicatorInput)
    .min(1, bilingual('评估框架至少有一个指标', 'a framework has at least one indicator'))
    .max(20, bilingual('评估框架最多 20 个指标', 'a framework has at most 20 indicators')),
  version: z.int(bilingual('版本须为整数', 'a version is an integer')).min(0),
});
export type FrameworkSaveInput = z.infer<typeof frameworkSaveInput>;

export const frameworkKeyInput = z.strictObject({ frameworkId: frameworkIdInput });
export const frameworkListInput = z.strictObject({ round: roundInput.optional() }).default({});

export const runStartInput = z.strictObject({ frameworkId: frameworkIdInput });
export const runKeyInput = z.strictObject({ runId: runIdInput });
export const runListInput = z
  .strictObject({ round: roundInput.optional(), frameworkId: frameworkIdInput.optional() })
  .default({});

const text = (max: number, zh: string, en: string) => z.string().trim().min(1, bilingual(zh, en)).max(max);

/** A manual score: evidence and a comment are mandatory. */
export const manualScoreInput = z.strictObject({
  runId: runIdInput,
  pilotAreaId: pilotAreaIdInput,
  indicatorId: indicatorIdInput,
  points: z
    .number(bilingual('points（分数）须为数字', 'points is a number'))
    .min(0, bilingual('points 不能小于 0', 'points cannot be below 0')),
  evidence: z
    .array(
      z.strictObject({
        title: text(200, '证据须有标题', 'a piece of evidence has a title'),
        /** where it is: a report, an attachment id, a document number, a link */
        reference: text(
          500,
          '证据须注明出处（报告、附件、文号或链接）',
          'a piece of evidence says where it is (report, attachment, document number or link)',
        ),
      }),
    )
    .min(
      1,
      bilingual(
        'evidence：人工评分须附至少一项证据',
        'evidence: a manual score needs at least one piece of evidence',
      ),
    )
    .max(20),
  comment: text(
    2000,
    'comment：人工评分须附评分说明',
    'comment: a manual score needs a comment explaining it',
  ),
});
export type ManualScoreInput = z.infer<typeof manualScoreInput>;

export const resultKeyInput = z.strictObject({ runId: runIdInput, pilotAreaId: pilotAreaIdInput });
