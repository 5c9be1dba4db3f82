import type { DataSource, EntityManager } from 'typeorm';
import {
  Capability,
  hasCapability,
  organisationScope,
  requireAccess,
  requireCapability,
  visibilityScope,
} from '../../access/access';
import type { Actor } from '../../access/actor';
import { IndicatorTableKind, indicatorTableKind } from '../../access/indicator-access';
import { badInput, InputReason, notFound, rateLimited } from '../../shared/errors';
import { IndicatorReason } from './indicators.reasons';
import { AuditAction, type TouchedRecord } from '../audit/audit.recorder';
import { validatePolicy, type PublicationPolicy } from './indicator-publication';
import { DEFAULT_RULE, ruleForYear, type RuleVersion } from './indicator-rule';
import {
  exactTable,
  frozenCells,
  IndicatorGranularity,
  protectedTable,
  uniquePairs,
  wantedMonths,
  type IndicatorTable,
} from './indicator-tables';
import type { DetectionRecord, IndicatorDefinition } from './indicator.entities';
import {
  IndicatorRepository,
  type KeyedDetectionRecord,
  type MonthlyTotal,
  type OwnerArea,
} from './indicator.repository';
import { ReadCounter } from './indicator-read-counter';
import { UUID } from '../../shared/ids';
import { bigintIdPart, decodeCursor, encodeCursor, pageSize, uuidPart } from '../../shared/cursor';
import { calendarDate, stockholmDate } from '../../shared/dates';

export { IndicatorGranularity, type IndicatorTable } from './indicator-tables';

export const MAX_COUNT = 10_000;
export const MAX_BULK = 1_000;
export const MAX_TREND_YEARS = 10;
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
export const MAX_VOID_REASON = 500;
const RECORD_CURSOR = 'detection-record';

/** A page of detection records, as the connection needs it. */
export interface RecordPage {
  nodes: KeyedDetectionRecord[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: () => Promise<number>;
}
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

/** Callers' view of one request: its topology is loaded once and reused. */
export interface DetectionInput {
  indicatorCode: string;
  areaId: string;
  /** A calendar date: a Date at UTC midnight (the `Date` scalar) or 'YYYY-MM-DD'. */
  occurredOn: Date | string;
  count: number;
}

export interface IndicatorWithRule extends IndicatorDefinition {
  /** The rule in force today. */
  rule: RuleVersion;
}

export interface IndicatorServiceOptions {
  /** Protected-table reads a user may make per day (Europe/Stockholm calendar day). */
  dailyReadCap: number;
  /** The secret of the cell keys (INDICATOR_CELL_KEY_SECRET). */
  cellKeySecret: Buffer;
  /** When partners may read a month, and which version (docs/indicator-protection.md, "Time"). */
  publication: PublicationPolicy;
  /** The clock; injectable for tests. */
  now?: () => Date;
}

// Collators are costly to build: built once.
const SWEDISH = new Intl.Collator('sv');

export class IndicatorService {
  private readonly repo = new IndicatorRepository();
  private readonly now: () => Date;
  private readonly readCounter: ReadCounter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: IndicatorServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    validatePolicy(options.publication);
    if (options.cellKeySecret.length < 16) throw new Error('the cell-key secret must be at least 16 bytes');
    this.readCounter = new ReadCounter(this.repo, dataSource.manager, options.dailyReadCap);
  }

  /**
   * Every indicator with the rule in force today. Definitions are reference data installed with the
   * product, not organisation data: whoever reads the partnership's reference data reads them.
   */
  async list(caller: Actor): Promise<IndicatorWithRule[]> {
    requireCapability(caller.principal, Capability.REFERENCE_READ);
    const manager = this.dataSource.manager;
    const definitions = await this.repo.definitions(manager);
    const versions = await this.repo.ruleVersions(
      manager,
      definitions.map((d) => d.code),
    );
    const year = Number(stockholmDate(this.now()).slice(0, 4));
    caller.audit.touch(
      AuditAction.READ,
      'IndicatorDefinition',
      definitions.map((d) => ({ id: d.code })),
    );
    return definitions.map((d) =>
      Object.assign(d, {
        rule: ruleForYear(versions.get(d.code) ?? [], year) ?? { ...DEFAULT_RULE, validFrom: '2000-01-01' },
      }),
    );
  }

  async record(caller: Actor, manager: EntityManager, input: DetectionInput): Promise<DetectionRecord> {
    const [record] = await this.recordMany(caller, manager, [input], (field) => field);
    return record;
  }

  /** Up to MAX_BULK records in one all-or-nothing call; a bad row names its index. */
  async recordBulk(
    caller: Actor,
    manager: EntityManager,
    inputs: readonly DetectionInput[],
  ): Promise<DetectionRecord[]> {
    organisationScope(caller.principal, Capability.DETECTION_RECORD);
    if (inputs.length === 0)
      throw badInput('inputs', InputReason.LIST_SIZE_OUT_OF_RANGE, 'must hold at least one record');
    if (inputs.length > MAX_BULK)
      throw badInput('inputs', InputReason.LIST_SIZE_OUT_OF_RANGE, `at most ${MAX_BULK} records in one call`);
    return this.recordMany(caller, manager, inputs, (field, i) => `inputs[${i}].${field}`);
  }

  private async recordMany(
    caller: Actor,
    manager: EntityManager,
    inputs: readonly DetectionInput[],
    fieldName: (field: string, index: number) => string,
  ): Promise<DetectionRecord[]> {
    // OWN: a record always belongs to the caller's organisation.
    organisationScope(caller.principal, Capability.DETECTION_RECORD);
    const principal = caller.principal;
    const topology = await caller.topology();
    const myAreas = new Set(
      topology.filter((p) => p.organisationIds.includes(principal.organisationId)).flatMap((p) => p.areaIds),
    );
    const codes = [...new Set(inputs.map((i) => i.indicatorCode).filter((c): c is string => typeof c === 'string'))];
    const definitions = new Map((await this.repo.definitionsByCodes(manager, codes)).map((d) => [d.code, d]));
    const today = stockholmDate(this.now());

    const rows = inputs.map((input, i) => {
      const f = (field: string): string => fieldName(field, i);
      const definition = definitions.get(input.indicatorCode);
      // An indicator of another organisation kind answers like an unknown one.
      if (!definition || !definition.active || definition.reportedBy !== principal.organisationKind) {
        throw badInput(
          f('indicatorCode'),
          IndicatorReason.UNKNOWN_INDICATOR,
          'unknown indicator for your organisation',
        );
      }
      if (typeof input.areaId !== 'string' || !UUID.test(input.areaId) || !myAreas.has(input.areaId))
        throw badInput(f('areaId'), IndicatorReason.UNKNOWN_AREA, 'unknown area');
      const occurredOn = calendarDate(input.occurredOn);
      if (occurredOn === null) throw badInput(f('occurredOn'), InputReason.INVALID_DATE, 'must be a date YYYY-MM-DD');
      if (occurredOn > today)
        throw badInput(f('occurredOn'), IndicatorReason.OCCURRED_IN_FUTURE, 'must not be in the future');
      if (occurredOn < `${MIN_YEAR}-01-01`)
        throw badInput(f('occurredOn'), IndicatorReason.OCCURRED_BEFORE_FIRST_YEAR, `must not be before ${MIN_YEAR}`);
      if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_COUNT)
        throw badInput(f('count'), InputReason.NUMBER_OUT_OF_RANGE, `must be between 1 and ${MAX_COUNT}`);
      return {
        indicatorCode: definition.code,
        areaId: input.areaId,
        occurredOn,
        count: input.count,
        organisationId: principal.organisationId,
        recordedBy: principal.userId,
      };
    });
    const records = await this.repo.insertRecords(manager, rows);
    caller.audit.touch(AuditAction.CREATE, 'DetectionRecord', records);
    return records;
  }

  /** The caller's organisation's records, newest first, voided ones too (to find one to void). */
  async records(caller: Actor, first: number | undefined, after: string | undefined): Promise<RecordPage> {
    const scope = organisationScope(caller.principal, Capability.DETECTION_RECORD);
    const size = pageSize(first, { defaultSize: 50, maxSize: 200 });
    const key = after === undefined ? null : decodeCursor(RECORD_CURSOR, after, [bigintIdPart, uuidPart]);
    const manager = this.dataSource.manager;
    const rows = await this.repo.recordPage(manager, scope, size, key && { recordedMicros: key[0], id: key[1] });
    const nodes = requireAccess(caller.principal, Capability.DETECTION_RECORD, rows.slice(0, size), 'Detection record');
    caller.audit.touch(AuditAction.READ, 'DetectionRecord', nodes);
    return {
      nodes,
      cursors: nodes.map((r) => encodeCursor(RECORD_CURSOR, [r.recordedMicros, r.id])),
      hasNextPage: rows.length > size,
      totalCount: () => this.repo.recordCount(manager, scope),
    };
  }

  /** Voids a record of the caller's organisation: it stays stored but counts no more. */
  async void(caller: Actor, manager: EntityManager, id: string, reason: string): Promise<DetectionRecord> {
    const scope = organisationScope(caller.principal, Capability.DETECTION_RECORD);
    const row = UUID.test(id) ? await this.repo.findOwnForUpdate(manager, scope, id) : null;
    const [existing] = requireAccess(caller.principal, Capability.DETECTION_RECORD, [row], 'Detection record');
    const why = (reason ?? '').trim();
    if (why.length === 0) throw badInput('reason', InputReason.TEXT_EMPTY, 'must not be empty');
    if (why.length > MAX_VOID_REASON)
      throw badInput('reason', InputReason.TEXT_TOO_LONG, `must be at most ${MAX_VOID_REASON} characters`);
    if (existing.voidedAt !== null)
      throw badInput('id', IndicatorReason.ALREADY_VOIDED, 'the record is already voided');
    const voided = await this.repo.void(manager, scope, existing.id, caller.principal.userId, why);
    caller.audit.touch(AuditAction.UPDATE, 'DetectionRecord', [voided]);
    return voided;
  }

  async table(
    caller: Actor,
    indicatorCode: string,
    year: number,
    granularity = IndicatorGranularity.MONTH,
  ): Promise<IndicatorTable> {
    const [table] = await this.tables(caller, indicatorCode, year, year, 'year', granularity);
    return table;
  }

  /** The same tables for several years, each protected on its own. */
  async trend(
    caller: Actor,
    indicatorCode: string,
    fromYear: number,
    toYear: number,
    granularity = IndicatorGranularity.MONTH,
  ): Promise<IndicatorTable[]> {
    return this.tables(caller, indicatorCode, fromYear, toYear, 'fromYear', granularity);
  }

  private async tables(
    caller: Actor,
    indicatorCode: string,
    fromYear: number,
    toYear: number,
    yearField: string,
    granularity: IndicatorGranularity,
  ): Promise<IndicatorTable[]> {
    // Coarse gate first, so that callers without any indicator capability get FORBIDDEN whatever
    // they ask for, and nothing (not even the read counter) changes for them.
    if (!hasCapability(caller.principal, Capability.INDICATOR_READ_OWN))
      requireCapability(caller.principal, Capability.INDICATOR_READ_PROTECTED);
    const principal = caller.principal;
    for (const [field, value] of [
      [yearField, fromYear],
      ['toYear', toYear],
    ] as const) {
      if (!Number.isInteger(value) || value < MIN_YEAR || value > MAX_YEAR)
        throw badInput(field, InputReason.NUMBER_OUT_OF_RANGE, `must be a year between ${MIN_YEAR} and ${MAX_YEAR}`);
    }
    if (toYear < fromYear) throw badInput('toYear', InputReason.RANGE_END_BEFORE_START, 'must not be before fromYear');
    if (toYear - fromYear + 1 > MAX_TREND_YEARS)
      throw badInput('toYear', InputReason.RANGE_TOO_LONG, `at most ${MAX_TREND_YEARS} years`);
    if (!Object.values(IndicatorGranularity).includes(granularity))
      throw badInput('granularity', InputReason.UNKNOWN_VALUE, 'must be MONTH, QUARTER or YEAR');

    // The pairs (data owner, area) the caller may read, from the access layer, before the indicator
    // is known: its own organisation's areas (unprotected, own indicators) and the partner
    // organisations' pairs (protected, the others'). One statement then reads the definition, the
    // area names and the monthly totals of every such pair; which pairs a table uses is decided
    // below, once the indicator's reporting kind is known.
    const topology = await caller.topology();
    const areasOf = (organisationId: string): string[] => [
      ...new Set(topology.filter((p) => p.organisationIds.includes(organisationId)).flatMap((p) => p.areaIds)),
    ];
    const ownScope = hasCapability(principal, Capability.INDICATOR_READ_OWN)
      ? organisationScope(principal, Capability.INDICATOR_READ_OWN)
      : null;
    const ownPairs: OwnerArea[] = ownScope
      ? areasOf(ownScope.organisationIds[0]).map((areaId) => ({ organisationId: principal.organisationId, areaId }))
      : [];
    const sharedScope = hasCapability(principal, Capability.INDICATOR_READ_PROTECTED)
      ? visibilityScope(principal, Capability.INDICATOR_READ_PROTECTED, topology)
      : null;
    const sharedPairs = sharedScope?.sharedPairs ?? [];
    const callerAreas = areasOf(principal.organisationId);
    const data = await this.repo.tableData(
      this.dataSource.manager,
      indicatorCode,
      fromYear,
      toYear,
      [...ownPairs, ...sharedPairs],
      callerAreas,
    );
    if (!data) throw notFound('Indicator');
    const { definition, versions } = data;
    const own = indicatorTableKind(principal, definition.reportedBy) === IndicatorTableKind.EXACT;

    let pairs: readonly OwnerArea[];
    if (own) {
      // The caller's own organisation's figures, in the areas of its partnerships.
      pairs = ownPairs;
    } else {
      // Partner organisations of the reporting kind, each only in the areas of a partnership it
      // shares with the caller. The read is counted (atomically, against the cap) before any figure
      // leaves.
      const years = toYear - fromYear + 1;
      if (!(await this.readCounter.count(principal.userId, stockholmDate(this.now()), years))) {
        throw rateLimited(
          `Daily limit of ${this.options.dailyReadCap} protected indicator tables reached; try again tomorrow`,
        );
      }
      pairs = sharedPairs.filter((p) => data.organisationKinds.get(p.organisationId) === definition.reportedBy);
    }
    const usable = new Set(pairs.map((p) => `${p.organisationId}:${p.areaId}`));
    const totals = data.totals.filter((t) => usable.has(`${t.organisationId}:${t.areaId}`));
    const areas = data.areas;
    areas.sort((a, b) => SWEDISH.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
    const owners = [...new Set(pairs.map((p) => p.organisationId))].sort();

    // Partners read the frozen versions of the months published by today (indicator-publication.ts).
    const { wanted, points } = wantedMonths(fromYear, toYear, stockholmDate(this.now()), this.options.publication);
    const published = own
      ? []
      : await this.repo.publishedMonths(this.dataSource.manager, definition.code, uniquePairs(pairs), wanted);

    const tables: IndicatorTable[] = [];
    for (let year = fromYear; year <= toYear; year++) {
      const rule = ruleForYear(versions, year) ?? { ...DEFAULT_RULE, validFrom: `${MIN_YEAR}-01-01` };
      tables.push(
        own
          ? exactTable(
              definition.code,
              year,
              rule,
              areas,
              trueCells(
                areas,
                totals.filter((t) => t.year === year),
              ),
              granularity,
            )
          : protectedTable(
              definition.code,
              year,
              rule,
              areas,
              frozenCells(areas, published, points, year),
              granularity,
              this.options.cellKeySecret,
            ),
      );
      const touched: TouchedRecord[] =
        owners.length > 0
          ? owners.map((organisationId) => ({ id: `${definition.code}:${year}`, organisationId }))
          : [{ id: `${definition.code}:${year}` }];
      caller.audit.touch(AuditAction.READ, 'IndicatorTable', touched);
    }
    return tables;
  }
}

/** cells[row][month-1]: the true counts of the year per area (summed over the data owners). */
export function trueCells(areas: readonly { id: string }[], totals: readonly MonthlyTotal[]): number[][] {
  const rowOf = new Map(areas.map((a, i) => [a.id, i]));
  const cells = areas.map(() => MONTHS.map(() => 0));
  for (const t of totals) {
    const row = rowOf.get(t.areaId);
    if (row !== undefined) cells[row][t.month - 1] += t.total;
  }
  return cells;
}
