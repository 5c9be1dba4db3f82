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
    "\n  mutation EnrolSecondFactorAtLogin($challenge: String!) {\n    enrolSecondFactor(challenge: $challenge) {\n      secret\n      otpauthUri\n    }\n  }\n": typeof types.EnrolSecondFactorAtLoginDocument,
    "\n  mutation ConfirmSecondFactorAtLogin($challenge: String!, $code: String!) {\n    confirmSecondFactor(challenge: $challenge, code: $code) {\n      recoveryCodes\n      session {\n        expiresAt\n        deviceToken\n      }\n    }\n  }\n": typeof types.ConfirmSecondFactorAtLoginDocument,
    "\n  mutation SignIn($email: String!, $password: String!, $deviceToken: String) {\n    login(email: $email, password: $password, deviceToken: $deviceToken) {\n      expiresAt\n      deviceToken\n      user {\n        id\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignInSecondFactor($challenge: String!, $code: String!) {\n    loginWithSecondFactor(challenge: $challenge, code: $code) {\n      expiresAt\n      deviceToken\n      user {\n        id\n      }\n    }\n  }\n": typeof types.SignInSecondFactorDocument,
    "\n  query SignInProviders {\n    signInProviders {\n      name\n      startUrl\n    }\n  }\n": typeof types.SignInProvidersDocument,
    "\n  query CurrentUser {\n    me {\n      id\n      displayName\n      email\n      roles\n      organisation {\n        id\n        name\n        kind\n      }\n    }\n  }\n": typeof types.CurrentUserDocument,
    "\n  query FollowUp($commitmentId: ID!, $year: Int!) {\n    commitmentFollowUp(commitmentId: $commitmentId, year: $year) {\n      year\n      commitment {\n        id\n        title\n      }\n      periods {\n        period\n        quarter\n        activities\n        peopleReached\n        placesCovered\n        byTypeAndStatus {\n          type\n          status\n          activities\n          peopleReached\n        }\n      }\n    }\n  }\n": typeof types.FollowUpDocument,
    "\n  query ExportFollowUp($commitmentId: ID!, $year: Int!) {\n    exportCommitmentFollowUp(commitmentId: $commitmentId, year: $year) {\n      filename\n      contentType\n      csv\n    }\n  }\n": typeof types.ExportFollowUpDocument,
    "\n  query DetectionRecords($first: Int!, $after: String) {\n    detectionRecords(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          indicatorCode\n          occurredOn\n          count\n          recordedAt\n          voidedAt\n          voidReason\n          area {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.DetectionRecordsDocument,
    "\n  mutation VoidDetection($id: ID!, $reason: String!) {\n    voidDetection(id: $id, reason: $reason) {\n      id\n      voidedAt\n      voidReason\n    }\n  }\n": typeof types.VoidDetectionDocument,
    "\n  query IndicatorTable($indicatorCode: String!, $year: Int!, $granularity: IndicatorGranularity!) {\n    indicatorTable(indicatorCode: $indicatorCode, year: $year, granularity: $granularity) {\n      ...IndicatorTableFields\n    }\n  }\n": typeof types.IndicatorTableDocument,
    "\n  query IndicatorAreas {\n    areas {\n      id\n      name\n    }\n  }\n": typeof types.IndicatorAreasDocument,
    "\n  mutation RecordDetection($input: RecordDetectionInput!) {\n    recordDetection(input: $input) {\n      id\n    }\n  }\n": typeof types.RecordDetectionDocument,
    "\n  query IndicatorTrend($indicatorCode: String!, $fromYear: Int!, $toYear: Int!) {\n    indicatorTrend(indicatorCode: $indicatorCode, fromYear: $fromYear, toYear: $toYear, granularity: YEAR) {\n      ...IndicatorTableFields\n    }\n  }\n": typeof types.IndicatorTrendDocument,
    "\n  query Indicators {\n    indicators {\n      code\n      nameSv\n      nameEn\n      description\n      reportedBy\n      active\n      threshold\n      roundingBase\n    }\n  }\n": typeof types.IndicatorsDocument,
    "\n  fragment IndicatorTableFields on IndicatorTable {\n    indicatorCode\n    year\n    protected\n    coarsened\n    granularity\n    requestedGranularity\n    threshold\n    roundingBase\n    rows {\n      area {\n        id\n        name\n      }\n      cells {\n        period\n        month\n        value\n        suppressed\n        published\n      }\n      total {\n        value\n        suppressed\n      }\n    }\n    columnTotals {\n      period\n      month\n      value\n      suppressed\n      published\n    }\n    grandTotal {\n      value\n      suppressed\n    }\n  }\n": typeof types.IndicatorTableFieldsFragmentDoc,
    "\n  query MyWork {\n    myTasks(first: 100) {\n      edges {\n        node {\n          id\n          kind\n          title\n          dueOn\n          due\n          status\n          caseId\n          activityId\n        }\n      }\n    }\n    myNotifications(first: 20, unreadOnly: true) {\n      unreadCount\n      edges {\n        node {\n          id\n          kind\n          createdAt\n          caseId\n        }\n      }\n    }\n  }\n": typeof types.MyWorkDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids) {\n      id\n      readAt\n    }\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query MyOverview($filter: PreventionActivityFilter!, $first: Int!) {\n    preventionActivities(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          ...ActivityRow\n        }\n      }\n    }\n  }\n": typeof types.MyOverviewDocument,
    "\n  query BreakGlassReviews($filter: BreakGlassReviewFilter, $first: Int, $after: String) {\n    breakGlassReviews(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          caseId\n          userId\n          reasonCode\n          reasonText\n          openedAt\n          expiresAt\n          active\n          endedAt\n          reviewedAt\n          reviewedBy\n          reviewComment\n        }\n      }\n    }\n  }\n": typeof types.BreakGlassReviewsDocument,
    "\n  mutation ReviewBreakGlass($id: ID!, $comment: String!, $endAccess: Boolean) {\n    reviewBreakGlass(id: $id, comment: $comment, endAccess: $endAccess) {\n      id\n      reviewedAt\n      reviewComment\n      active\n      endedAt\n    }\n  }\n": typeof types.ReviewBreakGlassDocument,
    "\n  fragment AuditEventRow on AuditEvent {\n    id\n    occurredAt\n    action\n    outcome\n    entityType\n    entityIds\n    purpose\n    operationName\n    errorCode\n    actorId\n    actor {\n      id\n      displayName\n      organisation {\n        id\n        name\n      }\n    }\n  }\n": typeof types.AuditEventRowFragmentDoc,
    "\n  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEventRow\n        }\n      }\n    }\n  }\n": typeof types.AuditEventsDocument,
    "\n  query AuditTrail($entityType: String!, $entityId: ID!, $first: Int, $after: String) {\n    auditTrail(entityType: $entityType, entityId: $entityId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEventRow\n        }\n      }\n    }\n  }\n": typeof types.AuditTrailDocument,
    "\n  query ExportAuditTrail($entityType: String!, $entityId: ID!, $from: DateTime, $to: DateTime) {\n    exportAuditTrail(entityType: $entityType, entityId: $entityId, from: $from, to: $to) {\n      filename\n      contentType\n      csv\n      rowCount\n      truncated\n    }\n  }\n": typeof types.ExportAuditTrailDocument,
    "\n  query VerifyAuditLog {\n    verifyAuditLog {\n      ok\n      checkedEvents\n      checkedCheckpoints\n      unsealedEvents\n      firstInvalidEventId\n      problem\n    }\n  }\n": typeof types.VerifyAuditLogDocument,
    "\n  query AuditOrganisations {\n    partnerships {\n      id\n      organisations {\n        id\n        name\n      }\n    }\n  }\n": typeof types.AuditOrganisationsDocument,
    "\n  mutation BreakGlass($input: BreakGlassInput!) {\n    breakGlass(input: $input) {\n      id\n      caseId\n      openedAt\n      expiresAt\n      active\n    }\n  }\n": typeof types.BreakGlassDocument,
    "\n  mutation RecordRiskAssessment($input: RecordRiskAssessmentInput!) {\n    recordRiskAssessment(input: $input) {\n      id\n    }\n  }\n": typeof types.RecordRiskAssessmentDocument,
    "\n  query CaseInbox {\n    incomingCaseShares {\n      legalBasisId\n      caseId\n      riskLevel\n      sharedAt\n      acceptedAt\n      contactFunction\n      senderOrganisation {\n        id\n        name\n      }\n      legalBasis {\n        id\n        kind\n        statutoryGround\n        consentScope\n        consentExpiresAt\n      }\n    }\n  }\n": typeof types.CaseInboxDocument,
    "\n  mutation AcceptCaseShare($legalBasisId: ID!) {\n    acceptCaseShare(legalBasisId: $legalBasisId) {\n      userId\n    }\n  }\n": typeof types.AcceptCaseShareDocument,
    "\n  mutation RecordCaseMeeting($input: RecordCaseMeetingInput!) {\n    recordCaseMeeting(input: $input) {\n      id\n    }\n  }\n": typeof types.RecordCaseMeetingDocument,
    "\n  query CaseMemberCandidates($caseId: ID!, $search: String) {\n    caseMemberCandidates(caseId: $caseId, search: $search) {\n      userId\n      displayName\n    }\n  }\n": typeof types.CaseMemberCandidatesDocument,
    "\n  mutation AddCaseMember($caseId: ID!, $userId: ID!) {\n    addCaseMember(caseId: $caseId, userId: $userId) {\n      userId\n      displayName\n    }\n  }\n": typeof types.AddCaseMemberDocument,
    "\n  mutation RemoveCaseMember($caseId: ID!, $userId: ID!) {\n    removeCaseMember(caseId: $caseId, userId: $userId)\n  }\n": typeof types.RemoveCaseMemberDocument,
    "\n  mutation EndPartnerMembership($caseId: ID!, $userId: ID!) {\n    endPartnerMembership(caseId: $caseId, userId: $userId)\n  }\n": typeof types.EndPartnerMembershipDocument,
    "\n  mutation AddCaseNote($input: AddCaseNoteInput!) {\n    addCaseNote(input: $input) {\n      id\n    }\n  }\n": typeof types.AddCaseNoteDocument,
    "\n  mutation ShareCase($input: ShareCaseInput!) {\n    shareCase(input: $input) {\n      id\n      active\n    }\n  }\n": typeof types.ShareCaseDocument,
    "\n  mutation WithdrawCaseConsent($id: ID!) {\n    withdrawCaseConsent(legalBasisId: $id) {\n      id\n      active\n    }\n  }\n": typeof types.WithdrawCaseConsentDocument,
    "\n  mutation RevokeCaseShare($id: ID!) {\n    revokeCaseShare(legalBasisId: $id) {\n      id\n      active\n    }\n  }\n": typeof types.RevokeCaseShareDocument,
    "\n  mutation CreateCaseTask($input: CreateCaseTaskInput!) {\n    createCaseTask(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateCaseTaskDocument,
    "\n  mutation UpdateCaseTaskStatus($id: ID!, $status: CaseTaskStatus!) {\n    updateCaseTask(id: $id, input: { status: $status }) {\n      id\n      status\n    }\n  }\n": typeof types.UpdateCaseTaskStatusDocument,
    "\n  query Cases($filter: CaseFilter, $first: Int, $after: String) {\n    cases(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          externalReference\n          riskLevel\n          status\n          access\n          openedAt\n          owner {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.CasesDocument,
    "\n  mutation CreateCase($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateCaseDocument,
    "\n  query CaseDetails($id: ID!) {\n    case(id: $id) {\n      id\n      externalReference\n      riskLevel\n      status\n      access\n      openedAt\n      closedAt\n      owner {\n        id\n        name\n      }\n      members {\n        userId\n        displayName\n        organisationId\n        addedAt\n      }\n      legalBases {\n        id\n        kind\n        statutoryGround\n        consentScope\n        consentGivenOn\n        consentExpiresAt\n        consentWithdrawnAt\n        revokedAt\n        active\n        acceptedAt\n        organisationId\n        contactFunction\n        createdAt\n      }\n      notes {\n        id\n        text\n        audience\n        authorId\n        authorOrganisationId\n        createdAt\n      }\n      tasks {\n        id\n        title\n        status\n        dueOn\n        audience\n        assignedOrganisationId\n        assignedUserId\n      }\n      meetings {\n        id\n        heldOn\n        decisions\n        audience\n        participantOrganisationIds\n        authorOrganisationId\n      }\n      riskAssessments {\n        id\n        method\n        level\n        assessedOn\n        assessorId\n        assessorOrganisationId\n        audience\n      }\n      history {\n        id\n        occurredAt\n        action\n        entityType\n        field\n        oldValue\n        newValue\n        actorUserId\n        actorOrganisationId\n      }\n    }\n    partnerships {\n      id\n      organisations {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CaseDetailsDocument,
    "\n  query Activities($filter: PreventionActivityFilter, $first: Int, $after: String) {\n    preventionActivities(filter: $filter, first: $first, after: $after) {\n      totalCount\n      totalCountIsExact\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...ActivityRow\n        }\n      }\n    }\n  }\n": typeof types.ActivitiesDocument,
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
    "\n  query StaffRegister($after: String, $search: String) {\n    staffMembers(first: 200, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          unit\n          title\n          userId\n        }\n      }\n    }\n  }\n": typeof types.StaffRegisterDocument,
    "\n  query KeepAlive {\n    me {\n      id\n    }\n  }\n": typeof types.KeepAliveDocument,
    "\n  mutation SignOut {\n    signOut {\n      ended\n      providerLogoutUrl\n    }\n  }\n": typeof types.SignOutDocument,
};
const documents: Documents = {
    "\n  mutation EnrolSecondFactorAtLogin($challenge: String!) {\n    enrolSecondFactor(challenge: $challenge) {\n      secret\n      otpauthUri\n    }\n  }\n": types.EnrolSecondFactorAtLoginDocument,
    "\n  mutation ConfirmSecondFactorAtLogin($challenge: String!, $code: String!) {\n    confirmSecondFactor(challenge: $challenge, code: $code) {\n      recoveryCodes\n      session {\n        expiresAt\n        deviceToken\n      }\n    }\n  }\n": types.ConfirmSecondFactorAtLoginDocument,
    "\n  mutation SignIn($email: String!, $password: String!, $deviceToken: String) {\n    login(email: $email, password: $password, deviceToken: $deviceToken) {\n      expiresAt\n      deviceToken\n      user {\n        id\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignInSecondFactor($challenge: String!, $code: String!) {\n    loginWithSecondFactor(challenge: $challenge, code: $code) {\n      expiresAt\n      deviceToken\n      user {\n        id\n      }\n    }\n  }\n": types.SignInSecondFactorDocument,
    "\n  query SignInProviders {\n    signInProviders {\n      name\n      startUrl\n    }\n  }\n": types.SignInProvidersDocument,
    "\n  query CurrentUser {\n    me {\n      id\n      displayName\n      email\n      roles\n      organisation {\n        id\n        name\n        kind\n      }\n    }\n  }\n": types.CurrentUserDocument,
    "\n  query FollowUp($commitmentId: ID!, $year: Int!) {\n    commitmentFollowUp(commitmentId: $commitmentId, year: $year) {\n      year\n      commitment {\n        id\n        title\n      }\n      periods {\n        period\n        quarter\n        activities\n        peopleReached\n        placesCovered\n        byTypeAndStatus {\n          type\n          status\n          activities\n          peopleReached\n        }\n      }\n    }\n  }\n": types.FollowUpDocument,
    "\n  query ExportFollowUp($commitmentId: ID!, $year: Int!) {\n    exportCommitmentFollowUp(commitmentId: $commitmentId, year: $year) {\n      filename\n      contentType\n      csv\n    }\n  }\n": types.ExportFollowUpDocument,
    "\n  query DetectionRecords($first: Int!, $after: String) {\n    detectionRecords(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          indicatorCode\n          occurredOn\n          count\n          recordedAt\n          voidedAt\n          voidReason\n          area {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.DetectionRecordsDocument,
    "\n  mutation VoidDetection($id: ID!, $reason: String!) {\n    voidDetection(id: $id, reason: $reason) {\n      id\n      voidedAt\n      voidReason\n    }\n  }\n": types.VoidDetectionDocument,
    "\n  query IndicatorTable($indicatorCode: String!, $year: Int!, $granularity: IndicatorGranularity!) {\n    indicatorTable(indicatorCode: $indicatorCode, year: $year, granularity: $granularity) {\n      ...IndicatorTableFields\n    }\n  }\n": types.IndicatorTableDocument,
    "\n  query IndicatorAreas {\n    areas {\n      id\n      name\n    }\n  }\n": types.IndicatorAreasDocument,
    "\n  mutation RecordDetection($input: RecordDetectionInput!) {\n    recordDetection(input: $input) {\n      id\n    }\n  }\n": types.RecordDetectionDocument,
    "\n  query IndicatorTrend($indicatorCode: String!, $fromYear: Int!, $toYear: Int!) {\n    indicatorTrend(indicatorCode: $indicatorCode, fromYear: $fromYear, toYear: $toYear, granularity: YEAR) {\n      ...IndicatorTableFields\n    }\n  }\n": types.IndicatorTrendDocument,
    "\n  query Indicators {\n    indicators {\n      code\n      nameSv\n      nameEn\n      description\n      reportedBy\n      active\n      threshold\n      roundingBase\n    }\n  }\n": types.IndicatorsDocument,
    "\n  fragment IndicatorTableFields on IndicatorTable {\n    indicatorCode\n    year\n    protected\n    coarsened\n    granularity\n    requestedGranularity\n    threshold\n    roundingBase\n    rows {\n      area {\n        id\n        name\n      }\n      cells {\n        period\n        month\n        value\n        suppressed\n        published\n      }\n      total {\n        value\n        suppressed\n      }\n    }\n    columnTotals {\n      period\n      month\n      value\n      suppressed\n      published\n    }\n    grandTotal {\n      value\n      suppressed\n    }\n  }\n": types.IndicatorTableFieldsFragmentDoc,
    "\n  query MyWork {\n    myTasks(first: 100) {\n      edges {\n        node {\n          id\n          kind\n          title\n          dueOn\n          due\n          status\n          caseId\n          activityId\n        }\n      }\n    }\n    myNotifications(first: 20, unreadOnly: true) {\n      unreadCount\n      edges {\n        node {\n          id\n          kind\n          createdAt\n          caseId\n        }\n      }\n    }\n  }\n": types.MyWorkDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids) {\n      id\n      readAt\n    }\n  }\n": types.MarkNotificationsReadDocument,
    "\n  query MyOverview($filter: PreventionActivityFilter!, $first: Int!) {\n    preventionActivities(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          ...ActivityRow\n        }\n      }\n    }\n  }\n": types.MyOverviewDocument,
    "\n  query BreakGlassReviews($filter: BreakGlassReviewFilter, $first: Int, $after: String) {\n    breakGlassReviews(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          caseId\n          userId\n          reasonCode\n          reasonText\n          openedAt\n          expiresAt\n          active\n          endedAt\n          reviewedAt\n          reviewedBy\n          reviewComment\n        }\n      }\n    }\n  }\n": types.BreakGlassReviewsDocument,
    "\n  mutation ReviewBreakGlass($id: ID!, $comment: String!, $endAccess: Boolean) {\n    reviewBreakGlass(id: $id, comment: $comment, endAccess: $endAccess) {\n      id\n      reviewedAt\n      reviewComment\n      active\n      endedAt\n    }\n  }\n": types.ReviewBreakGlassDocument,
    "\n  fragment AuditEventRow on AuditEvent {\n    id\n    occurredAt\n    action\n    outcome\n    entityType\n    entityIds\n    purpose\n    operationName\n    errorCode\n    actorId\n    actor {\n      id\n      displayName\n      organisation {\n        id\n        name\n      }\n    }\n  }\n": types.AuditEventRowFragmentDoc,
    "\n  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEventRow\n        }\n      }\n    }\n  }\n": types.AuditEventsDocument,
    "\n  query AuditTrail($entityType: String!, $entityId: ID!, $first: Int, $after: String) {\n    auditTrail(entityType: $entityType, entityId: $entityId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEventRow\n        }\n      }\n    }\n  }\n": types.AuditTrailDocument,
    "\n  query ExportAuditTrail($entityType: String!, $entityId: ID!, $from: DateTime, $to: DateTime) {\n    exportAuditTrail(entityType: $entityType, entityId: $entityId, from: $from, to: $to) {\n      filename\n      contentType\n      csv\n      rowCount\n      truncated\n    }\n  }\n": types.ExportAuditTrailDocument,
    "\n  query VerifyAuditLog {\n    verifyAuditLog {\n      ok\n      checkedEvents\n      checkedCheckpoints\n      unsealedEvents\n      firstInvalidEventId\n      problem\n    }\n  }\n": types.VerifyAuditLogDocument,
    "\n  query AuditOrganisations {\n    partnerships {\n      id\n      organisations {\n        id\n        name\n      }\n    }\n  }\n": types.AuditOrganisationsDocument,
    "\n  mutation BreakGlass($input: BreakGlassInput!) {\n    breakGlass(input: $input) {\n      id\n      caseId\n      openedAt\n      expiresAt\n      active\n    }\n  }\n": types.BreakGlassDocument,
    "\n  mutation RecordRiskAssessment($input: RecordRiskAssessmentInput!) {\n    recordRiskAssessment(input: $input) {\n      id\n    }\n  }\n": types.RecordRiskAssessmentDocument,
    "\n  query CaseInbox {\n    incomingCaseShares {\n      legalBasisId\n      caseId\n      riskLevel\n      sharedAt\n      acceptedAt\n      contactFunction\n      senderOrganisation {\n        id\n        name\n      }\n      legalBasis {\n        id\n        kind\n        statutoryGround\n        consentScope\n        consentExpiresAt\n      }\n    }\n  }\n": types.CaseInboxDocument,
    "\n  mutation AcceptCaseShare($legalBasisId: ID!) {\n    acceptCaseShare(legalBasisId: $legalBasisId) {\n      userId\n    }\n  }\n": types.AcceptCaseShareDocument,
    "\n  mutation RecordCaseMeeting($input: RecordCaseMeetingInput!) {\n    recordCaseMeeting(input: $input) {\n      id\n    }\n  }\n": types.RecordCaseMeetingDocument,
    "\n  query CaseMemberCandidates($caseId: ID!, $search: String) {\n    caseMemberCandidates(caseId: $caseId, search: $search) {\n      userId\n      displayName\n    }\n  }\n": types.CaseMemberCandidatesDocument,
    "\n  mutation AddCaseMember($caseId: ID!, $userId: ID!) {\n    addCaseMember(caseId: $caseId, userId: $userId) {\n      userId\n      displayName\n    }\n  }\n": types.AddCaseMemberDocument,
    "\n  mutation RemoveCaseMember($caseId: ID!, $userId: ID!) {\n    removeCaseMember(caseId: $caseId, userId: $userId)\n  }\n": types.RemoveCaseMemberDocument,
    "\n  mutation EndPartnerMembership($caseId: ID!, $userId: ID!) {\n    endPartnerMembership(caseId: $caseId, userId: $userId)\n  }\n": types.EndPartnerMembershipDocument,
    "\n  mutation AddCaseNote($input: AddCaseNoteInput!) {\n    addCaseNote(input: $input) {\n      id\n    }\n  }\n": types.AddCaseNoteDocument,
    "\n  mutation ShareCase($input: ShareCaseInput!) {\n    shareCase(input: $input) {\n      id\n      active\n    }\n  }\n": types.ShareCaseDocument,
    "\n  mutation WithdrawCaseConsent($id: ID!) {\n    withdrawCaseConsent(legalBasisId: $id) {\n      id\n      active\n    }\n  }\n": types.WithdrawCaseConsentDocument,
    "\n  mutation RevokeCaseShare($id: ID!) {\n    revokeCaseShare(legalBasisId: $id) {\n      id\n      active\n    }\n  }\n": types.RevokeCaseShareDocument,
    "\n  mutation CreateCaseTask($input: CreateCaseTaskInput!) {\n    createCaseTask(input: $input) {\n      id\n    }\n  }\n": types.CreateCaseTaskDocument,
    "\n  mutation UpdateCaseTaskStatus($id: ID!, $status: CaseTaskStatus!) {\n    updateCaseTask(id: $id, input: { status: $status }) {\n      id\n      status\n    }\n  }\n": types.UpdateCaseTaskStatusDocument,
    "\n  query Cases($filter: CaseFilter, $first: Int, $after: String) {\n    cases(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          externalReference\n          riskLevel\n          status\n          access\n          openedAt\n          owner {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.CasesDocument,
    "\n  mutation CreateCase($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      id\n    }\n  }\n": types.CreateCaseDocument,
    "\n  query CaseDetails($id: ID!) {\n    case(id: $id) {\n      id\n      externalReference\n      riskLevel\n      status\n      access\n      openedAt\n      closedAt\n      owner {\n        id\n        name\n      }\n      members {\n        userId\n        displayName\n        organisationId\n        addedAt\n      }\n      legalBases {\n        id\n        kind\n        statutoryGround\n        consentScope\n        consentGivenOn\n        consentExpiresAt\n        consentWithdrawnAt\n        revokedAt\n        active\n        acceptedAt\n        organisationId\n        contactFunction\n        createdAt\n      }\n      notes {\n        id\n        text\n        audience\n        authorId\n        authorOrganisationId\n        createdAt\n      }\n      tasks {\n        id\n        title\n        status\n        dueOn\n        audience\n        assignedOrganisationId\n        assignedUserId\n      }\n      meetings {\n        id\n        heldOn\n        decisions\n        audience\n        participantOrganisationIds\n        authorOrganisationId\n      }\n      riskAssessments {\n        id\n        method\n        level\n        assessedOn\n        assessorId\n        assessorOrganisationId\n        audience\n      }\n      history {\n        id\n        occurredAt\n        action\n        entityType\n        field\n        oldValue\n        newValue\n        actorUserId\n        actorOrganisationId\n      }\n    }\n    partnerships {\n      id\n      organisations {\n        id\n        name\n      }\n    }\n  }\n": types.CaseDetailsDocument,
    "\n  query Activities($filter: PreventionActivityFilter, $first: Int, $after: String) {\n    preventionActivities(filter: $filter, first: $first, after: $after) {\n      totalCount\n      totalCountIsExact\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...ActivityRow\n        }\n      }\n    }\n  }\n": types.ActivitiesDocument,
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
    "\n  query StaffRegister($after: String, $search: String) {\n    staffMembers(first: 200, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          unit\n          title\n          userId\n        }\n      }\n    }\n  }\n": types.StaffRegisterDocument,
    "\n  query KeepAlive {\n    me {\n      id\n    }\n  }\n": types.KeepAliveDocument,
    "\n  mutation SignOut {\n    signOut {\n      ended\n      providerLogoutUrl\n    }\n  }\n": types.SignOutDocument,
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
export function graphql(source: "\n  mutation EnrolSecondFactorAtLogin($challenge: String!) {\n    enrolSecondFactor(challenge: $challenge) {\n      secret\n      otpauthUri\n    }\n  }\n"): (typeof documents)["\n  mutation EnrolSecondFactorAtLogin($challenge: String!) {\n    enrolSecondFactor(challenge: $challenge) {\n      secret\n      otpauthUri\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmSecondFactorAtLogin($challenge: String!, $code: String!) {\n    confirmSecondFactor(challenge: $challenge, code: $code) {\n      recoveryCodes\n      session {\n        expiresAt\n        deviceToken\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmSecondFactorAtLogin($challenge: String!, $code: String!) {\n    confirmSecondFactor(challenge: $challenge, code: $code) {\n      recoveryCodes\n      session {\n        expiresAt\n        deviceToken\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($email: String!, $password: String!, $deviceToken: String) {\n    login(email: $email, password: $password, deviceToken: $deviceToken) {\n      expiresAt\n      deviceToken\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($email: String!, $password: String!, $deviceToken: String) {\n    login(email: $email, password: $password, deviceToken: $deviceToken) {\n      expiresAt\n      deviceToken\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignInSecondFactor($challenge: String!, $code: String!) {\n    loginWithSecondFactor(challenge: $challenge, code: $code) {\n      expiresAt\n      deviceToken\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignInSecondFactor($challenge: String!, $code: String!) {\n    loginWithSecondFactor(challenge: $challenge, code: $code) {\n      expiresAt\n      deviceToken\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignInProviders {\n    signInProviders {\n      name\n      startUrl\n    }\n  }\n"): (typeof documents)["\n  query SignInProviders {\n    signInProviders {\n      name\n      startUrl\n    }\n  }\n"];
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
export function graphql(source: "\n  query DetectionRecords($first: Int!, $after: String) {\n    detectionRecords(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          indicatorCode\n          occurredOn\n          count\n          recordedAt\n          voidedAt\n          voidReason\n          area {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DetectionRecords($first: Int!, $after: String) {\n    detectionRecords(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          indicatorCode\n          occurredOn\n          count\n          recordedAt\n          voidedAt\n          voidReason\n          area {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VoidDetection($id: ID!, $reason: String!) {\n    voidDetection(id: $id, reason: $reason) {\n      id\n      voidedAt\n      voidReason\n    }\n  }\n"): (typeof documents)["\n  mutation VoidDetection($id: ID!, $reason: String!) {\n    voidDetection(id: $id, reason: $reason) {\n      id\n      voidedAt\n      voidReason\n    }\n  }\n"];
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
export function graphql(source: "\n  mutation RecordDetection($input: RecordDetectionInput!) {\n    recordDetection(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RecordDetection($input: RecordDetectionInput!) {\n    recordDetection(input: $input) {\n      id\n    }\n  }\n"];
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
export function graphql(source: "\n  query MyWork {\n    myTasks(first: 100) {\n      edges {\n        node {\n          id\n          kind\n          title\n          dueOn\n          due\n          status\n          caseId\n          activityId\n        }\n      }\n    }\n    myNotifications(first: 20, unreadOnly: true) {\n      unreadCount\n      edges {\n        node {\n          id\n          kind\n          createdAt\n          caseId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyWork {\n    myTasks(first: 100) {\n      edges {\n        node {\n          id\n          kind\n          title\n          dueOn\n          due\n          status\n          caseId\n          activityId\n        }\n      }\n    }\n    myNotifications(first: 20, unreadOnly: true) {\n      unreadCount\n      edges {\n        node {\n          id\n          kind\n          createdAt\n          caseId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids) {\n      id\n      readAt\n    }\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids) {\n      id\n      readAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyOverview($filter: PreventionActivityFilter!, $first: Int!) {\n    preventionActivities(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          ...ActivityRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyOverview($filter: PreventionActivityFilter!, $first: Int!) {\n    preventionActivities(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          ...ActivityRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BreakGlassReviews($filter: BreakGlassReviewFilter, $first: Int, $after: String) {\n    breakGlassReviews(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          caseId\n          userId\n          reasonCode\n          reasonText\n          openedAt\n          expiresAt\n          active\n          endedAt\n          reviewedAt\n          reviewedBy\n          reviewComment\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BreakGlassReviews($filter: BreakGlassReviewFilter, $first: Int, $after: String) {\n    breakGlassReviews(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          caseId\n          userId\n          reasonCode\n          reasonText\n          openedAt\n          expiresAt\n          active\n          endedAt\n          reviewedAt\n          reviewedBy\n          reviewComment\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewBreakGlass($id: ID!, $comment: String!, $endAccess: Boolean) {\n    reviewBreakGlass(id: $id, comment: $comment, endAccess: $endAccess) {\n      id\n      reviewedAt\n      reviewComment\n      active\n      endedAt\n    }\n  }\n"): (typeof documents)["\n  mutation ReviewBreakGlass($id: ID!, $comment: String!, $endAccess: Boolean) {\n    reviewBreakGlass(id: $id, comment: $comment, endAccess: $endAccess) {\n      id\n      reviewedAt\n      reviewComment\n      active\n      endedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEventRow on AuditEvent {\n    id\n    occurredAt\n    action\n    outcome\n    entityType\n    entityIds\n    purpose\n    operationName\n    errorCode\n    actorId\n    actor {\n      id\n      displayName\n      organisation {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment AuditEventRow on AuditEvent {\n    id\n    occurredAt\n    action\n    outcome\n    entityType\n    entityIds\n    purpose\n    operationName\n    errorCode\n    actorId\n    actor {\n      id\n      displayName\n      organisation {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEventRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEventRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrail($entityType: String!, $entityId: ID!, $first: Int, $after: String) {\n    auditTrail(entityType: $entityType, entityId: $entityId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEventRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditTrail($entityType: String!, $entityId: ID!, $first: Int, $after: String) {\n    auditTrail(entityType: $entityType, entityId: $entityId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AuditEventRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportAuditTrail($entityType: String!, $entityId: ID!, $from: DateTime, $to: DateTime) {\n    exportAuditTrail(entityType: $entityType, entityId: $entityId, from: $from, to: $to) {\n      filename\n      contentType\n      csv\n      rowCount\n      truncated\n    }\n  }\n"): (typeof documents)["\n  query ExportAuditTrail($entityType: String!, $entityId: ID!, $from: DateTime, $to: DateTime) {\n    exportAuditTrail(entityType: $entityType, entityId: $entityId, from: $from, to: $to) {\n      filename\n      contentType\n      csv\n      rowCount\n      truncated\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerifyAuditLog {\n    verifyAuditLog {\n      ok\n      checkedEvents\n      checkedCheckpoints\n      unsealedEvents\n      firstInvalidEventId\n      problem\n    }\n  }\n"): (typeof documents)["\n  query VerifyAuditLog {\n    verifyAuditLog {\n      ok\n      checkedEvents\n      checkedCheckpoints\n      unsealedEvents\n      firstInvalidEventId\n      problem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditOrganisations {\n    partnerships {\n      id\n      organisations {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditOrganisations {\n    partnerships {\n      id\n      organisations {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BreakGlass($input: BreakGlassInput!) {\n    breakGlass(input: $input) {\n      id\n      caseId\n      openedAt\n      expiresAt\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation BreakGlass($input: BreakGlassInput!) {\n    breakGlass(input: $input) {\n      id\n      caseId\n      openedAt\n      expiresAt\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordRiskAssessment($input: RecordRiskAssessmentInput!) {\n    recordRiskAssessment(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RecordRiskAssessment($input: RecordRiskAssessmentInput!) {\n    recordRiskAssessment(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseInbox {\n    incomingCaseShares {\n      legalBasisId\n      caseId\n      riskLevel\n      sharedAt\n      acceptedAt\n      contactFunction\n      senderOrganisation {\n        id\n        name\n      }\n      legalBasis {\n        id\n        kind\n        statutoryGround\n        consentScope\n        consentExpiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaseInbox {\n    incomingCaseShares {\n      legalBasisId\n      caseId\n      riskLevel\n      sharedAt\n      acceptedAt\n      contactFunction\n      senderOrganisation {\n        id\n        name\n      }\n      legalBasis {\n        id\n        kind\n        statutoryGround\n        consentScope\n        consentExpiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptCaseShare($legalBasisId: ID!) {\n    acceptCaseShare(legalBasisId: $legalBasisId) {\n      userId\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptCaseShare($legalBasisId: ID!) {\n    acceptCaseShare(legalBasisId: $legalBasisId) {\n      userId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordCaseMeeting($input: RecordCaseMeetingInput!) {\n    recordCaseMeeting(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RecordCaseMeeting($input: RecordCaseMeetingInput!) {\n    recordCaseMeeting(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseMemberCandidates($caseId: ID!, $search: String) {\n    caseMemberCandidates(caseId: $caseId, search: $search) {\n      userId\n      displayName\n    }\n  }\n"): (typeof documents)["\n  query CaseMemberCandidates($caseId: ID!, $search: String) {\n    caseMemberCandidates(caseId: $caseId, search: $search) {\n      userId\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddCaseMember($caseId: ID!, $userId: ID!) {\n    addCaseMember(caseId: $caseId, userId: $userId) {\n      userId\n      displayName\n    }\n  }\n"): (typeof documents)["\n  mutation AddCaseMember($caseId: ID!, $userId: ID!) {\n    addCaseMember(caseId: $caseId, userId: $userId) {\n      userId\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveCaseMember($caseId: ID!, $userId: ID!) {\n    removeCaseMember(caseId: $caseId, userId: $userId)\n  }\n"): (typeof documents)["\n  mutation RemoveCaseMember($caseId: ID!, $userId: ID!) {\n    removeCaseMember(caseId: $caseId, userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndPartnerMembership($caseId: ID!, $userId: ID!) {\n    endPartnerMembership(caseId: $caseId, userId: $userId)\n  }\n"): (typeof documents)["\n  mutation EndPartnerMembership($caseId: ID!, $userId: ID!) {\n    endPartnerMembership(caseId: $caseId, userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddCaseNote($input: AddCaseNoteInput!) {\n    addCaseNote(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddCaseNote($input: AddCaseNoteInput!) {\n    addCaseNote(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShareCase($input: ShareCaseInput!) {\n    shareCase(input: $input) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation ShareCase($input: ShareCaseInput!) {\n    shareCase(input: $input) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawCaseConsent($id: ID!) {\n    withdrawCaseConsent(legalBasisId: $id) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation WithdrawCaseConsent($id: ID!) {\n    withdrawCaseConsent(legalBasisId: $id) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeCaseShare($id: ID!) {\n    revokeCaseShare(legalBasisId: $id) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeCaseShare($id: ID!) {\n    revokeCaseShare(legalBasisId: $id) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCaseTask($input: CreateCaseTaskInput!) {\n    createCaseTask(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCaseTask($input: CreateCaseTaskInput!) {\n    createCaseTask(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCaseTaskStatus($id: ID!, $status: CaseTaskStatus!) {\n    updateCaseTask(id: $id, input: { status: $status }) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCaseTaskStatus($id: ID!, $status: CaseTaskStatus!) {\n    updateCaseTask(id: $id, input: { status: $status }) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Cases($filter: CaseFilter, $first: Int, $after: String) {\n    cases(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          externalReference\n          riskLevel\n          status\n          access\n          openedAt\n          owner {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Cases($filter: CaseFilter, $first: Int, $after: String) {\n    cases(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          externalReference\n          riskLevel\n          status\n          access\n          openedAt\n          owner {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCase($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCase($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseDetails($id: ID!) {\n    case(id: $id) {\n      id\n      externalReference\n      riskLevel\n      status\n      access\n      openedAt\n      closedAt\n      owner {\n        id\n        name\n      }\n      members {\n        userId\n        displayName\n        organisationId\n        addedAt\n      }\n      legalBases {\n        id\n        kind\n        statutoryGround\n        consentScope\n        consentGivenOn\n        consentExpiresAt\n        consentWithdrawnAt\n        revokedAt\n        active\n        acceptedAt\n        organisationId\n        contactFunction\n        createdAt\n      }\n      notes {\n        id\n        text\n        audience\n        authorId\n        authorOrganisationId\n        createdAt\n      }\n      tasks {\n        id\n        title\n        status\n        dueOn\n        audience\n        assignedOrganisationId\n        assignedUserId\n      }\n      meetings {\n        id\n        heldOn\n        decisions\n        audience\n        participantOrganisationIds\n        authorOrganisationId\n      }\n      riskAssessments {\n        id\n        method\n        level\n        assessedOn\n        assessorId\n        assessorOrganisationId\n        audience\n      }\n      history {\n        id\n        occurredAt\n        action\n        entityType\n        field\n        oldValue\n        newValue\n        actorUserId\n        actorOrganisationId\n      }\n    }\n    partnerships {\n      id\n      organisations {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaseDetails($id: ID!) {\n    case(id: $id) {\n      id\n      externalReference\n      riskLevel\n      status\n      access\n      openedAt\n      closedAt\n      owner {\n        id\n        name\n      }\n      members {\n        userId\n        displayName\n        organisationId\n        addedAt\n      }\n      legalBases {\n        id\n        kind\n        statutoryGround\n        consentScope\n        consentGivenOn\n        consentExpiresAt\n        consentWithdrawnAt\n        revokedAt\n        active\n        acceptedAt\n        organisationId\n        contactFunction\n        createdAt\n      }\n      notes {\n        id\n        text\n        audience\n        authorId\n        authorOrganisationId\n        createdAt\n      }\n      tasks {\n        id\n        title\n        status\n        dueOn\n        audience\n        assignedOrganisationId\n        assignedUserId\n      }\n      meetings {\n        id\n        heldOn\n        decisions\n        audience\n        participantOrganisationIds\n        authorOrganisationId\n      }\n      riskAssessments {\n        id\n        method\n        level\n        assessedOn\n        assessorId\n        assessorOrganisationId\n        audience\n      }\n      history {\n        id\n        occurredAt\n        action\n        entityType\n        field\n        oldValue\n        newValue\n        actorUserId\n        actorOrganisationId\n      }\n    }\n    partnerships {\n      id\n      organisations {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Activities($filter: PreventionActivityFilter, $first: Int, $after: String) {\n    preventionActivities(filter: $filter, first: $first, after: $after) {\n      totalCount\n      totalCountIsExact\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...ActivityRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Activities($filter: PreventionActivityFilter, $first: Int, $after: String) {\n    preventionActivities(filter: $filter, first: $first, after: $after) {\n      totalCount\n      totalCountIsExact\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...ActivityRow\n        }\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query StaffRegister($after: String, $search: String) {\n    staffMembers(first: 200, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          unit\n          title\n          userId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query StaffRegister($after: String, $search: String) {\n    staffMembers(first: 200, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          unit\n          title\n          userId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeepAlive {\n    me {\n      id\n    }\n  }\n"): (typeof documents)["\n  query KeepAlive {\n    me {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut {\n      ended\n      providerLogoutUrl\n    }\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut {\n      ended\n      providerLogoutUrl\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;