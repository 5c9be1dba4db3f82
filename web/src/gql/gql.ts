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
    "\n  query CurrentUser {\n    me {\n      id\n      displayName\n      email\n      roles\n      organisation {\n        id\n        name\n        kind\n      }\n    }\n  }\n": typeof types.CurrentUserDocument,
    "\n  query FollowUp($commitmentId: ID!, $year: Int!) {\n    commitmentFollowUp(commitmentId: $commitmentId, year: $year) {\n      year\n      commitment {\n        id\n        title\n      }\n      periods {\n        period\n        quarter\n        activities\n        peopleReached\n        placesCovered\n        byTypeAndStatus {\n          type\n          status\n          activities\n          peopleReached\n        }\n      }\n    }\n  }\n": typeof types.FollowUpDocument,
    "\n  query ExportFollowUp($commitmentId: ID!, $year: Int!) {\n    exportCommitmentFollowUp(commitmentId: $commitmentId, year: $year) {\n      filename\n      contentType\n      csv\n    }\n  }\n": typeof types.ExportFollowUpDocument,
    "\n  query IndicatorTable($indicatorCode: String!, $year: Int!, $granularity: IndicatorGranularity!) {\n    indicatorTable(indicatorCode: $indicatorCode, year: $year, granularity: $granularity) {\n      ...IndicatorTableFields\n    }\n  }\n": typeof types.IndicatorTableDocument,
    "\n  query IndicatorAreas {\n    areas {\n      id\n      name\n    }\n  }\n": typeof types.IndicatorAreasDocument,
    "\n  mutation RecordDetection($input: RecordDetectionInput!) {\n    recordDetection(input: $input) {\n      id\n      indicatorCode\n      occurredOn\n      count\n      recordedAt\n      voidedAt\n      voidReason\n      area {\n        id\n        name\n      }\n    }\n  }\n": typeof types.RecordDetectionDocument,
    "\n  mutation VoidDetection($id: ID!, $reason: String!) {\n    voidDetection(id: $id, reason: $reason) {\n      id\n      voidedAt\n      voidReason\n    }\n  }\n": typeof types.VoidDetectionDocument,
    "\n  query IndicatorTrend($indicatorCode: String!, $fromYear: Int!, $toYear: Int!) {\n    indicatorTrend(indicatorCode: $indicatorCode, fromYear: $fromYear, toYear: $toYear, granularity: YEAR) {\n      ...IndicatorTableFields\n    }\n  }\n": typeof types.IndicatorTrendDocument,
    "\n  query Indicators {\n    indicators {\n      code\n      nameSv\n      nameEn\n      description\n      reportedBy\n      active\n      threshold\n      roundingBase\n    }\n  }\n": typeof types.IndicatorsDocument,
    "\n  fragment IndicatorTableFields on IndicatorTable {\n    indicatorCode\n    year\n    protected\n    coarsened\n    granularity\n    requestedGranularity\n    threshold\n    roundingBase\n    rows {\n      area {\n        id\n        name\n      }\n      cells {\n        period\n        month\n        value\n        suppressed\n        published\n      }\n      total {\n        value\n        suppressed\n      }\n    }\n    columnTotals {\n      period\n      month\n      value\n      suppressed\n      published\n    }\n    grandTotal {\n      value\n      suppressed\n    }\n  }\n": typeof types.IndicatorTableFieldsFragmentDoc,
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
    "\n  query Courses {\n    courses {\n      id\n      code\n      title\n      provider\n      hours\n      validityMonths\n      renewalWindowDays\n    }\n  }\n": typeof types.CoursesDocument,
    "\n  query TrainingCoverage {\n    trainingCoverage {\n      on\n      rows {\n        requirementId\n        unit\n        role\n        staffCount\n        coveredCount\n        share\n        valid\n        expiring\n        expired\n        missing\n        course {\n          id\n          code\n          title\n        }\n        missingStaffMembers {\n          staffMemberId\n          name\n        }\n      }\n    }\n  }\n": typeof types.TrainingCoverageDocument,
    "\n  query ExportTrainingCoverage {\n    exportTrainingCoverage {\n      filename\n      contentType\n      csv\n    }\n  }\n": typeof types.ExportTrainingCoverageDocument,
    "\n  query ExpiringCertificates($withinDays: Int!) {\n    expiringCertificates(withinDays: $withinDays) {\n      expiresOn\n      daysLeft\n      completedOn\n      status\n      course {\n        id\n        title\n      }\n      staffMember {\n        id\n        name\n        unit\n      }\n    }\n  }\n": typeof types.ExpiringCertificatesDocument,
    "\n  mutation ImportStaffMembers($csv: String!) {\n    importStaffMembers(csv: $csv) {\n      imported\n      rejected {\n        line\n        reason\n      }\n    }\n  }\n": typeof types.ImportStaffMembersDocument,
    "\n  mutation ImportCompletions($csv: String!) {\n    importCompletions(csv: $csv) {\n      imported\n      rejected {\n        line\n        reason\n      }\n    }\n  }\n": typeof types.ImportCompletionsDocument,
    "\n  query TrainingSession($id: ID!) {\n    trainingSession(id: $id) {\n      id\n      startsAt\n      endsAt\n      place\n      instructor\n      capacity\n      enrolledCount\n      waitlistedCount\n      joint\n      cancelledAt\n      course {\n        id\n        code\n        title\n      }\n      enrolments {\n        id\n        status\n        enrolledAt\n        staffMember {\n          id\n          name\n          unit\n        }\n      }\n    }\n  }\n": typeof types.TrainingSessionDocument,
    "\n  mutation CancelEnrolment($enrolmentId: ID!) {\n    cancelEnrolment(enrolmentId: $enrolmentId) {\n      id\n      status\n    }\n  }\n": typeof types.CancelEnrolmentDocument,
    "\n  mutation CreateTrainingSession($input: CreateTrainingSessionInput!) {\n    createTrainingSession(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateTrainingSessionDocument,
    "\n  query StaffMember($id: ID!) {\n    staffMember(id: $id) {\n      id\n      name\n      unit\n      title\n      certificates {\n        status\n        required\n        completedOn\n        expiresOn\n        daysLeft\n        course {\n          id\n          code\n          title\n        }\n      }\n    }\n  }\n": typeof types.StaffMemberDocument,
    "\n  query TrainingSessions {\n    trainingSessions(first: 200) {\n      totalCount\n      edges {\n        node {\n          id\n          startsAt\n          endsAt\n          place\n          instructor\n          capacity\n          enrolledCount\n          waitlistedCount\n          joint\n          cancelledAt\n          organisationId\n          course {\n            id\n            code\n            title\n          }\n          enrolments {\n            id\n            status\n            staffMember {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.TrainingSessionsDocument,
    "\n  mutation Enrol($sessionId: ID!, $staffMemberId: ID!) {\n    enrol(sessionId: $sessionId, staffMemberId: $staffMemberId) {\n      id\n      status\n      staffMember {\n        id\n        name\n      }\n    }\n  }\n": typeof types.EnrolDocument,
    "\n  query StaffRegister($after: String) {\n    staffMembers(first: 200, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          unit\n          title\n          userId\n        }\n      }\n    }\n  }\n": typeof types.StaffRegisterDocument,
    "\n  query KeepAlive {\n    me {\n      id\n    }\n  }\n": typeof types.KeepAliveDocument,
    "\n  mutation SignOut {\n    logout\n  }\n": typeof types.SignOutDocument,
};
const documents: Documents = {
    "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      expiresAt\n      user {\n        id\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  query CurrentUser {\n    me {\n      id\n      displayName\n      email\n      roles\n      organisation {\n        id\n        name\n        kind\n      }\n    }\n  }\n": types.CurrentUserDocument,
    "\n  query FollowUp($commitmentId: ID!, $year: Int!) {\n    commitmentFollowUp(commitmentId: $commitmentId, year: $year) {\n      year\n      commitment {\n        id\n        title\n      }\n      periods {\n        period\n        quarter\n        activities\n        peopleReached\n        placesCovered\n        byTypeAndStatus {\n          type\n          status\n          activities\n          peopleReached\n        }\n      }\n    }\n  }\n": types.FollowUpDocument,
    "\n  query ExportFollowUp($commitmentId: ID!, $year: Int!) {\n    exportCommitmentFollowUp(commitmentId: $commitmentId, year: $year) {\n      filename\n      contentType\n      csv\n    }\n  }\n": types.ExportFollowUpDocument,
    "\n  query IndicatorTable($indicatorCode: String!, $year: Int!, $granularity: IndicatorGranularity!) {\n    indicatorTable(indicatorCode: $indicatorCode, year: $year, granularity: $granularity) {\n      ...IndicatorTableFields\n    }\n  }\n": types.IndicatorTableDocument,
    "\n  query IndicatorAreas {\n    areas {\n      id\n      name\n    }\n  }\n": types.IndicatorAreasDocument,
    "\n  mutation RecordDetection($input: RecordDetectionInput!) {\n    recordDetection(input: $input) {\n      id\n      indicatorCode\n      occurredOn\n      count\n      recordedAt\n      voidedAt\n      voidReason\n      area {\n        id\n        name\n      }\n    }\n  }\n": types.RecordDetectionDocument,
    "\n  mutation VoidDetection($id: ID!, $reason: String!) {\n    voidDetection(id: $id, reason: $reason) {\n      id\n      voidedAt\n      voidReason\n    }\n  }\n": types.VoidDetectionDocument,
    "\n  query IndicatorTrend($indicatorCode: String!, $fromYear: Int!, $toYear: Int!) {\n    indicatorTrend(indicatorCode: $indicatorCode, fromYear: $fromYear, toYear: $toYear, granularity: YEAR) {\n      ...IndicatorTableFields\n    }\n  }\n": types.IndicatorTrendDocument,
    "\n  query Indicators {\n    indicators {\n      code\n      nameSv\n      nameEn\n      description\n      reportedBy\n      active\n      threshold\n      roundingBase\n    }\n  }\n": types.IndicatorsDocument,
    "\n  fragment IndicatorTableFields on IndicatorTable {\n    indicatorCode\n    year\n    protected\n    coarsened\n    granularity\n    requestedGranularity\n    threshold\n    roundingBase\n    rows {\n      area {\n        id\n        name\n      }\n      cells {\n        period\n        month\n        value\n        suppressed\n        published\n      }\n      total {\n        value\n        suppressed\n      }\n    }\n    columnTotals {\n      period\n      month\n      value\n      suppressed\n      published\n    }\n    grandTotal {\n      value\n      suppressed\n    }\n  }\n": types.IndicatorTableFieldsFragmentDoc,
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
    "\n  query Courses {\n    courses {\n      id\n      code\n      title\n      provider\n      hours\n      validityMonths\n      renewalWindowDays\n    }\n  }\n": types.CoursesDocument,
    "\n  query TrainingCoverage {\n    trainingCoverage {\n      on\n      rows {\n        requirementId\n        unit\n        role\n        staffCount\n        coveredCount\n        share\n        valid\n        expiring\n        expired\n        missing\n        course {\n          id\n          code\n          title\n        }\n        missingStaffMembers {\n          staffMemberId\n          name\n        }\n      }\n    }\n  }\n": types.TrainingCoverageDocument,
    "\n  query ExportTrainingCoverage {\n    exportTrainingCoverage {\n      filename\n      contentType\n      csv\n    }\n  }\n": types.ExportTrainingCoverageDocument,
    "\n  query ExpiringCertificates($withinDays: Int!) {\n    expiringCertificates(withinDays: $withinDays) {\n      expiresOn\n      daysLeft\n      completedOn\n      status\n      course {\n        id\n        title\n      }\n      staffMember {\n        id\n        name\n        unit\n      }\n    }\n  }\n": types.ExpiringCertificatesDocument,
    "\n  mutation ImportStaffMembers($csv: String!) {\n    importStaffMembers(csv: $csv) {\n      imported\n      rejected {\n        line\n        reason\n      }\n    }\n  }\n": types.ImportStaffMembersDocument,
    "\n  mutation ImportCompletions($csv: String!) {\n    importCompletions(csv: $csv) {\n      imported\n      rejected {\n        line\n        reason\n      }\n    }\n  }\n": types.ImportCompletionsDocument,
    "\n  query TrainingSession($id: ID!) {\n    trainingSession(id: $id) {\n      id\n      startsAt\n      endsAt\n      place\n      instructor\n      capacity\n      enrolledCount\n      waitlistedCount\n      joint\n      cancelledAt\n      course {\n        id\n        code\n        title\n      }\n      enrolments {\n        id\n        status\n        enrolledAt\n        staffMember {\n          id\n          name\n          unit\n        }\n      }\n    }\n  }\n": types.TrainingSessionDocument,
    "\n  mutation CancelEnrolment($enrolmentId: ID!) {\n    cancelEnrolment(enrolmentId: $enrolmentId) {\n      id\n      status\n    }\n  }\n": types.CancelEnrolmentDocument,
    "\n  mutation CreateTrainingSession($input: CreateTrainingSessionInput!) {\n    createTrainingSession(input: $input) {\n      id\n    }\n  }\n": types.CreateTrainingSessionDocument,
    "\n  query StaffMember($id: ID!) {\n    staffMember(id: $id) {\n      id\n      name\n      unit\n      title\n      certificates {\n        status\n        required\n        completedOn\n        expiresOn\n        daysLeft\n        course {\n          id\n          code\n          title\n        }\n      }\n    }\n  }\n": types.StaffMemberDocument,
    "\n  query TrainingSessions {\n    trainingSessions(first: 200) {\n      totalCount\n      edges {\n        node {\n          id\n          startsAt\n          endsAt\n          place\n          instructor\n          capacity\n          enrolledCount\n          waitlistedCount\n          joint\n          cancelledAt\n          organisationId\n          course {\n            id\n            code\n            title\n          }\n          enrolments {\n            id\n            status\n            staffMember {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": types.TrainingSessionsDocument,
    "\n  mutation Enrol($sessionId: ID!, $staffMemberId: ID!) {\n    enrol(sessionId: $sessionId, staffMemberId: $staffMemberId) {\n      id\n      status\n      staffMember {\n        id\n        name\n      }\n    }\n  }\n": types.EnrolDocument,
    "\n  query StaffRegister($after: String) {\n    staffMembers(first: 200, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          unit\n          title\n          userId\n        }\n      }\n    }\n  }\n": types.StaffRegisterDocument,
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
export function graphql(source: "\n  query IndicatorTable($indicatorCode: String!, $year: Int!, $granularity: IndicatorGranularity!) {\n    indicatorTable(indicatorCode: $indicatorCode, year: $year, granularity: $granularity) {\n      ...IndicatorTableFields\n    }\n  }\n"): (typeof documents)["\n  query IndicatorTable($indicatorCode: String!, $year: Int!, $granularity: IndicatorGranularity!) {\n    indicatorTable(indicatorCode: $indicatorCode, year: $year, granularity: $granularity) {\n      ...IndicatorTableFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IndicatorAreas {\n    areas {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query IndicatorAreas {\n    areas {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordDetection($input: RecordDetectionInput!) {\n    recordDetection(input: $input) {\n      id\n      indicatorCode\n      occurredOn\n      count\n      recordedAt\n      voidedAt\n      voidReason\n      area {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordDetection($input: RecordDetectionInput!) {\n    recordDetection(input: $input) {\n      id\n      indicatorCode\n      occurredOn\n      count\n      recordedAt\n      voidedAt\n      voidReason\n      area {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VoidDetection($id: ID!, $reason: String!) {\n    voidDetection(id: $id, reason: $reason) {\n      id\n      voidedAt\n      voidReason\n    }\n  }\n"): (typeof documents)["\n  mutation VoidDetection($id: ID!, $reason: String!) {\n    voidDetection(id: $id, reason: $reason) {\n      id\n      voidedAt\n      voidReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IndicatorTrend($indicatorCode: String!, $fromYear: Int!, $toYear: Int!) {\n    indicatorTrend(indicatorCode: $indicatorCode, fromYear: $fromYear, toYear: $toYear, granularity: YEAR) {\n      ...IndicatorTableFields\n    }\n  }\n"): (typeof documents)["\n  query IndicatorTrend($indicatorCode: String!, $fromYear: Int!, $toYear: Int!) {\n    indicatorTrend(indicatorCode: $indicatorCode, fromYear: $fromYear, toYear: $toYear, granularity: YEAR) {\n      ...IndicatorTableFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Indicators {\n    indicators {\n      code\n      nameSv\n      nameEn\n      description\n      reportedBy\n      active\n      threshold\n      roundingBase\n    }\n  }\n"): (typeof documents)["\n  query Indicators {\n    indicators {\n      code\n      nameSv\n      nameEn\n      description\n      reportedBy\n      active\n      threshold\n      roundingBase\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment IndicatorTableFields on IndicatorTable {\n    indicatorCode\n    year\n    protected\n    coarsened\n    granularity\n    requestedGranularity\n    threshold\n    roundingBase\n    rows {\n      area {\n        id\n        name\n      }\n      cells {\n        period\n        month\n        value\n        suppressed\n        published\n      }\n      total {\n        value\n        suppressed\n      }\n    }\n    columnTotals {\n      period\n      month\n      value\n      suppressed\n      published\n    }\n    grandTotal {\n      value\n      suppressed\n    }\n  }\n"): (typeof documents)["\n  fragment IndicatorTableFields on IndicatorTable {\n    indicatorCode\n    year\n    protected\n    coarsened\n    granularity\n    requestedGranularity\n    threshold\n    roundingBase\n    rows {\n      area {\n        id\n        name\n      }\n      cells {\n        period\n        month\n        value\n        suppressed\n        published\n      }\n      total {\n        value\n        suppressed\n      }\n    }\n    columnTotals {\n      period\n      month\n      value\n      suppressed\n      published\n    }\n    grandTotal {\n      value\n      suppressed\n    }\n  }\n"];
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
export function graphql(source: "\n  query Courses {\n    courses {\n      id\n      code\n      title\n      provider\n      hours\n      validityMonths\n      renewalWindowDays\n    }\n  }\n"): (typeof documents)["\n  query Courses {\n    courses {\n      id\n      code\n      title\n      provider\n      hours\n      validityMonths\n      renewalWindowDays\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingCoverage {\n    trainingCoverage {\n      on\n      rows {\n        requirementId\n        unit\n        role\n        staffCount\n        coveredCount\n        share\n        valid\n        expiring\n        expired\n        missing\n        course {\n          id\n          code\n          title\n        }\n        missingStaffMembers {\n          staffMemberId\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TrainingCoverage {\n    trainingCoverage {\n      on\n      rows {\n        requirementId\n        unit\n        role\n        staffCount\n        coveredCount\n        share\n        valid\n        expiring\n        expired\n        missing\n        course {\n          id\n          code\n          title\n        }\n        missingStaffMembers {\n          staffMemberId\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportTrainingCoverage {\n    exportTrainingCoverage {\n      filename\n      contentType\n      csv\n    }\n  }\n"): (typeof documents)["\n  query ExportTrainingCoverage {\n    exportTrainingCoverage {\n      filename\n      contentType\n      csv\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExpiringCertificates($withinDays: Int!) {\n    expiringCertificates(withinDays: $withinDays) {\n      expiresOn\n      daysLeft\n      completedOn\n      status\n      course {\n        id\n        title\n      }\n      staffMember {\n        id\n        name\n        unit\n      }\n    }\n  }\n"): (typeof documents)["\n  query ExpiringCertificates($withinDays: Int!) {\n    expiringCertificates(withinDays: $withinDays) {\n      expiresOn\n      daysLeft\n      completedOn\n      status\n      course {\n        id\n        title\n      }\n      staffMember {\n        id\n        name\n        unit\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportStaffMembers($csv: String!) {\n    importStaffMembers(csv: $csv) {\n      imported\n      rejected {\n        line\n        reason\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportStaffMembers($csv: String!) {\n    importStaffMembers(csv: $csv) {\n      imported\n      rejected {\n        line\n        reason\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportCompletions($csv: String!) {\n    importCompletions(csv: $csv) {\n      imported\n      rejected {\n        line\n        reason\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportCompletions($csv: String!) {\n    importCompletions(csv: $csv) {\n      imported\n      rejected {\n        line\n        reason\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingSession($id: ID!) {\n    trainingSession(id: $id) {\n      id\n      startsAt\n      endsAt\n      place\n      instructor\n      capacity\n      enrolledCount\n      waitlistedCount\n      joint\n      cancelledAt\n      course {\n        id\n        code\n        title\n      }\n      enrolments {\n        id\n        status\n        enrolledAt\n        staffMember {\n          id\n          name\n          unit\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TrainingSession($id: ID!) {\n    trainingSession(id: $id) {\n      id\n      startsAt\n      endsAt\n      place\n      instructor\n      capacity\n      enrolledCount\n      waitlistedCount\n      joint\n      cancelledAt\n      course {\n        id\n        code\n        title\n      }\n      enrolments {\n        id\n        status\n        enrolledAt\n        staffMember {\n          id\n          name\n          unit\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelEnrolment($enrolmentId: ID!) {\n    cancelEnrolment(enrolmentId: $enrolmentId) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation CancelEnrolment($enrolmentId: ID!) {\n    cancelEnrolment(enrolmentId: $enrolmentId) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTrainingSession($input: CreateTrainingSessionInput!) {\n    createTrainingSession(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTrainingSession($input: CreateTrainingSessionInput!) {\n    createTrainingSession(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaffMember($id: ID!) {\n    staffMember(id: $id) {\n      id\n      name\n      unit\n      title\n      certificates {\n        status\n        required\n        completedOn\n        expiresOn\n        daysLeft\n        course {\n          id\n          code\n          title\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query StaffMember($id: ID!) {\n    staffMember(id: $id) {\n      id\n      name\n      unit\n      title\n      certificates {\n        status\n        required\n        completedOn\n        expiresOn\n        daysLeft\n        course {\n          id\n          code\n          title\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingSessions {\n    trainingSessions(first: 200) {\n      totalCount\n      edges {\n        node {\n          id\n          startsAt\n          endsAt\n          place\n          instructor\n          capacity\n          enrolledCount\n          waitlistedCount\n          joint\n          cancelledAt\n          organisationId\n          course {\n            id\n            code\n            title\n          }\n          enrolments {\n            id\n            status\n            staffMember {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TrainingSessions {\n    trainingSessions(first: 200) {\n      totalCount\n      edges {\n        node {\n          id\n          startsAt\n          endsAt\n          place\n          instructor\n          capacity\n          enrolledCount\n          waitlistedCount\n          joint\n          cancelledAt\n          organisationId\n          course {\n            id\n            code\n            title\n          }\n          enrolments {\n            id\n            status\n            staffMember {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Enrol($sessionId: ID!, $staffMemberId: ID!) {\n    enrol(sessionId: $sessionId, staffMemberId: $staffMemberId) {\n      id\n      status\n      staffMember {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Enrol($sessionId: ID!, $staffMemberId: ID!) {\n    enrol(sessionId: $sessionId, staffMemberId: $staffMemberId) {\n      id\n      status\n      staffMember {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaffRegister($after: String) {\n    staffMembers(first: 200, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          unit\n          title\n          userId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query StaffRegister($after: String) {\n    staffMembers(first: 200, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          unit\n          title\n          userId\n        }\n      }\n    }\n  }\n"];
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