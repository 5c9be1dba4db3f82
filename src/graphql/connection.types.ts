import { Field, ObjectType } from 'type-graphql';
import { Capability } from '../access/policy';
import { Policy } from './policy.decorator';

/**
 * Relay-style page information, shared by every connection type. It carries no record data, only
 * a position, so it needs no capability of its own: the connection holding it declares one.
 */
@ObjectType('PageInfo', { description: 'Where a page of a connection ends and whether more follow.' })
@Policy(Capability.PUBLIC)
export class PageInfo {
  @Field({ description: 'Whether a further page follows; ask for it with `after: endCursor`.' }) hasNextPage: boolean;
  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of this page; null for an empty page.' })
  endCursor: string | null;
}
