/** The header measure.export writes and measure.import requires. */
export const measureHeader =
  'id,task_group,text_zh_cn,text_en,responsible_departments,pilot_areas,regulatory_adjustment,status,illustrative';

/** A CSV catalog from rows of cells. */
export const measureCsv = (rows: string[]) => [measureHeader, ...rows].join('\n');
