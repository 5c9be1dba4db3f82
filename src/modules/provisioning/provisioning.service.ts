import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditAction, AuditOutcome, type AuditEventDraft } from '../audit/audit.recorder';
import type { Area, Organisation, Partnership } from '../identity/identity.entities';
import { hashPassword, passwordProblem } from '../identity/password';
import type { Commitment, Place } from '../prevention/prevention.entities';
import {
  formatPath,
  ProvisioningFileError,
  type AdminSpec,
  type ParsedProvisioningFile,
  type PathPart,
  type ProvisioningProblem,
} from './provisioning.file';
import { ProvisioningRepository } from './provisioning.repository';

/** How the audit log names the actor of provisioning: no user, no organisation, this role. */
export const SYSTEM_ACTOR_ROLE = 'SYSTEM';

/** One change the file makes, in the order it is applied. */
export interface PlannedChange {
  /** `+` create, `~` update. */
  kind: '+' | '~';
  text: string;
}

interface NewAdmin {
  organisation: string;
  admin: AdminSpec;
}

export interface ProvisioningPlan {
  changes: PlannedChange[];
  /** Administrators to create: they need a password each. */
  newAdmins: NewAdmin[];
  /** Applies the plan in `manager` (the same transaction it was planned in). */
  apply(passwords: ReadonlyMap<string, string>): Promise<ProvisioningResult>;
}

export interface ProvisioningResult {
  changes: number;
  /** The administrators created, by email (passwords are never returned here). */
  createdAdmins: string[];
}

/** Passwords for the new administrators: given ones are checked, missing ones generated (and returned once). */
export function passwordsFor(
  newAdmins: readonly { admin: AdminSpec }[],
  given: ReadonlyMap<string, string>,
): { passwords: Map<string, string>; generated: Map<string, string> } {
  const passwords = new Map<string, string>();
  const generated = new Map<string, string>();
  for (const { admin } of newAdmins) {
    const password = given.get(admin.email);
    if (password !== undefined) {
      const problem = passwordProblem(password);
      if (problem) throw new Error(`the password given for ${admin.email} ${problem}`);
      passwords.set(admin.email, password);
    } else {
      const fresh = randomBytes(18).toString('base64url');
      passwords.set(admin.email, fresh);
      generated.set(admin.email, fresh);
    }
  }
  return { passwords, generated };
}

/**
 * Compares a provisioning file with the database and plans what is missing or different. Additive:
 * nothing in the database that the file does not mention is removed or changed (a partnership ends
 * with `closePartnership`, a user is disabled by its organisation's admin). Problems that only the
 * database can reveal (an organisation of another kind, an email taken in another organisation, an
 * area already shared by the same organisations in a partnership the file does not describe) are
 * reported with their path and line like the file's own, and nothing is applied.
 */
export async function planProvisioning(
  manager: EntityManager,
  file: ParsedProvisioningFile,
  source: string,
): Promise<ProvisioningPlan> {
  const repo = new ProvisioningRepository();
  const { spec } = file;
  await repo.lock(manager);
  const problems: ProvisioningProblem[] = [];
  const problem = (path: readonly PathPart[], message: string): void => {
    problems.push({ path: formatPath(path), line: file.lineOf(path), message });
  };
  const changes: PlannedChange[] = [];
  const change = (kind: '+' | '~', text: string): void => {
    changes.push({ kind, text });
  };

  const orgs = new Map(
    (
      await repo.organisations(
        manager,
        spec.organisations.map((o) => o.name),
      )
    ).map((o) => [o.name, o]),
  );
  for (const o of spec.organisations) {
    const existing = orgs.get(o.name);
    if (!existing) change('+', `organisation "${o.name}" (${o.kind})`);
    else if (existing.kind !== o.kind)
      problem([...o.path, 'kind'], `organisation "${o.name}" exists with kind ${existing.kind}; a kind never changes`);
  }
  const areas = new Map(
    (
      await repo.areas(
        manager,
        spec.areas.map((a) => a.name),
      )
    ).map((a) => [a.name, a]),
  );
  const places = await repo.places(
    manager,
    [...areas.values()].map((a) => a.id),
  );
  for (const a of spec.areas) {
    const area = areas.get(a.name);
    if (!area) change('+', `area "${a.name}"`);
    for (const p of a.places) {
      const existing = area && places.find((x) => x.areaId === area.id && x.name === p.name);
      if (!existing) change('+', `place "${p.name}" in ${a.name}${flags(p)}`);
      else if (existing.feltUnsafe !== p.feltUnsafe || existing.cameraMonitored !== p.cameraMonitored) {
        change(
          '~',
          `place "${p.name}" in ${a.name}: ${flags(existing).trim() || '(no flags)'} → ${flags(p).trim() || '(no flags)'}`,
        );
      }
    }
  }

  const partnerships = new Map(
    (
      await repo.partnerships(
        manager,
        spec.partnerships.map((p) => p.name),
      )
    ).map((p) => [p.name, p]),
  );
  const links = await repo.links(
    manager,
    [...partnerships.values()].map((p) => p.id),
  );
  const commitments = await repo.commitments(
    manager,
    [...partnerships.values()].map((p) => p.id),
  );
  const covering = await repo.partnershipsCovering(
    manager,
    [...areas.values()].map((a) => a.id),
  );
  for (const p of spec.partnerships) {
    const existing = partnerships.get(p.name);
    if (!existing) change('+', `partnership "${p.name}" ${p.validFrom} – ${p.validTo}`);
    else if (existing.validFrom !== p.validFrom || existing.validTo !== p.validTo) {
      change(
        '~',
        `partnership "${p.name}": ${existing.validFrom} – ${existing.validTo} → ${p.validFrom} – ${p.validTo}`,
      );
    }
    for (const name of p.organisations) {
      const org = orgs.get(name);
      if (
        !existing ||
        !org ||
        !links.organisations.some((l) => l.partnershipId === existing.id && l.organisationId === org.id)
      ) {
        change('+', `partnership "${p.name}": organisation "${name}"`);
      }
    }
    p.areas.forEach((name, k) => {
      const area = areas.get(name);
      if (!existing || !area || !links.areas.some((l) => l.partnershipId === existing.id && l.areaId === area.id)) {
        change('+', `partnership "${p.name}": area "${name}"`);
      }
      // The same rule as in the file, against partnerships the file does not describe.
      const ids = p.organisations.flatMap((o) => (orgs.get(o) ? [orgs.get(o)!.id] : []));
      for (const other of covering) {
        if (
          other.name === p.name ||
          spec.partnerships.some((s) => s.name === other.name) ||
          !area ||
          !other.areaIds.includes(area.id)
        )
          continue;
        if (ids.filter((id) => other.organisationIds.includes(id)).length >= 2) {
          problem(
            [...p.path, 'areas', k],
            `area "${name}" is already in partnership "${other.name}" of the same organisations`,
          );
        }
      }
    });
    for (const c of p.commitments) {
      const current = existing && commitments.find((x) => x.partnershipId === existing.id && x.title === c.title);
      if (!current) {
        change('+', `commitment "${c.title}" of "${p.name}"`);
        continue;
      }
      const responsible = c.responsible.map((r) => orgs.get(r)?.id ?? r);
      const differs: string[] = [];
      if (current.description !== c.description) differs.push('description');
      if ([...current.responsibleOrganisationIds].sort().join() !== [...responsible].sort().join())
        differs.push('responsible');
      if (current.periodStart !== c.periodStart || current.periodEnd !== c.periodEnd) differs.push('period');
      if (current.status !== c.status) differs.push('status');
      if (differs.length > 0) change('~', `commitment "${c.title}" of "${p.name}": ${differs.join(', ')}`);
    }
  }

  const admins = spec.organisations.flatMap((o) =>
    o.admin ? [{ organisation: o.name, admin: o.admin, path: [...o.path, 'admin', 'email'] }] : [],
  );
  const users = new Map(
    (
      await repo.users(
        manager,
        admins.map((a) => a.admin.email),
      )
    ).map((u) => [u.email, u]),
  );
  const newAdmins: NewAdmin[] = [];
  for (const a of admins) {
    const user = users.get(a.admin.email);
    const org = orgs.get(a.organisation);
    if (!user) {
      change('+', `administrator ${a.admin.email} of "${a.organisation}"`);
      newAdmins.push({ organisation: a.organisation, admin: a.admin });
    } else if (!org || user.organisationId !== org.id) {
      problem(a.path, `${a.admin.email} is already a user of another organisation`);
    }
  }
  if (problems.length > 0) throw new ProvisioningFileError(problems);

  const apply = async (passwords: ReadonlyMap<string, string>): Promise<ProvisioningResult> => {
    const audit = new SystemAudit(source);
    const partnershipOrgIds = (names: readonly string[]): string[] =>
      names.flatMap((n) => (orgs.get(n) ? [orgs.get(n)!.id] : []));
    for (const o of spec.organisations) {
      if (orgs.has(o.name)) continue;
      const created = await repo.insertOrganisation(manager, { name: o.name, kind: o.kind });
      orgs.set(o.name, created);
      audit.touch(AuditAction.CREATE, 'Organisation', created.id, [created.id]);
    }
    const areaOrgIds = (name: string): string[] => [
      ...new Set(
        spec.partnerships.filter((p) => p.areas.includes(name)).flatMap((p) => partnershipOrgIds(p.organisations)),
      ),
    ];
    for (const a of spec.areas) {
      let area: Area | undefined = areas.get(a.name);
      if (!area) {
        area = await repo.insertArea(manager, a.name);
        areas.set(a.name, area);
        audit.touch(AuditAction.CREATE, 'Area', area.id, areaOrgIds(a.name));
      }
      for (const p of a.places) {
        const existing: Place | undefined = places.find((x) => x.areaId === area.id && x.name === p.name);
        if (existing && existing.feltUnsafe === p.feltUnsafe && existing.cameraMonitored === p.cameraMonitored)
          continue;
        const saved = await repo.savePlace(manager, {
          ...(existing ? { id: existing.id } : {}),
          areaId: area.id,
          name: p.name,
          feltUnsafe: p.feltUnsafe,
          cameraMonitored: p.cameraMonitored,
        });
        audit.touch(existing ? AuditAction.UPDATE : AuditAction.CREATE, 'Place', saved.id, areaOrgIds(a.name));
      }
    }
    for (const p of spec.partnerships) {
      let partnership: Partnership | undefined = partnerships.get(p.name);
      const orgIds = partnershipOrgIds(p.organisations);
      // Links of a partnership created in this run are part of its creation, not an update.
      const linkAction = partnership ? AuditAction.UPDATE : AuditAction.CREATE;
      if (!partnership || partnership.validFrom !== p.validFrom || partnership.validTo !== p.validTo) {
        const before = partnership;
        partnership = await repo.savePartnership(manager, {
          ...(before ? { id: before.id } : {}),
          name: p.name,
          validFrom: p.validFrom,
          validTo: p.validTo,
        });
        audit.touch(before ? AuditAction.UPDATE : AuditAction.CREATE, 'Partnership', partnership.id, orgIds);
      }
      const id = partnership.id;
      for (const orgId of orgIds) {
        if (links.organisations.some((l) => l.partnershipId === id && l.organisationId === orgId)) continue;
        await repo.linkOrganisation(manager, id, orgId);
        audit.touch(linkAction, 'Partnership', id, orgIds);
      }
      for (const name of p.areas) {
        const areaId = areas.get(name)!.id;
        if (links.areas.some((l) => l.partnershipId === id && l.areaId === areaId)) continue;
        await repo.linkArea(manager, id, areaId);
        audit.touch(linkAction, 'Partnership', id, orgIds);
      }
      for (const c of p.commitments) {
        const current: Commitment | undefined = commitments.find((x) => x.partnershipId === id && x.title === c.title);
        const responsibleOrganisationIds = partnershipOrgIds(c.responsible);
        if (
          current &&
          current.description === c.description &&
          [...current.responsibleOrganisationIds].sort().join() === [...responsibleOrganisationIds].sort().join() &&
          current.periodStart === c.periodStart &&
          current.periodEnd === c.periodEnd &&
          current.status === c.status
        ) {
          continue;
        }
        const saved = await repo.saveCommitment(manager, {
          ...(current ? { id: current.id } : {}),
          partnershipId: id,
          title: c.title,
          description: c.description,
          responsibleOrganisationIds,
          periodStart: c.periodStart,
          periodEnd: c.periodEnd,
          status: c.status,
        });
        audit.touch(current ? AuditAction.UPDATE : AuditAction.CREATE, 'Commitment', saved.id, orgIds);
      }
    }
    const createdAdmins: string[] = [];
    for (const a of newAdmins) {
      const password = passwords.get(a.admin.email);
      if (password === undefined) throw new Error(`no password for the new administrator ${a.admin.email}`);
      const org: Organisation = orgs.get(a.organisation)!;
      const user = await repo.insertAdmin(manager, {
        organisationId: org.id,
        email: a.admin.email,
        displayName: a.admin.displayName,
        passwordHash: await hashPassword(password),
      });
      audit.touch(AuditAction.CREATE, 'User', user.id, [org.id]);
      createdAdmins.push(a.admin.email);
    }
    await repo.writeAudit(manager, audit.drafts());
    return { changes: changes.length, createdAdmins };
  };
  return { changes, newAdmins, apply };
}

function flags(p: { feltUnsafe: boolean; cameraMonitored: boolean }): string {
  const f = [p.feltUnsafe ? 'felt unsafe' : '', p.cameraMonitored ? 'camera-monitored' : ''].filter(Boolean);
  return f.length > 0 ? ` (${f.join(', ')})` : '';
}

/**
 * The audit events of one provisioning run: one per action, entity type and set of organisations
 * concerned, so that an organisation's auditors see the events about its own partnerships and
 * records, and nothing (not even the ids) of partnerships it is not part of.
 */
class SystemAudit {
  private readonly touched = new Map<
    string,
    { action: AuditAction; entityType: string; ids: Set<string>; organisationIds: Set<string> }
  >();
  private readonly requestId = randomUUID();

  constructor(private readonly source: string) {}

  touch(action: AuditAction, entityType: string, id: string, organisationIds: readonly string[]): void {
    const key = `${action}:${entityType}:${[...new Set(organisationIds)].sort().join(',')}`;
    const entry = this.touched.get(key) ?? {
      action,
      entityType,
      ids: new Set<string>(),
      organisationIds: new Set<string>(),
    };
    entry.ids.add(id);
    for (const o of organisationIds) entry.organisationIds.add(o);
    this.touched.set(key, entry);
  }

  drafts(): AuditEventDraft[] {
    const occurredAt = new Date();
    return [...this.touched.values()].map((t) => ({
      occurredAt,
      requestId: this.requestId,
      actorUserId: null,
      actorOrganisationId: null,
      actorRoles: [SYSTEM_ACTOR_ROLE],
      sessionHash: null,
      clientAddress: null,
      operationType: 'provision',
      operationName: `provision ${this.source}`.slice(0, 200),
      fields: ['provision'],
      action: t.action,
      outcome: AuditOutcome.ALLOWED,
      errorCode: null,
      entityType: t.entityType,
      entityIds: [...t.ids].sort(),
      entityOrganisationIds: [...t.organisationIds].sort(),
      purpose: null,
    }));
  }
}
