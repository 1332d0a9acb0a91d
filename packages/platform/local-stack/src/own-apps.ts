import { serviceRegistry, serviceUrlVariable } from '@tradepilot/contracts';

/** What `npm start` leaves to the developer who runs some services themselves (from source, in watch mode). */
export interface OwnAppsPlan {
  /** the apps the stack starts */
  started: string[];
  /** the gateway's URL of each service the developer runs, at its registry port */
  gatewayUrls: Record<string, string>;
  /** per service the developer runs: the environment the stack would have given it, as an env file */
  envFiles: Record<string, string>;
}

/**
 * `TRADEPILOT_OWN_APPS=plans,practices npm start`: the named services are left out of the stack,
 * the gateway calls them at their registry ports, and each gets the environment file its own
 * process reads (`node --env-file=… --watch …`). Refuses a name that is not a service.
 */
export function ownAppsPlan(
  own: string[],
  context: { ports: Record<string, number>; common: Record<string, string>; publicKeyPath: string },
): OwnAppsPlan {
  const services = serviceRegistry.filter((s) => s.kind === 'service').map((s) => s.name);
  const unknown = own.filter((name) => !services.includes(name));
  if (unknown.length > 0)
    throw new Error(
      `TRADEPILOT_OWN_APPS: ${unknown.join(', ')} ${unknown.length > 1 ? 'are not services' : 'is not a service'} of the registry (${services.join(', ')})`,
    );
  const portOf = (name: string) => context.ports[name] ?? 0;
  const { INTERNAL_TOKEN_PUBLIC_KEY: _inline, ...common } = context.common;
  return {
    started: serviceRegistry.map((s) => s.name).filter((name) => !own.includes(name)),
    gatewayUrls: Object.fromEntries(
      own.map((name) => [serviceUrlVariable(name), `http://127.0.0.1:${portOf(name)}`]),
    ),
    envFiles: Object.fromEntries(
      own.map((name) => [
        name,
        Object.entries({
          ...common,
          PORT: String(portOf(name)),
          HOST: '127.0.0.1',
          // a file, not the PEM itself: an env file holds one line per variable
          INTERNAL_TOKEN_PUBLIC_KEY_FILE: context.publicKeyPath,
        })
          .map(([key, value]) => `${key}=${value}\n`)
          .join(''),
      ]),
    ),
  };
}
