import { Capability, scopeOf, Scope } from './policy';
import type { Principal } from './principal';

/**
 * Who may do what with a camera and a footage request (docs/cameras.md). Pure and deny-by-default
 * like `case-access.ts`: a missing fact or an exception grants nothing, and a record the caller may
 * not use answers NOT_FOUND, as if it did not exist.
 *
 * | record          | operation        | who                                                              |
 * |-----------------|------------------|------------------------------------------------------------------|
 * | camera          | read             | the owner's safety coordinators; police liaisons of a partnership |
 * |                 |                  | with the owner whose areas include the camera's place             |
 * | camera          | manage           | the owner's safety coordinators                                   |
 * | camera          | request footage  | police liaisons who may read it                                   |
 * | footage request | read             | liaisons, coordinators and auditors of the requesting or owning  |
 * |                 |                  | organisation                                                      |
 * | footage request | decide           | the owner's safety coordinators, while it awaits a decision       |
 * | footage request | withdraw         | the requesting organisation's police liaisons, likewise            |
 * | footage request | see case link    | the requesting organisation only (the owner learns nothing of it) |
 */
export enum CameraOperation {
  READ = 'read',
  MANAGE = 'manage',
  REQUEST_FOOTAGE = 'request-footage',
}

export enum FootageRequestOperation {
  READ = 'read',
  DECIDE = 'decide',
  WITHDRAW = 'withdraw',
  SEE_CASE_LINK = 'see-case-link',
}

/** A camera's owner and the area of its place. */
export interface CameraFacts {
  organisationId: string;
  areaId: string;
}

/** One partnership of the caller: its organisations and areas (the session's topology). */
export interface CameraTopology {
  partnershipId: string;
  organisationIds: readonly string[];
  areaIds: readonly string[];
}

export interface FootageRequestFacts {
  ownerOrganisationId: string;
  requestingOrganisationId: string;
}

const sameId = (a: unknown, b: unknown): boolean => typeof a === 'string' && a !== '' && a === b;

function granted(principal: Principal, capability: Capability): Scope | null {
  return scopeOf(principal.roles, capability);
}

/** Whether the caller may perform `operation` on the camera. */
export function cameraAccess(
  principal: Principal | undefined,
  camera: CameraFacts | null | undefined,
  operation: CameraOperation,
  topology: readonly CameraTopology[],
): boolean {
  try {
    if (!principal || !camera) return false;
    const own = sameId(camera.organisationId, principal.organisationId);
    // The partner side: a partnership of the caller that holds the owner and covers the place's area.
    const partner =
      !own &&
      topology.some(
        (p) =>
          principal.partnershipIds.includes(p.partnershipId) &&
          p.organisationIds.includes(principal.organisationId) &&
          p.organisationIds.includes(camera.organisationId) &&
          p.areaIds.includes(camera.areaId),
      );
    switch (operation) {
      case CameraOperation.READ: {
        const scope = granted(principal, Capability.CAMERA_READ);
        if (scope === Scope.OWN) return own;
        if (scope === Scope.PARTNERSHIP) return own || partner;
        return false;
      }
      case CameraOperation.MANAGE:
        return granted(principal, Capability.CAMERA_MANAGE) === Scope.OWN && own;
      case CameraOperation.REQUEST_FOOTAGE:
        // Footage of one's own camera needs no request.
        return granted(principal, Capability.FOOTAGE_REQUEST) === Scope.PARTNERSHIP && partner;
      default:
        return false;
    }
  } catch {
    return false;
  }
}

/** Whether the caller may perform `operation` on the footage request. */
export function footageRequestAccess(
  principal: Principal | undefined,
  request: FootageRequestFacts | null | undefined,
  operation: FootageRequestOperation,
): boolean {
  try {
    if (!principal || !request) return false;
    const owner = sameId(request.ownerOrganisationId, principal.organisationId);
    const requester = sameId(request.requestingOrganisationId, principal.organisationId);
    const reads = granted(principal, Capability.FOOTAGE_READ) === Scope.OWN && (owner || requester);
    switch (operation) {
      case FootageRequestOperation.READ:
        return reads;
      case FootageRequestOperation.DECIDE:
        return reads && owner && granted(principal, Capability.FOOTAGE_DECIDE) === Scope.OWN;
      case FootageRequestOperation.WITHDRAW:
        return reads && requester && granted(principal, Capability.FOOTAGE_REQUEST) === Scope.PARTNERSHIP;
      case FootageRequestOperation.SEE_CASE_LINK:
        return reads && requester;
      default:
        return false;
    }
  } catch {
    return false;
  }
}
