import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { Role } from '../../access/roles';
import { projectRoot } from '../../config/config';
import { Area, Organisation, Partnership, User, UserRole } from '../../modules/identity/identity.entities';
import { hashPassword } from '../../modules/identity/password';
import { parseProvisioningFile } from '../../modules/provisioning/provisioning.file';
import { planProvisioning } from '../../modules/provisioning/provisioning.service';
import { seedPreventionActivities } from './prevention-seed';
import { seedTraining } from './training-seed';
import { seedIndicators } from './indicator-seed';
import { seedCases } from './case-seed';
import { seedCameras } from './camera-seed';
import { seedEffects } from './effect-seed';

export const POLICE = 'Polisen LPO Södra Roslagen';
export const DANDERYD = 'Danderyds kommun socialtjänst';
export const TABY = 'Täby kommun socialtjänst';
export const DANDERYD_SAFETY = 'Danderyds kommun trygghet och säkerhet';

export const DEMO_USERS: readonly { email: string; displayName: string; organisation: string; roles: Role[] }[] = [
  {
    email: 'kommunpolis@polisen.example',
    displayName: 'Kommunpolis Södra Roslagen',
    organisation: POLICE,
    roles: [Role.POLICE_LIAISON],
  },
  {
    email: 'utbildning@polisen.example',
    displayName: 'Utbildningssamordnare Polisen',
    organisation: POLICE,
    roles: [Role.TRAINING_COORDINATOR],
  },
  {
    email: 'loggkontroll@polisen.example',
    displayName: 'Loggkontroll Polisen',
    organisation: POLICE,
    roles: [Role.AUDITOR],
  },
  { email: 'admin@polisen.example', displayName: 'Administratör Polisen', organisation: POLICE, roles: [Role.ADMIN] },
  {
    email: 'socialsekreterare@danderyd.example',
    displayName: 'Socialsekreterare Danderyd',
    organisation: DANDERYD,
    roles: [Role.SOCIAL_WORKER],
  },
  {
    email: 'utbildning@danderyd.example',
    displayName: 'Utbildningssamordnare Danderyd',
    organisation: DANDERYD,
    roles: [Role.TRAINING_COORDINATOR],
  },
  {
    email: 'loggkontroll@danderyd.example',
    displayName: 'Loggkontroll Danderyd',
    organisation: DANDERYD,
    roles: [Role.AUDITOR],
  },
  {
    email: 'admin@danderyd.example',
    displayName: 'Administratör Danderyd',
    organisation: DANDERYD,
    roles: [Role.ADMIN],
  },
  {
    email: 'trygghet@danderyd.example',
    displayName: 'Trygghetssamordnare Danderyd',
    organisation: DANDERYD_SAFETY,
    roles: [Role.SAFETY_COORDINATOR],
  },
  {
    email: 'socialsekreterare@taby.example',
    displayName: 'Socialsekreterare Täby',
    organisation: TABY,
    roles: [Role.SOCIAL_WORKER],
  },
];

/** The demo partnerships, areas, places, commitments and administrators: a provisioning file. */
export const DEMO_PROVISIONING_FILE = path.join(projectRoot(), 'src', 'db', 'seed', 'demo-partnerships.yaml');

export class SeedRefusedError extends Error {}

export interface SeedResult {
  organisations: number;
  users: number;
  created: boolean;
}

/**
 * The demo data of DESIGN.md. Idempotent: running it again changes nothing (rows are matched by
 * their natural keys). Refused in production. Runs in one transaction.
 */
export async function seedDemoData(
  dataSource: DataSource,
  options: { nodeEnv: string; password: string; now?: Date },
): Promise<SeedResult> {
  if (options.nodeEnv === 'production') {
    throw new SeedRefusedError(
      'Refusing to seed demo data with NODE_ENV=production; describe the partnership in a provisioning file and run `npm run provision` (docs/provisioning.md).',
    );
  }
  const passwordHash = await hashPassword(options.password);
  const file = parseProvisioningFile(fs.readFileSync(DEMO_PROVISIONING_FILE, 'utf8'));
  return dataSource.transaction(async (manager) => {
    const before = await manager.count(User);
    // The same path as `npm run provision`: what the demo shows, production can provision.
    const plan = await planProvisioning(manager, file, path.basename(DEMO_PROVISIONING_FILE));
    if (plan.changes.length > 0)
      await plan.apply(new Map(plan.newAdmins.map((a) => [a.admin.email, options.password])));
    const orgs = new Map((await manager.find(Organisation)).map((o) => [o.name, o]));
    const areas = new Map((await manager.find(Area)).map((a) => [a.name, a]));
    for (const u of DEMO_USERS) {
      if (await manager.findOne(User, { where: { email: u.email } })) continue;
      const user = await manager.save(
        manager.create(User, {
          organisationId: orgs.get(u.organisation)!.id,
          email: u.email,
          displayName: u.displayName,
          passwordHash,
          disabledAt: null,
        }),
      );
      await manager.insert(
        UserRole,
        u.roles.map((role) => ({ userId: user.id, role })),
      );
    }
    const creator = async (email: string): Promise<string> =>
      (await manager.findOneOrFail(User, { where: { email } })).id;
    await seedPreventionActivities(manager, {
      police: { id: orgs.get(POLICE)!.id, creatorId: await creator('kommunpolis@polisen.example') },
      municipalities: [
        {
          organisationId: orgs.get(DANDERYD)!.id,
          creatorId: await creator('socialsekreterare@danderyd.example'),
          areaId: areas.get('Danderyd')!.id,
          areaName: 'Danderyd',
          safetyFunction: {
            organisationId: orgs.get(DANDERYD_SAFETY)!.id,
            creatorId: await creator('trygghet@danderyd.example'),
          },
        },
        {
          organisationId: orgs.get(TABY)!.id,
          creatorId: await creator('socialsekreterare@taby.example'),
          areaId: areas.get('Täby')!.id,
          areaName: 'Täby',
        },
      ],
      now: options.now,
    });
    const users = new Map((await manager.find(User)).map((u) => [u.email, u.id]));
    await seedTraining(manager, {
      organisations: { police: orgs.get(POLICE)!.id, danderyd: orgs.get(DANDERYD)!.id, taby: orgs.get(TABY)!.id },
      users,
      now: options.now,
    });
    await seedIndicators(manager, {
      police: { organisationId: orgs.get(POLICE)!.id, userId: await creator('kommunpolis@polisen.example') },
      areas: [
        {
          areaId: areas.get('Danderyd')!.id,
          size: 0,
          socialServices: {
            organisationId: orgs.get(DANDERYD)!.id,
            userId: await creator('socialsekreterare@danderyd.example'),
          },
        },
        {
          areaId: areas.get('Täby')!.id,
          size: 1,
          socialServices: {
            organisationId: orgs.get(TABY)!.id,
            userId: await creator('socialsekreterare@taby.example'),
          },
        },
      ],
      now: options.now,
    });
    await seedCameras(manager, {
      safetyFunction: {
        organisationId: orgs.get(DANDERYD_SAFETY)!.id,
        userId: await creator('trygghet@danderyd.example'),
      },
      police: { organisationId: orgs.get(POLICE)!.id, userId: await creator('kommunpolis@polisen.example') },
      areaId: areas.get('Danderyd')!.id,
    });
    const danderydPartnership = await manager.findOne(Partnership, {
      where: { name: 'Medborgarlöften Danderyd 2023–2026' },
    });
    if (danderydPartnership)
      await seedEffects(manager, {
        partnershipId: danderydPartnership.id,
        areaId: areas.get('Danderyd')!.id,
        organisationId: orgs.get(DANDERYD_SAFETY)!.id,
        userId: await creator('trygghet@danderyd.example'),
      });
    await seedCases(manager, {
      organisations: { police: orgs.get(POLICE)!.id, danderyd: orgs.get(DANDERYD)!.id, taby: orgs.get(TABY)!.id },
      users,
      now: options.now,
    });
    const after = await manager.count(User);
    return { organisations: orgs.size, users: after, created: after > before };
  });
}

/** True when the database holds no users at all (an empty installation). */
export async function isEmpty(dataSource: DataSource): Promise<boolean> {
  return (await dataSource.manager.count(User)) === 0;
}
