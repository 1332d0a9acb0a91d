/** The supervision service's topics, one per aggregate type it owns. */
export const supervisionTopics = {
  report: 'supervision.report',
  measure: 'supervision.measure',
  issue: 'supervision.issue',
  inspection: 'supervision.inspection',
  rectification: 'supervision.rectification',
  assessment: 'supervision.assessment',
  period: 'supervision.period',
} as const;
