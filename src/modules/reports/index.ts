import { ListExportResolver } from './list-export.resolver';
import { PartnershipReportResolver } from './partnership-report.resolver';

export const RESOLVERS = [PartnershipReportResolver, ListExportResolver] as const;
