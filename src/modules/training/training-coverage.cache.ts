import type { CoverageRow } from './training-coverage.report';

/** A computed coverage report and the staff it names (for the audit event). */
export interface CachedCoverage {
  rows: CoverageRow[];
  named: { id: string; organisationId: string }[];
}

/**
 * The last few coverage reports computed by this process, each under the training report version
 * it was computed at (see the TrainingReportVersion migration) and everything else it depends on:
 * the organisations, the report date and the role titles matched to requirements. An entry is used
 * only while the version is unchanged, i.e. while nothing the report reads has been committed since:
 * a served report is always the one a fresh computation would give. Least recently used out first.
 * Entries are shared between requests and must not be changed.
 */
export class CoverageCache {
  private readonly entries = new Map<string, CachedCoverage>();

  constructor(private readonly capacity: number) {}

  get(key: string): CachedCoverage | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CachedCoverage): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The cache key: the version and every input of the computation besides the database's contents. */
export function coverageKey(
  version: string,
  organisationIds: readonly string[],
  on: string,
  roleTitles: readonly { requirementId: string; title: string }[],
): string {
  return JSON.stringify([version, [...organisationIds].sort(), on, roleTitles.map((t) => [t.requirementId, t.title])]);
}
