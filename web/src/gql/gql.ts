/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        id\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignInSecondFactor($challenge: String!, $code: String!) {\n    loginWithSecondFactor(challenge: $challenge, code: $code) {\n      expiresAt\n      user {\n        id\n      }\n    }\n  }\n": typeof types.SignInSecondFactorDocument,
    "\n  query CurrentUser {\n    me {\n      id\n      displayName\n      email\n      roles\n      organisation {\n        id\n        name\n        kind\n      }\n    }\n  }\n": typeof types.CurrentUserDocument,
    "\n  query FollowUp($commitmentId: ID!, $year: Int!) {\n    commitmentFollowUp(commitmentId: $commitmentId, year: $year) {\n      year\n      commitment {\n        id\n        title\n      }\n      periods {\n        period\n        quarter\n        activities\n        peopleReached\n        placesCovered\n        byTypeAndStatus {\n          type\n          status\n          activities\n          peopleReached\n        }\n      }\n    }\n  }\n": typeof types.FollowUpDocument,
    "\n  query ExportFollowUp($commitmentId: ID!, $year: Int!) {\n    exportCommitmentFollowUp(commitmentId: $commitmentId, year: $year) {\n      filename\n      contentType\n      csv\n    }\n  }\n": typeof types.ExportFollowUpDocument,
    "\n  query MyOverview($filter: PreventionActivityFilter!, $first: Int!) {\n    preventionActivities(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          ...ActivityRow\n        }\n      }\n    }\n  }\n": typeof types.MyOverviewDocument,
    "\n  query Activities($filter: PreventionActivityFilter, $first: Int, $after: String) {\n    preventionActivities(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...ActivityRow\n        }\n      }\n    }\n  }\n": typeof types.ActivitiesDocument,
    "\n  query ActivityForEdit($id: ID!) {\n    preventionActivity(id: $id) {\n      id\n      title\n      type\n      status\n      visibility\n      startsAt\n      endsAt\n      description\n      peopleReached\n      area {\n        id\n      }\n      place {\n        id\n      }\n      commitment {\n        id\n      }\n    }\n  }\n": typeof types.ActivityForEditDocument,
    "\n  mutation CreateActivity($input: CreatePreventionActivityInput!) {\n    createPreventionActivity(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateActivityDocument,
    "\n  mutation UpdateActivity($id: ID!, $input: UpdatePreventionActivityInput!) {\n    updatePreventionActivity(id: $id, input: $input) {\n      id\n      title\n      type\n      status\n      visibility\n      startsAt\n      endsAt\n      description\n      peopleReached\n    }\n  }\n": typeof types.UpdateActivityDocument,
    "\n  query Activity($id: ID!) {\n    preventionActivity(id: $id) {\n      id\n      title\n      type\n      status\n      visibility\n      startsAt\n      endsAt\n      description\n      outcomeNotes\n      peopleReached\n      participatingActors\n      area {\n        id\n        name\n      }\n      place {\n        id\n        name\n      }\n      commitment {\n        id\n        title\n      }\n      owner {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ActivityDocument,
    "\n  mutation CancelActivity($id: ID!) {\n    cancelPreventionActivity(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.CancelActivityDocument,
    "\n  fragment ActivityRow on PreventionActivity {\n    id\n    title\n    type\n    status\n    visibility\n    startsAt\n    place {\n      id\n      name\n    }\n    area {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n  }\n": typeof types.ActivityRowFragmentDoc,
    "\n  query Commitments {\n    commitments {\n      id\n      title\n      description\n      status\n      periodStart\n      periodEnd\n      responsibleOrganisations {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CommitmentsDocument,
    "\n  query PreventionReference {\n    areas {\n      id\n      name\n    }\n    places {\n      id\n      name\n      feltUnsafe\n      cameraMonitored\n      area {\n        id\n        name\n      }\n    }\n    commitments {\n      id\n      title\n      status\n      periodStart\n      periodEnd\n      responsibleOrganisations {\n        id\n        name\n      }\n    }\n  }\n": typeof types.PreventionReferenceDocument,
    "\n  query KeepAlive {\n    me {\n      id\n    }\n  }\n": typeof types.KeepAliveDocument,
    "\n  mutation SignOut {\n    logout\n  }\n": typeof types.SignOutDocument,
};
const documents: Documents = {
    "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        id\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignInSecondFactor($challenge: String!, $code: String!) {\n    loginWithSecondFactor(challenge: $challenge, code: $code) {\n      expiresAt\n      user {\n        id\n      }\n    }\n  }\n": types.SignInSecondFactorDocument,
    "\n  query CurrentUser {\n    me {\n      id\n      displayName\n      email\n      roles\n      organisation {\n        id\n        name\n        kind\n      }\n    }\n  }\n": types.CurrentUserDocument,
    "\n  query FollowUp($commitmentId: ID!, $year: Int!) {\n    commitmentFollowUp(commitmentId: $commitmentId, year: $year) {\n      year\n      commitment {\n        id\n        title\n      }\n      periods {\n        period\n        quarter\n        activities\n        peopleReached\n        placesCovered\n        byTypeAndStatus {\n          type\n          status\n          activities\n          peopleReached\n        }\n      }\n    }\n  }\n": types.FollowUpDocument,
    "\n  query ExportFollowUp($commitmentId: ID!, $year: Int!) {\n    exportCommitmentFollowUp(commitmentId: $commitmentId, year: $year) {\n      filename\n      contentType\n      csv\n    }\n  }\n": types.ExportFollowUpDocument,
    "\n  query MyOverview($filter: PreventionActivityFilter!, $first: Int!) {\n    preventionActivities(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          ...ActivityRow\n        }\n      }\n    }\n  }\n": types.MyOverviewDocument,
    "\n  query Activities($filter: PreventionActivityFilter, $first: Int, $after: String) {\n    preventionActivities(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...ActivityRow\n        }\n      }\n    }\n  }\n": types.ActivitiesDocument,
    "\n  query ActivityForEdit($id: ID!) {\n    preventionActivity(id: $id) {\n      id\n      title\n      type\n      status\n      visibility\n      startsAt\n      endsAt\n      description\n      peopleReached\n      area {\n        id\n      }\n      place {\n        id\n      }\n      commitment {\n        id\n      }\n    }\n  }\n": types.ActivityForEditDocument,
    "\n  mutation CreateActivity($input: CreatePreventionActivityInput!) {\n    createPreventionActivity(input: $input) {\n      id\n    }\n  }\n": types.CreateActivityDocument,
    "\n  mutation UpdateActivity($id: ID!, $input: UpdatePreventionActivityInput!) {\n    updatePreventionActivity(id: $id, input: $input) {\n      id\n      title\n      type\n      status\n      visibility\n      startsAt\n      endsAt\n      description\n      peopleReached\n    }\n  }\n": types.UpdateActivityDocument,
    "\n  query Activity($id: ID!) {\n    preventionActivity(id: $id) {\n      id\n      title\n      type\n      status\n      visibility\n      startsAt\n      endsAt\n      description\n      outcomeNotes\n      peopleReached\n      participatingActors\n      area {\n        id\n        name\n      }\n      place {\n        id\n        name\n      }\n      commitment {\n        id\n        title\n      }\n      owner {\n        id\n        name\n      }\n    }\n  }\n": types.ActivityDocument,
    "\n  mutation CancelActivity($id: ID!) {\n    cancelPreventionActivity(id: $id) {\n      id\n      status\n    }\n  }\n": types.CancelActivityDocument,
    "\n  fragment ActivityRow on PreventionActivity {\n    id\n    title\n    type\n    status\n    visibility\n    startsAt\n    place {\n      id\n      name\n    }\n    area {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n  }\n": types.ActivityRowFragmentDoc,
    "\n  query Commitments {\n    commitments {\n      id\n      title\n      description\n      status\n      periodStart\n      periodEnd\n      responsibleOrganisations {\n        id\n        name\n      }\n    }\n  }\n": types.CommitmentsDocument,
    "\n  query PreventionReference {\n    areas {\n      id\n      name\n    }\n    places {\n      id\n      name\n      feltUnsafe\n      cameraMonitored\n      area {\n        id\n        name\n      }\n    }\n    commitments {\n      id\n      title\n      status\n      periodStart\n      periodEnd\n      responsibleOrganisations {\n        id\n        name\n      }\n    }\n  }\n": types.PreventionReferenceDocument,
    "\n  query KeepAlive {\n    me {\n      id\n    }\n  }\n": types.KeepAliveDocument,
    "\n  mutation SignOut {\n    logout\n  }\n": types.SignOutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignInSecondFactor($challenge: String!, $code: String!) {\n    loginWithSecondFactor(challenge: $challenge, code: $code) {\n      expiresAt\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignInSecondFactor($challenge: String!, $code: String!) {\n    loginWithSecondFactor(challenge: $challenge, code: $code) {\n      expiresAt\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CurrentUser {\n    me {\n      id\n      displayName\n      email\n      roles\n      organisation {\n        id\n        name\n        kind\n      }\n    }\n  }\n"): (typeof documents)["\n  query CurrentUser {\n    me {\n      id\n      displayName\n      email\n      roles\n      organisation {\n        id\n        name\n        kind\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FollowUp($commitmentId: ID!, $year: Int!) {\n    commitmentFollowUp(commitmentId: $commitmentId, year: $year) {\n      year\n      commitment {\n        id\n        title\n      }\n      periods {\n        period\n        quarter\n        activities\n        peopleReached\n        placesCovered\n        byTypeAndStatus {\n          type\n          status\n          activities\n          peopleReached\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FollowUp($commitmentId: ID!, $year: Int!) {\n    commitmentFollowUp(commitmentId: $commitmentId, year: $year) {\n      year\n      commitment {\n        id\n        title\n      }\n      periods {\n        period\n        quarter\n        activities\n        peopleReached\n        placesCovered\n        byTypeAndStatus {\n          type\n          status\n          activities\n          peopleReached\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportFollowUp($commitmentId: ID!, $year: Int!) {\n    exportCommitmentFollowUp(commitmentId: $commitmentId, year: $year) {\n      filename\n      contentType\n      csv\n    }\n  }\n"): (typeof documents)["\n  query ExportFollowUp($commitmentId: ID!, $year: Int!) {\n    exportCommitmentFollowUp(commitmentId: $commitmentId, year: $year) {\n      filename\n      contentType\n      csv\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyOverview($filter: PreventionActivityFilter!, $first: Int!) {\n    preventionActivities(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          ...ActivityRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyOverview($filter: PreventionActivityFilter!, $first: Int!) {\n    preventionActivities(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          ...ActivityRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Activities($filter: PreventionActivityFilter, $first: Int, $after: String) {\n    preventionActivities(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...ActivityRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Activities($filter: PreventionActivityFilter, $first: Int, $after: String) {\n    preventionActivities(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...ActivityRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActivityForEdit($id: ID!) {\n    preventionActivity(id: $id) {\n      id\n      title\n      type\n      status\n      visibility\n      startsAt\n      endsAt\n      description\n      peopleReached\n      area {\n        id\n      }\n      place {\n        id\n      }\n      commitment {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query ActivityForEdit($id: ID!) {\n    preventionActivity(id: $id) {\n      id\n      title\n      type\n      status\n      visibility\n      startsAt\n      endsAt\n      description\n      peopleReached\n      area {\n        id\n      }\n      place {\n        id\n      }\n      commitment {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateActivity($input: CreatePreventionActivityInput!) {\n    createPreventionActivity(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateActivity($input: CreatePreventionActivityInput!) {\n    createPreventionActivity(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateActivity($id: ID!, $input: UpdatePreventionActivityInput!) {\n    updatePreventionActivity(id: $id, input: $input) {\n      id\n      title\n      type\n      status\n      visibility\n      startsAt\n      endsAt\n      description\n      peopleReached\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateActivity($id: ID!, $input: UpdatePreventionActivityInput!) {\n    updatePreventionActivity(id: $id, input: $input) {\n      id\n      title\n      type\n      status\n      visibility\n      startsAt\n      endsAt\n      description\n      peopleReached\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Activity($id: ID!) {\n    preventionActivity(id: $id) {\n      id\n      title\n      type\n      status\n      visibility\n      startsAt\n      endsAt\n      description\n      outcomeNotes\n      peopleReached\n      participatingActors\n      area {\n        id\n        name\n      }\n      place {\n        id\n        name\n      }\n      commitment {\n        id\n        title\n      }\n      owner {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Activity($id: ID!) {\n    preventionActivity(id: $id) {\n      id\n      title\n      type\n      status\n      visibility\n      startsAt\n      endsAt\n      description\n      outcomeNotes\n      peopleReached\n      participatingActors\n      area {\n        id\n        name\n      }\n      place {\n        id\n        name\n      }\n      commitment {\n        id\n        title\n      }\n      owner {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelActivity($id: ID!) {\n    cancelPreventionActivity(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation CancelActivity($id: ID!) {\n    cancelPreventionActivity(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ActivityRow on PreventionActivity {\n    id\n    title\n    type\n    status\n    visibility\n    startsAt\n    place {\n      id\n      name\n    }\n    area {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment ActivityRow on PreventionActivity {\n    id\n    title\n    type\n    status\n    visibility\n    startsAt\n    place {\n      id\n      name\n    }\n    area {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Commitments {\n    commitments {\n      id\n      title\n      description\n      status\n      periodStart\n      periodEnd\n      responsibleOrganisations {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Commitments {\n    commitments {\n      id\n      title\n      description\n      status\n      periodStart\n      periodEnd\n      responsibleOrganisations {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreventionReference {\n    areas {\n      id\n      name\n    }\n    places {\n      id\n      name\n      feltUnsafe\n      cameraMonitored\n      area {\n        id\n        name\n      }\n    }\n    commitments {\n      id\n      title\n      status\n      periodStart\n      periodEnd\n      responsibleOrganisations {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query PreventionReference {\n    areas {\n      id\n      name\n    }\n    places {\n      id\n      name\n      feltUnsafe\n      cameraMonitored\n      area {\n        id\n        name\n      }\n    }\n    commitments {\n      id\n      title\n      status\n      periodStart\n      periodEnd\n      responsibleOrganisations {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeepAlive {\n    me {\n      id\n    }\n  }\n"): (typeof documents)["\n  query KeepAlive {\n    me {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    logout\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    logout\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;