import { isIndexOnlyInStorage } from './index-drift';

describe('an index FerretDB lost from its catalog but SQLite still has', () => {
  it("is told by SQLite's refusal, and nothing else is", () => {
    const drift = new Error(
      '[msg_createindexes.go:155 handler.(*Handler).MsgCreateIndexes] [registry.go:498 metadata.(*Registry).indexesCreate] SQL logic error: index cases_fd985966_status_1_openedAt_1 already exists (1)',
    );
    expect(isIndexOnlyInStorage(drift)).toBe(true);
    expect(isIndexOnlyInStorage(new Error('connection 4 to 127.0.0.1:36661 closed'))).toBe(false);
    expect(isIndexOnlyInStorage({ code: 85, message: 'Index already exists with a different name' })).toBe(
      false,
    );
    expect(isIndexOnlyInStorage(undefined)).toBe(false);
  });
});
