import { LineCounter, parseDocument, type Document } from 'yaml';
import { OrganisationKind } from '../../access/roles';
import { CommitmentStatus } from '../prevention/prevention.entities';

/**
 * A provisioning file: organisations (each with its first administrator), areas with their places,
 * and partnerships with their period, organisations, areas and commitments. Parsed and validated
 * here without a database; every problem is reported with its path in the file and its line.
 * JSON is YAML too, so a JSON file reads the same way.
 */

export type PathPart = string | number;

export interface ProvisioningProblem {
  /** `partnerships[0].commitments[1].responsible[0]`; empty for the file as a whole. */
  path: string;
  /** 1-based line in the file, when known. */
  line: number | null;
  message: string;
}

export interface AdminSpec {
  email: string;
  displayName: string;
}

export interface OrganisationSpec {
  name: string;
  kind: OrganisationKind;
  admin: AdminSpec | null;
  path: PathPart[];
}

export interface PlaceSpec {
  name: string;
  feltUnsafe: boolean;
  cameraMonitored: boolean;
  path: PathPart[];
}

export interface AreaSpec {
  name: string;
  places: PlaceSpec[];
  path: PathPart[];
}

export interface CommitmentSpec {
  title: string;
  description: string;
  responsible: string[];
  periodStart: string;
  periodEnd: string;
  status: CommitmentStatus;
  path: PathPart[];
}

export interface PartnershipSpec {
  name: string;
  validFrom: string;
  validTo: string;
  organisations: string[];
  areas: string[];
  commitments: CommitmentSpec[];
  path: PathPart[];
}

export interface ProvisioningSpec {
  organisations: OrganisationSpec[];
  areas: AreaSpec[];
  partnerships: PartnershipSpec[];
}

export interface ParsedProvisioningFile {
  spec: ProvisioningSpec;
  /** The line of the node at `path` (or of its nearest ancestor present in the file). */
  lineOf(path: readonly PathPart[]): number | null;
}

export class ProvisioningFileError extends Error {
  constructor(readonly problems: readonly ProvisioningProblem[]) {
    super(`${problems.length} problem(s) in the provisioning file`);
    this.name = 'ProvisioningFileError';
  }
}

export const formatPath = (path: readonly PathPart[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_NAME = 200;

/** A real calendar day written YYYY-MM-DD. */
export function isDate(value: unknown): value is string {
  return (
    typeof value === 'string' && DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
  );
}

type Json = Record<string, unknown>;

/** Parses and validates; throws ProvisioningFileError listing every problem found. */
export function parseProvisioningFile(text: string): ParsedProvisioningFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const lineOf = (path: readonly PathPart[]): number | null => locate(doc, lineCounter, path);
  if (doc.errors.length > 0) {
    throw new ProvisioningFileError(
      doc.errors.map((e) => ({
        path: '',
        line: e.linePos?.[0]?.line ?? null,
        message: `YAML syntax error: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  const problems: ProvisioningProblem[] = [];
  const problem = (path: readonly PathPart[], message: string): void => {
    problems.push({ path: formatPath(path), line: lineOf(path), message });
  };
  const spec = validate(doc.toJS() as unknown, problem);
  if (problems.length > 0) throw new ProvisioningFileError(problems);
  return { spec, lineOf };
}

function locate(doc: Document, lineCounter: LineCounter, path: readonly PathPart[]): number | null {
  // A missing key has no node: the nearest ancestor present (the mapping it belongs in) is reported.
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lineCounter.linePos(range[0]).line;
  }
  return null;
}

type Report = (path: readonly PathPart[], message: string) => void;

function validate(root: unknown, problem: Report): ProvisioningSpec {
  const spec: ProvisioningSpec = { organisations: [], areas: [], partnerships: [] };
  if (!isObject(root)) {
    problem([], 'the file must be a mapping with organisations, areas and partnerships');
    return spec;
  }
  unknownKeys(root, [], ['organisations', 'areas', 'partnerships'], problem);

  spec.organisations = list(root, ['organisations'], problem).flatMap(([item, path]) => {
    unknownKeys(item, path, ['name', 'kind', 'admin'], problem);
    const name = text(item, path, 'name', problem);
    const kind = item.kind;
    if (typeof kind !== 'string' || !(Object.values(OrganisationKind) as string[]).includes(kind)) {
      problem(
        [...path, 'kind'],
        `unknown organisation kind ${JSON.stringify(kind ?? null)}; one of ${Object.values(OrganisationKind).join(', ')}`,
      );
    }
    let admin: AdminSpec | null = null;
    if (item.admin !== undefined && item.admin !== null) {
      const adminPath = [...path, 'admin'];
      if (!isObject(item.admin)) problem(adminPath, 'must be a mapping with email and displayName');
      else {
        unknownKeys(item.admin, adminPath, ['email', 'displayName'], problem);
        if ('password' in item.admin)
          problem(
            [...adminPath, 'password'],
            'passwords never go into the file (give them on standard input, or let provisioning print one)',
          );
        const email = text(item.admin, adminPath, 'email', problem, 320)?.toLowerCase();
        if (email !== undefined && !EMAIL.test(email))
          problem([...adminPath, 'email'], 'must be a valid email address');
        const displayName =
          item.admin.displayName === undefined ? 'Administratör' : text(item.admin, adminPath, 'displayName', problem);
        if (email !== undefined && displayName !== undefined) admin = { email, displayName };
      }
    }
    return name === undefined ? [] : [{ name, kind: kind as OrganisationKind, admin, path }];
  });
  unique(spec.organisations, (o) => o.name, 'name', 'organisation', problem);
  const admins = spec.organisations.flatMap((o) =>
    o.admin ? [{ email: o.admin.email, path: [...o.path, 'admin'] }] : [],
  );
  unique(admins, (a) => a.email, 'email', 'administrator email', problem);

  spec.areas = list(root, ['areas'], problem).flatMap(([item, path]) => {
    unknownKeys(item, path, ['name', 'places'], problem);
    const name = text(item, path, 'name', problem);
    const places = list(item, [...path, 'places'], problem, 'places').flatMap(([p, placePath]) => {
      unknownKeys(p, placePath, ['name', 'feltUnsafe', 'cameraMonitored'], problem);
      const placeName = text(p, placePath, 'name', problem);
      const feltUnsafe = flag(p, placePath, 'feltUnsafe', problem);
      const cameraMonitored = flag(p, placePath, 'cameraMonitored', problem);
      return placeName === undefined ? [] : [{ name: placeName, feltUnsafe, cameraMonitored, path: placePath }];
    });
    unique(places, (p) => p.name, 'name', 'place in this area', problem);
    return name === undefined ? [] : [{ name, places, path }];
  });
  unique(spec.areas, (a) => a.name, 'name', 'area', problem);

  const organisationNames = new Set(spec.organisations.map((o) => o.name));
  const areaNames = new Set(spec.areas.map((a) => a.name));
  spec.partnerships = list(root, ['partnerships'], problem).flatMap(([item, path]) => {
    unknownKeys(item, path, ['name', 'validFrom', 'validTo', 'organisations', 'areas', 'commitments'], problem);
    const name = text(item, path, 'name', problem);
    const validFrom = date(item, path, 'validFrom', problem);
    const validTo = date(item, path, 'validTo', problem);
    if (validFrom && validTo && validTo < validFrom) problem([...path, 'validTo'], 'must not be before validFrom');
    const organisations = names(item, path, 'organisations', problem, organisationNames, 'organisation');
    if (organisations.length === 1)
      problem([...path, 'organisations'], 'a partnership needs at least two organisations');
    const areas = names(item, path, 'areas', problem, areaNames, 'area');
    const commitments = list(item, [...path, 'commitments'], problem, 'commitments').flatMap(([c, cPath]) => {
      unknownKeys(c, cPath, ['title', 'description', 'responsible', 'periodStart', 'periodEnd', 'status'], problem);
      const title = text(c, cPath, 'title', problem);
      const description = c.description === undefined ? '' : text(c, cPath, 'description', problem, 10_000);
      const responsible = names(c, cPath, 'responsible', problem, organisationNames, 'organisation');
      responsible.forEach((r, i) => {
        if (organisationNames.has(r) && !organisations.includes(r)) {
          problem([...cPath, 'responsible', i], `"${r}" is not an organisation of this partnership`);
        }
      });
      const periodStart = c.periodStart === undefined ? validFrom : date(c, cPath, 'periodStart', problem);
      const periodEnd = c.periodEnd === undefined ? validTo : date(c, cPath, 'periodEnd', problem);
      if (periodStart && periodEnd && periodEnd < periodStart)
        problem([...cPath, 'periodEnd'], 'must not be before periodStart');
      const status = c.status ?? CommitmentStatus.ACTIVE;
      if (typeof status !== 'string' || !(Object.values(CommitmentStatus) as string[]).includes(status)) {
        problem(
          [...cPath, 'status'],
          `unknown status ${JSON.stringify(status)}; one of ${Object.values(CommitmentStatus).join(', ')}`,
        );
      }
      if (title === undefined || description === undefined || !periodStart || !periodEnd) return [];
      return [
        { title, description, responsible, periodStart, periodEnd, status: status as CommitmentStatus, path: cPath },
      ];
    });
    unique(commitments, (c) => c.title, 'title', 'commitment in this partnership', problem);
    if (name === undefined || !validFrom || !validTo) return [];
    return [{ name, validFrom, validTo, organisations, areas, commitments, path }];
  });
  unique(spec.partnerships, (p) => p.name, 'name', 'partnership', problem);

  // One area, one partnership per pair of organisations: a second one would make every shared
  // record of the pair in that area ambiguous as to which commitments and period it belongs to.
  spec.partnerships.forEach((p, j) => {
    for (const earlier of spec.partnerships.slice(0, j)) {
      const pair = p.organisations.filter((o) => earlier.organisations.includes(o));
      if (pair.length < 2) continue;
      p.areas.forEach((area, k) => {
        if (earlier.areas.includes(area)) {
          problem(
            [...p.path, 'areas', k],
            `area "${area}" is already in partnership "${earlier.name}" of the same organisations "${pair[0]}" and "${pair[1]}"`,
          );
        }
      });
    }
  });
  return spec;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeys(item: Json, path: readonly PathPart[], allowed: readonly string[], problem: Report): void {
  for (const key of Object.keys(item)) {
    if (!allowed.includes(key) && key !== 'password')
      problem([...path, key], `unknown key "${key}"; expected ${allowed.join(', ')}`);
  }
}

/** The mappings of an optional list; `key` names it in messages. */
function list(
  parent: Json,
  path: readonly PathPart[],
  problem: Report,
  key = String(path[path.length - 1]),
): [Json, PathPart[]][] {
  const value = parent[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problem(path, 'must be a list');
    return [];
  }
  return value.flatMap((item: unknown, i) => {
    const itemPath = [...path, i];
    if (!isObject(item)) {
      problem(itemPath, 'must be a mapping');
      return [];
    }
    return [[item, itemPath] as [Json, PathPart[]]];
  });
}

function text(item: Json, path: readonly PathPart[], key: string, problem: Report, max = MAX_NAME): string | undefined {
  const value = item[key];
  if (typeof value !== 'string' || value.trim().length === 0) {
    problem([...path, key], value === undefined ? 'is required' : 'must be a non-empty text');
    return undefined;
  }
  if (value.trim().length > max) {
    problem([...path, key], `must be at most ${max} characters`);
    return undefined;
  }
  return value.trim();
}

function flag(item: Json, path: readonly PathPart[], key: string, problem: Report): boolean {
  const value = item[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') problem([...path, key], 'must be true or false');
  return value === true;
}

function date(item: Json, path: readonly PathPart[], key: string, problem: Report): string | undefined {
  const value = item[key];
  if (value === undefined) {
    problem([...path, key], 'is required');
    return undefined;
  }
  if (!isDate(value)) {
    problem([...path, key], `must be a date YYYY-MM-DD, not ${JSON.stringify(value)}`);
    return undefined;
  }
  return value;
}

/** A list of names, each of which must be declared in the file (`known`). */
function names(
  item: Json,
  path: readonly PathPart[],
  key: string,
  problem: Report,
  known: ReadonlySet<string>,
  what: string,
): string[] {
  const value = item[key];
  const listPath = [...path, key];
  if (!Array.isArray(value) || value.length === 0) {
    problem(listPath, `must be a non-empty list of ${what} names`);
    return [];
  }
  const result: string[] = [];
  value.forEach((v: unknown, i) => {
    if (typeof v !== 'string') problem([...listPath, i], `must be the name of an ${what}`);
    else if (!known.has(v))
      problem(
        [...listPath, i],
        `unknown ${what} "${v}" (declare it under ${what === 'area' ? 'areas' : 'organisations'})`,
      );
    else if (result.includes(v)) problem([...listPath, i], `"${v}" is listed twice`);
    else result.push(v);
  });
  return result;
}

function unique<T extends { path: PathPart[] }>(
  items: readonly T[],
  key: (item: T) => string,
  field: string,
  what: string,
  problem: Report,
): void {
  const seen = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const first = seen.get(k);
    if (first) problem([...item.path, field], `duplicate ${what} "${k}" (first at ${formatPath(first.path)})`);
    else seen.set(k, item);
  }
}
