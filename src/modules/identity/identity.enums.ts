import { registerEnumType } from 'type-graphql';
import { OrganisationKind, Role } from '../../access/roles';

registerEnumType(OrganisationKind, { name: 'OrganisationKind', description: 'The kind of a public body.' });
registerEnumType(Role, {
  name: 'Role',
  description: 'A role a user holds; see docs/access-control.md for what each may do.',
});

export { OrganisationKind, Role };
