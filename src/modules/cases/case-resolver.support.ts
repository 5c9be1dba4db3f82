import { type CaseAccessGrant } from '../../access/case-access';
import { type CaseView, type ShareView } from './case.service';
import { CaseDto, CaseLegalBasisDto } from './dto/case.dto';

/** A granted case as its GraphQL type; the grant stays on it for the field resolvers. */
export type CaseRoot = CaseDto & { grant: CaseAccessGrant; callerIsMember: boolean };
export const toCase = (v: CaseView): CaseRoot => Object.assign(new CaseDto(), v, { access: v.grant.via });
export const toLegalBasis = (s: ShareView): CaseLegalBasisDto =>
  Object.assign(new CaseLegalBasisDto(), s, { kind: s.basisKind });
