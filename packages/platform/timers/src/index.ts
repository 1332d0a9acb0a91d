export * from './due-item';
export * from './timer-scheduler';
export * from './timer-claim-model';
export * from './scheduler-heartbeat-model';
export * from './working-calendar';
export * from './program-time';
export { default as sampleHolidayCalendar2026 } from './seed/holiday-calendar-2026.json';
export * from './timer-models';
