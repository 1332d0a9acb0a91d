import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { eventCatalog, findEventDefinition } from './event-catalog';

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? fixtureFiles(join(dir, entry.name))
      : entry.name.endsWith('.fixture.json')
        ? [join(dir, entry.name)]
        : [],
  );
}

const eventsDir = join(__dirname, 'events');
const fixtures = fixtureFiles(eventsDir);

describe('golden event fixtures', () => {
  it('every event version in the catalog has exactly one fixture named after it', () => {
    const names = fixtures.map((f) => f.split('/').pop()?.replace('.fixture.json', ''));
    expect([...names].sort()).toEqual(eventCatalog.map((e) => e.type).sort());
  });

  it.each(fixtures.map((f) => [relative(eventsDir, f), f]))('%s parses with its schema', (_name, file) => {
    const fixture = JSON.parse(readFileSync(file, 'utf8'));
    const definition = findEventDefinition(fixture.type);
    expect(definition).toBeDefined();
    const parsed = definition?.envelope.safeParse(fixture);
    expect(parsed?.error?.issues ?? []).toEqual([]);
    // parsing changes nothing: the fixture is the wire format
    expect(parsed?.data).toEqual(fixture);
  });

  it('a schema rejects a fixture with an unknown field or a missing one', () => {
    for (const file of fixtures) {
      const fixture = JSON.parse(readFileSync(file, 'utf8'));
      const definition = findEventDefinition(fixture.type);
      expect(
        definition?.envelope.safeParse({ ...fixture, data: { ...fixture.data, surprise: 1 } }).success,
      ).toBe(false);
      const [firstKey] = Object.keys(fixture.data);
      const { [firstKey as string]: _dropped, ...missingOne } = fixture.data;
      expect(definition?.envelope.safeParse({ ...fixture, data: missingOne }).success).toBe(false);
    }
  });

  it('each event file defines one version whose file name is its type', () => {
    for (const definition of eventCatalog) {
      const [aggregate] = definition.type.split('.');
      const file = join(eventsDir, aggregate as string, `${definition.type}.ts`);
      expect(readFileSync(file, 'utf8')).toContain(`type: '${definition.type}'`);
    }
  });
});

describe('contract evolution: an older consumer reads a newer producer', () => {
  /** Adds a field the consumer's version does not know to every object of the event, however deep. */
  const withAdditions = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(withAdditions)
      : value && typeof value === 'object'
        ? {
            ...Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withAdditions(v)])),
            addedByNewerProducer: { note: 'optional, additive' },
          }
        : value;

  it.each(fixtures.map((f) => [relative(eventsDir, f), f]))(
    '%s with unknown additive fields everywhere is read as the known version; producers still reject it',
    (_name, file) => {
      const fixture = JSON.parse(readFileSync(file, 'utf8'));
      const definition = findEventDefinition(fixture.type);
      const newer = withAdditions(fixture);
      const read = definition?.reader.safeParse(newer);
      expect(read?.error?.issues ?? []).toEqual([]);
      expect(read?.data).toEqual(fixture);
      expect(definition?.envelope.safeParse(newer).success).toBe(false);
      // a missing required field is still an error for the reader
      const [firstKey] = Object.keys(fixture.data);
      const { [firstKey as string]: _dropped, ...missingOne } = fixture.data;
      expect(definition?.reader.safeParse({ ...fixture, data: missingOne }).success).toBe(false);
    },
  );
});
