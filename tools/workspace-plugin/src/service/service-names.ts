/** A lowercase slug: letters and digits, words joined by single hyphens, starting with a letter. */
export const slugPattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const words = (slug: string) => slug.split('-');
const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** Every spelling of one name the templates need. */
export interface NameForms {
  /** kebab-case: folders, files, the registry, topics */
  fileName: string;
  /** camelCase: variables, router keys */
  propertyName: string;
  /** PascalCase: types */
  className: string;
  /** snake_case: event types, collections */
  snakeName: string;
  /** UPPER_SNAKE: environment variables */
  constantName: string;
}

export function nameForms(slug: string): NameForms {
  const parts = words(slug);
  return {
    fileName: slug,
    propertyName: (parts[0] ?? '') + parts.slice(1).map(capital).join(''),
    className: parts.map(capital).join(''),
    snakeName: parts.join('_'),
    constantName: parts.join('_').toUpperCase(),
  };
}

/** The sample aggregate a service starts with: its name without a plural s (`trade-fairs` → `trade-fair`). */
export const defaultAggregate = (service: string): string =>
  service.endsWith('s') && !service.endsWith('ss') && service.length > 2
    ? service.slice(0, -1)
    : `${service}-record`;
