import { type CaseAccessGrant } from '../../access/case-access';
import { type CaseView, type ShareView } from './case.service';
import { CaseLegalBasisType, CaseType } from './dto/case.types';

/** A granted case as its GraphQL type; the grant stays on it for the field resolvers. */
export type CaseRoot = CaseType & { grant: CaseAccessGrant; callerIsMember: boolean };
export const toCase = (v: CaseView): CaseRoot => Object.assign(new CaseType(), v, { access: v.grant.via });
export const toLegalBasis = (s: ShareView): CaseLegalBasisType =>
  Object.assign(new CaseLegalBasisType(), s, { kind: s.basisKind });
