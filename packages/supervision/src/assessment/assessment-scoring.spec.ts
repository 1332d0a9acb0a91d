import type { AssessmentIndicator, ScoringRule } from './assessment-framework';
import { scoreIndicator, totalOf } from './assessment-area-score';
import { checkFramework } from './assessment-framework-commands';
import { indicatorProblems, weightSum } from './assessment-framework-problems';
import { kpiAttainment } from './assessment-kpi-figures';
import { pointsOf } from './assessment-scoring';

const indicator = (
  id: string,
  weight: number,
  over: Partial<AssessmentIndicator> = {},
): AssessmentIndicator => ({
  id,
  name: { 'zh-CN': id, en: id },
  weight,
  source: 'implementation_rate',
  rule: { kind: 'ratio', target: 100 },
  ...over,
});

describe('scoring rules', () => {
  it('linear: nothing at the zero point, the full weight at the full point, proportional between', () => {
    const rule = { kind: 'linear', zeroAt: 40, fullAt: 90 } as const;
    expect(pointsOf(rule, 30, 20)).toBe(0);
    expect(pointsOf(rule, 40, 20)).toBe(0);
    expect(pointsOf(rule, 65, 20)).toBe(10);
    expect(pointsOf(rule, 77.5, 20)).toBe(15);
    expect(pointsOf(rule, 90, 20)).toBe(20);
    expect(pointsOf(rule, 100, 20)).toBe(20);
  });

  it('linear with the full point below the zero point: less is better (e.g. days late)', () => {
    const rule = { kind: 'linear', zeroAt: 10, fullAt: 0 } as const;
    expect(pointsOf(rule, 0, 10)).toBe(10);
    expect(pointsOf(rule, 4, 10)).toBe(6);
    expect(pointsOf(rule, 12, 10)).toBe(0);
  });

  it('ratio: raw ÷ target of the weight, capped at the weight, two decimals', () => {
    const rule = { kind: 'ratio', target: 3 } as const;
    expect(pointsOf(rule, 0, 15)).toBe(0);
    expect(pointsOf(rule, 1, 15)).toBe(5);
    expect(pointsOf(rule, 2, 10)).toBe(6.67);
    expect(pointsOf(rule, 7, 15)).toBe(15);
  });

  it('banded: the share of the highest band reached, whatever order the bands are given in', () => {
    const rule: ScoringRule = {
      kind: 'banded',
      bands: [
        { from: 90, percent: 100 },
        { from: 60, percent: 60 },
        { from: 75, percent: 80 },
      ],
    };
    expect(pointsOf(rule, 59.9, 25)).toBe(0);
    expect(pointsOf(rule, 60, 25)).toBe(15);
    expect(pointsOf(rule, 80, 25)).toBe(20);
    expect(pointsOf(rule, 95, 25)).toBe(25);
  });

  it('no raw value (nothing to measure yet) earns nothing, and says so', () => {
    expect(pointsOf({ kind: 'ratio', target: 1 }, null, 10)).toBe(0);
    const scored = scoreIndicator(indicator('rate', 30), undefined);
    expect(scored).toMatchObject({ raw: null, points: 0 });
    expect(scored.explanation.en).toContain('no data');
    expect(scored.explanation['zh-CN']).toContain('暂无');
  });

  it('explains a computed number: raw value, unit, rule and points', () => {
    const scored = scoreIndicator(
      indicator('rate', 30, { rule: { kind: 'linear', zeroAt: 0, fullAt: 80 } }),
      {
        raw: 60,
        basis: { from: 'x', periods: ['p1'], reports: ['p1:a'], counts: {}, lines: [] },
      },
    );
    expect(scored.points).toBe(22.5);
    expect(scored.explanation.en).toBe(
      'raw value 60 (% (implemented ÷ applicable measures)); linear: 0 points at 0, the full 30 at 80, proportional between; 22.5/30 points',
    );
    expect(scored.basis.reports).toEqual(['p1:a']);
  });

  it('a manual indicator earns its manual points only', () => {
    const manual = indicator('field-visit', 20, { source: 'manual', rule: null });
    expect(scoreIndicator(manual, undefined).points).toBe(0);
    const scored = scoreIndicator(manual, undefined, {
      points: 12.5,
      evidence: [{ title: '督查报告', reference: 'doc-1' }],
      comment: '现场核查',
      scoredBy: 'mofcom-officer',
      scoredAt: new Date(0),
    });
    expect(scored).toMatchObject({ raw: 12.5, points: 12.5 });
    expect(totalOf([scored, { points: 7.25 }, { points: 0.1 }])).toBe(19.85);
  });

  it('KPI attainment runs from the baseline to the target, capped, also for falling targets', () => {
    expect(kpiAttainment({ baseline: 100, target: 120 }, 110)).toBe(0.5);
    expect(kpiAttainment({ baseline: 100, target: 120 }, 90)).toBe(0);
    expect(kpiAttainment({ baseline: 100, target: 120 }, 130)).toBe(1);
    expect(kpiAttainment({ baseline: 10, target: 5 }, 6)).toBe(0.8);
    expect(kpiAttainment({ baseline: 5, target: 5 }, 5)).toBe(1);
    expect(kpiAttainment({ baseline: 5, target: 5 }, 4)).toBe(0);
  });
});

describe('framework weights and rules', () => {
  it('accepts weights summing to 100, also with decimals', () => {
    expect(() =>
      checkFramework([indicator('a', 33.3), indicator('b', 33.3), indicator('c', 33.4)]),
    ).not.toThrow();
    expect(weightSum([{ weight: 0.1 }, { weight: 0.2 }, { weight: 99.7 }])).toBe(100);
  });

  it('refuses weights that do not sum to 100, naming the sum and each weight in both languages', () => {
    const refused = (() => {
      try {
        checkFramework([indicator('a', 50), indicator('b', 40)]);
      } catch (err) {
        return err as { appCode: string; messages: { 'zh-CN': string; en: string } };
      }
      throw new Error('expected a refusal');
    })();
    expect(refused.appCode).toBe('ASSESSMENT_WEIGHTS_NOT_100');
    expect(refused.messages.en).toBe('indicators: the weights must sum to 100, they sum to 90 (a=50, b=40)');
    expect(refused.messages['zh-CN']).toBe('indicators：各指标权重之和须为 100，现为 90（a=50，b=40）');
  });

  it('lists every indicator problem: duplicate ids, a rule on a manual one, none on an automatic one, degenerate rules', () => {
    const problems = indicatorProblems([
      indicator('a', 10),
      indicator('a', 10),
      indicator('m', 10, { source: 'manual' }),
      indicator('k', 10, { source: 'kpi_attainment', rule: null }),
      indicator('l', 30, { rule: { kind: 'linear', zeroAt: 5, fullAt: 5 } }),
      indicator('b', 30, {
        rule: {
          kind: 'banded',
          bands: [
            { from: 1, percent: 10 },
            { from: 1, percent: 20 },
          ],
        },
      }),
      indicator('f', 0.005),
    ]);
    expect(problems.map((p) => p.path)).toEqual([
      'indicators.1.id',
      'indicators.2.rule',
      'indicators.3.rule',
      'indicators.4.rule',
      'indicators.5.rule.bands',
      'indicators.6.weight',
    ]);
    expect(problems.every((p) => p.messages['zh-CN'] && p.messages.en)).toBe(true);
  });
});
