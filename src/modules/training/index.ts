import { CourseResolver, StaffMemberResolver, TrainingSessionResolver } from './training.resolver';

/** GraphQL resolvers of the training module. */
export const RESOLVERS: Function[] = [StaffMemberResolver, CourseResolver, TrainingSessionResolver];
