import type { LocalizedText } from '@tradepilot/contracts';
import type { ScoringRule } from './assessment-framework';

/** Points with two decimals, so a sum of points is exact enough to rank on. */
export const roundPoints = (value: number): number => Math.round(value * 100) / 100;

const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));

/** The share (0 … 1) of the weight a raw value earns under a rule. */
export function shareOf(rule: ScoringRule, raw: number): number {
  switch (rule.kind) {
    case 'linear':
      return clamp01((raw - rule.zeroAt) / (rule.fullAt - rule.zeroAt));
    case 'ratio':
      return clamp01(raw / rule.target);
    case 'banded': {
      let percent = 0;
      for (const band of [...rule.bands].sort((a, b) => a.from - b.from)) {
        if (raw >= band.from) percent = band.percent;
      }
      return clamp01(percent / 100);
    }
  }
}

/** The points (0 … weight) a raw value earns; no value (nothing to measure yet) earns none. */
export const pointsOf = (rule: ScoringRule, raw: number | null, weight: number): number =>
  raw === null ? 0 : roundPoints(shareOf(rule, raw) * weight);

/** The rule in words, for the explanation of every number. */
export function describeRule(rule: ScoringRule, weight: number): LocalizedText {
  switch (rule.kind) {
    case 'linear':
      return {
        'zh-CN': `线性：${rule.zeroAt} 得 0 分，${rule.fullAt} 得满分 ${weight} 分，其间按比例`,
        en: `linear: 0 points at ${rule.zeroAt}, the full ${weight} at ${rule.fullAt}, proportional between`,
      };
    case 'ratio':
      return {
        'zh-CN': `比例：原始值 ÷ ${rule.target} × ${weight} 分（最高满分）`,
        en: `ratio: raw ÷ ${rule.target} × ${weight} points (at most the full weight)`,
      };
    case 'banded': {
      const bands = [...rule.bands].sort((a, b) => a.from - b.from);
      return {
        'zh-CN': `分档：${bands.map((b) => `≥${b.from} 得 ${b.percent}%`).join('，')}（满分 ${weight} 分）`,
        en: `banded: ${bands.map((b) => `≥${b.from} earns ${b.percent}%`).join(', ')} (of ${weight} points)`,
      };
    }
  }
}
