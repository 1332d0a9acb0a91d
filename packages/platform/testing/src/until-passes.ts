import { eventually, type EventuallyOptions } from './eventually';

/**
 * Polls until every assertion in `assertions` passes (a failed `expect` counts as "not yet"), then
 * returns. For reads fed by events, wait for the whole expected state, not a part of it: a later
 * event may still be on its way after the first field shows.
 */
export async function untilPasses(
  assertions: () => void | Promise<void>,
  options: EventuallyOptions = {},
): Promise<void> {
  await eventually(async () => {
    await assertions();
    return true;
  }, options);
}
