import type { DataSource, EntityManager } from 'typeorm';
import { OrganisationKind, Role } from '../../access/roles';
import { Area, Organisation, Partnership, PartnershipArea, PartnershipOrganisation, User, UserRole } from '../../modules/identity/identity.entities';
import { hashPassword } from '../../modules/identity/password';
import { Commitment, CommitmentStatus, Place } from '../../modules/prevention/prevention.entities';
import { seedPreventionActivities } from './prevention-seed';
import { seedTraining } from './training-seed';
import { seedIndicators } from './indicator-seed';
import { seedCases } from './case-seed';

export const POLICE = 'Polisen LPO Södra Roslagen';
export const DANDERYD = 'Danderyds kommun socialtjänst';
export const TABY = 'Täby kommun socialtjänst';

export const DEMO_USERS: readonly { email: string; displayName: string; organisation: string; roles: Role[] }[] = [
  { email: 'kommunpolis@polisen.example', displayName: 'Kommunpolis Södra Roslagen', organisation: POLICE, roles: [Role.POLICE_LIAISON] },
  { email: 'utbildning@polisen.example', displayName: 'Utbildningssamordnare Polisen', organisation: POLICE, roles: [Role.TRAINING_COORDINATOR] },
  { email: 'loggkontroll@polisen.example', displayName: 'Loggkontroll Polisen', organisation: POLICE, roles: [Role.AUDITOR] },
  { email: 'admin@polisen.example', displayName: 'Administratör Polisen', organisation: POLICE, roles: [Role.ADMIN] },
  { email: 'socialsekreterare@danderyd.example', displayName: 'Socialsekreterare Danderyd', organisation: DANDERYD, roles: [Role.SOCIAL_WORKER] },
  { email: 'utbildning@danderyd.example', displayName: 'Utbildningssamordnare Danderyd', organisation: DANDERYD, roles: [Role.TRAINING_COORDINATOR] },
  { email: 'loggkontroll@danderyd.example', displayName: 'Loggkontroll Danderyd', organisation: DANDERYD, roles: [Role.AUDITOR] },
  { email: 'admin@danderyd.example', displayName: 'Administratör Danderyd', organisation: DANDERYD, roles: [Role.ADMIN] },
  { email: 'socialsekreterare@taby.example', displayName: 'Socialsekreterare Täby', organisation: TABY, roles: [Role.SOCIAL_WORKER] },
];

const PARTNERSHIPS = [
  { name: 'Medborgarlöften Danderyd 2023–2026', organisations: [POLICE, DANDERYD], area: 'Danderyd' },
  { name: 'Medborgarlöften Täby 2023–2026', organisations: [POLICE, TABY], area: 'Täby' },
];

const PLACES: readonly { area: string; name: string; feltUnsafe: boolean; cameraMonitored: boolean }[] = [
  { area: 'Danderyd', name: 'Vendevägen', feltUnsafe: true, cameraMonitored: true },
  { area: 'Danderyd', name: 'Mörby centrum', feltUnsafe: true, cameraMonitored: false },
  { area: 'Danderyd', name: 'Danderyds sjukhus station', feltUnsafe: true, cameraMonitored: false },
  { area: 'Danderyd', name: 'Stocksunds torg', feltUnsafe: false, cameraMonitored: false },
  { area: 'Danderyd', name: 'Djursholms torg', feltUnsafe: false, cameraMonitored: false },
  { area: 'Täby', name: 'Täby centrum', feltUnsafe: true, cameraMonitored: false },
  { area: 'Täby', name: 'Roslags Näsby station', feltUnsafe: true, cameraMonitored: false },
];

/** The Danderyd citizen commitments 2023–2026, from the public text (shared/medborgarloften-danderyd-2023-2026.txt). */
export const DANDERYD_COMMITMENTS: readonly { title: string; description: string; responsible: string[] }[] = [
  {
    title: 'Trygghetspatrulleringar',
    description: 'Polisen (lokalpolisområde Södra Roslagen) ska kontinuerligt genomföra trygghetspatrulleringar på platser som upplevs som otrygga av många.',
    responsible: [POLICE],
  },
  {
    title: 'Väktare på otrygga platser',
    description: 'Väktare anlitade av Danderyds kommun ska fortsätta bevaka de platser som upplevs som otrygga kvällar och nätter.',
    responsible: [DANDERYD],
  },
  {
    title: 'Trygghetsvandringar',
    description: 'Danderyds kommun och Polisen (lokalpolisområde Södra Roslagen) ska genomföra trygghetsvandringar i samverkan med nyckelaktörer.',
    responsible: [POLICE, DANDERYD],
  },
  {
    title: 'Föräldravandrare och ungdomskoordinatorer',
    description:
      'Föräldravandrare och ungdomskoordinatorer ska med sitt relationsskapande arbete bidra till trygghet på offentliga platser. Även andra aktörer såsom grannsamverkansbilarna och polisvolontärer bidrar till trygghet med närvaro.',
    responsible: [DANDERYD],
  },
  {
    title: 'Kamerabevakning vid Vendevägen',
    description: 'Danderyds kommun kommer att fortsätta med kamerabevakning vid Vendevägen.',
    responsible: [DANDERYD],
  },
  {
    title: 'Förebygga och upptäcka våld i nära relation',
    description:
      'Polisen (lokalpolisområde Södra Roslagen) och Danderyds kommun ska arbeta förebyggande för att förhindra att våld i nära relation uppstår samt utveckla arbetet för att upptäcka våld i nära relation. Vidareutbildning förväntas stärka arbetet så att sådant våld kan upptäckas och förebyggas.',
    responsible: [POLICE, DANDERYD],
  },
];

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
export async function seedDemoData(dataSource: DataSource, options: { nodeEnv: string; password: string; now?: Date }): Promise<SeedResult> {
  if (options.nodeEnv === 'production') {
    throw new SeedRefusedError('Refusing to seed demo data with NODE_ENV=production; create the first admin with `npm run create-admin`.');
  }
  const passwordHash = await hashPassword(options.password);
  return dataSource.transaction(async (m) => {
    const before = await m.count(User);
    const org = async (name: string, kind: OrganisationKind): Promise<Organisation> =>
      (await m.findOne(Organisation, { where: { name } })) ?? m.save(m.create(Organisation, { name, kind }));
    const orgs = new Map<string, Organisation>([
      [POLICE, await org(POLICE, OrganisationKind.POLICE)],
      [DANDERYD, await org(DANDERYD, OrganisationKind.SOCIAL_SERVICES)],
      [TABY, await org(TABY, OrganisationKind.SOCIAL_SERVICES)],
    ]);
    const areas = new Map<string, Area>();
    for (const p of PARTNERSHIPS) {
      const area = (await m.findOne(Area, { where: { name: p.area } })) ?? (await m.save(m.create(Area, { name: p.area })));
      areas.set(p.area, area);
      const partnership =
        (await m.findOne(Partnership, { where: { name: p.name } })) ??
        (await m.save(m.create(Partnership, { name: p.name, validFrom: '2023-01-01', validTo: '2026-12-31' })));
      for (const name of p.organisations) {
        await m.upsert(PartnershipOrganisation, { partnershipId: partnership.id, organisationId: orgs.get(name)!.id }, ['partnershipId', 'organisationId']);
      }
      await m.upsert(PartnershipArea, { partnershipId: partnership.id, areaId: area.id }, ['partnershipId', 'areaId']);
      if (p.area === 'Danderyd') await seedCommitments(m, partnership.id, orgs);
    }
    for (const place of PLACES) {
      const areaId = areas.get(place.area)!.id;
      if (!(await m.findOne(Place, { where: { areaId, name: place.name } }))) {
        await m.save(m.create(Place, { areaId, name: place.name, feltUnsafe: place.feltUnsafe, cameraMonitored: place.cameraMonitored }));
      }
    }
    for (const u of DEMO_USERS) {
      if (await m.findOne(User, { where: { email: u.email } })) continue;
      const user = await m.save(
        m.create(User, { organisationId: orgs.get(u.organisation)!.id, email: u.email, displayName: u.displayName, passwordHash, disabledAt: null }),
      );
      await m.insert(UserRole, u.roles.map((role) => ({ userId: user.id, role })));
    }
    const creator = async (email: string): Promise<string> => (await m.findOneOrFail(User, { where: { email } })).id;
    await seedPreventionActivities(m, {
      police: { id: orgs.get(POLICE)!.id, creatorId: await creator('kommunpolis@polisen.example') },
      municipalities: [
        { organisationId: orgs.get(DANDERYD)!.id, creatorId: await creator('socialsekreterare@danderyd.example'), areaId: areas.get('Danderyd')!.id, areaName: 'Danderyd' },
        { organisationId: orgs.get(TABY)!.id, creatorId: await creator('socialsekreterare@taby.example'), areaId: areas.get('Täby')!.id, areaName: 'Täby' },
      ],
      now: options.now,
    });
    const users = new Map((await m.find(User)).map((u) => [u.email, u.id]));
    await seedTraining(m, {
      organisations: { police: orgs.get(POLICE)!.id, danderyd: orgs.get(DANDERYD)!.id, taby: orgs.get(TABY)!.id },
      users,
      now: options.now,
    });
    await seedIndicators(m, {
      police: { organisationId: orgs.get(POLICE)!.id, userId: await creator('kommunpolis@polisen.example') },
      areas: [
        { areaId: areas.get('Danderyd')!.id, size: 0, socialServices: { organisationId: orgs.get(DANDERYD)!.id, userId: await creator('socialsekreterare@danderyd.example') } },
        { areaId: areas.get('Täby')!.id, size: 1, socialServices: { organisationId: orgs.get(TABY)!.id, userId: await creator('socialsekreterare@taby.example') } },
      ],
      now: options.now,
    });
    await seedCases(m, {
      organisations: { police: orgs.get(POLICE)!.id, danderyd: orgs.get(DANDERYD)!.id, taby: orgs.get(TABY)!.id },
      users,
      now: options.now,
    });
    const after = await m.count(User);
    return { organisations: orgs.size, users: after, created: after > before };
  });
}

async function seedCommitments(m: EntityManager, partnershipId: string, orgs: Map<string, Organisation>): Promise<void> {
  for (const c of DANDERYD_COMMITMENTS) {
    if (await m.findOne(Commitment, { where: { partnershipId, title: c.title } })) continue;
    await m.save(
      m.create(Commitment, {
        partnershipId,
        title: c.title,
        description: c.description,
        responsibleOrganisationIds: c.responsible.map((n) => orgs.get(n)!.id),
        periodStart: '2023-01-01',
        periodEnd: '2026-12-31',
        status: CommitmentStatus.ACTIVE,
      }),
    );
  }
}

/** True when the database holds no users at all (an empty installation). */
export async function isEmpty(dataSource: DataSource): Promise<boolean> {
  return (await dataSource.manager.count(User)) === 0;
}
