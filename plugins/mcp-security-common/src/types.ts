import {
  AssuranceLevel,
  Cadence,
  ChangeState,
  ChangeTransition,
  MaintenanceOutcome,
  Auth,
  GuidanceType,
  Hosting,
  Priority,
  RecommendationStatus,
  Capability,
  DataClassification,
  DeploymentContext,
  Exposure,
  Isolation,
  RiskLevel,
  TrustTier,
  Unknown,
} from './vocabulary';

/** Where a fact or a finding came from, in order of precedence. */
export type FactSource =
  | 'annotation'
  | 'server-json'
  | 'entity'
  | 'import'
  | 'registry';

export type FindingSeverity = 'info' | 'low' | 'medium' | 'high' | 'critical';

/**
 * Something wrong or noteworthy found while reading a server's facts: a bad
 * annotation value, an unreadable server.json, an unpinned package. `field`
 * names the exact annotation key or JSON path; `target` the file or URL read.
 */
export interface Finding {
  id: string;
  source: FactSource;
  severity: FindingSeverity;
  field: string;
  target?: string;
  message: string;
}

/** A package the server is distributed as (server.json `packages[]`). */
export interface PackageProfile {
  registryType: string;
  identifier: string;
  version?: string;
  /** An exact version or an image digest; never a range, `latest` or a bare tag-less image. */
  pinned: boolean;
  runtimeHint?: string;
  transport: string;
  /** The package arguments (server.json `packageArguments`), in order; absent when it declares none. */
  arguments?: PackageArgumentProfile[];
  /**
   * The environment the server reads: its `environmentVariables` and, for an
   * OCI image, the `-e NAME=…` runtime arguments; absent when it declares none.
   */
  environmentVariables?: EnvironmentVariableProfile[];
}

/**
 * One argument the server's program takes, as the server.json declares it.
 * A secret's `value` and `default` are never kept: only that it is needed.
 */
export interface PackageArgumentProfile {
  type: 'positional' | 'named';
  /** The flag of a named argument, e.g. `--tools`. */
  name?: string;
  /** A fixed value; with `{variable}` references resolved where their values are given. */
  value?: string;
  default?: string;
  /** What a positional argument stands for, e.g. `allowed_directory`. */
  valueHint?: string;
  /** `string`, `number`, `boolean` or `filepath`. */
  format?: string;
  isRequired: boolean;
  isRepeated: boolean;
  isSecret: boolean;
}

/** An environment variable the server reads. A secret's default is never kept. */
export interface EnvironmentVariableProfile {
  name: string;
  isSecret: boolean;
  isRequired: boolean;
  default?: string;
  description?: string;
}

/** A way to reach the server: a server.json remote or an entity `spec.remotes` entry. */
export interface RemoteProfile {
  type: string;
  url: string;
  /** Whether an authorisation header is declared for it. */
  authHeader: boolean;
}

/**
 * A published advisory (an OSV record) that matches a package the server
 * runs. `malicious` is set for malicious-package records (`MAL-` ids).
 */
export interface AdvisoryMatch {
  /** The OSV id, e.g. `MAL-2025-47604` or `GHSA-hc55-p739-j48w`. */
  advisoryId: string;
  aliases: string[];
  malicious: boolean;
  summary: string;
  /** The record's own severity where it states one (GitHub's `database_specific.severity`). */
  severity?: AdvisorySeverity;
  /** The package as the server runs it; `version` is absent when nothing pins it. */
  package: { ecosystem: string; name: string; version?: string };
  /** The affected versions, e.g. `>=2025.1.14 <2025.7.1`. */
  affectedRange: string;
  /** The first release without the problem, when there is one. */
  fixedVersion?: string;
  /**
   * `affected`: the version the server runs is affected; `possible`: the
   * version is not pinned and may resolve to an affected one.
   */
  certainty: 'affected' | 'possible';
  reason: string;
  /** Where to read the advisory. */
  url?: string;
}

export type AdvisorySeverity = 'low' | 'moderate' | 'high' | 'critical';

/** A server that runs a package an advisory covers, as the fleet view lists it. */
export interface AdvisoryServer {
  entityRef: string;
  owner?: string;
  /** The version it runs; absent when unpinned. */
  version?: string;
  fixedVersion?: string;
  certainty: AdvisoryMatch['certainty'];
  riskLevel: RiskLevel;
}

/** One advisory that matches at least one server, with every server it matches. */
export interface FleetAdvisory
  extends Omit<
    AdvisoryMatch,
    'package' | 'fixedVersion' | 'certainty' | 'reason'
  > {
  package: { ecosystem: string; name: string };
  servers: AdvisoryServer[];
}

/** How one advisory source fared at its last load. */
export interface AdvisorySourceStatus {
  source: string;
  records: number;
  /** Records left out, each with its file (and place in it) and the reason. */
  skipped: { file: string; reason: string }[];
  /** When its records were last read successfully. */
  loadedAt?: string;
  /** Why the last load failed; the records of the last good load stay in use. */
  error?: string;
}

/** `GET /advisories`: the advisories that match servers the caller can see, and the sources' state. */
export interface AdvisoriesResponse {
  advisories: FleetAdvisory[];
  sources: AdvisorySourceStatus[];
}

/**
 * A finding a scanner or an audit reported about a server, normalised from
 * the report's format. `fingerprint` is stable across runs of the same
 * tool: the report's own where it has one, otherwise derived from the rule,
 * the tool name and the location.
 */
export interface ImportedFinding {
  /** The scanner or auditor, e.g. `mcp-scanner` or a SARIF `tool.driver.name`. */
  sourceTool: string;
  sourceVersion?: string;
  ruleId: string;
  severity: FindingSeverity;
  title: string;
  message: string;
  /** The MCP tool (or prompt) the finding is about, where the report names one. */
  toolName?: string;
  /** A file and line, or a URI, where the report gives one. */
  location?: string;
  fingerprint: string;
}

/** An imported finding as stored for a server: with when imports first and last reported it. */
export interface FindingRecord extends ImportedFinding {
  firstSeen: string;
  lastSeen: string;
}

/**
 * The answer to an import: how many findings were new, reported again, or
 * resolved, and the server's risk once they are assessed.
 */
export interface FindingsImportSummary {
  entityRef: string;
  /** The tools whose findings the report holds, even those that found nothing. */
  sourceTools: string[];
  new: number;
  stillOpen: number;
  /** Reported by an earlier import from the same tool, absent from this one. */
  resolved: number;
  risk: { level: RiskLevel; score: number };
}

/** Everything the engine knows about one MCP server, derived from the catalog and the server.json. */
export interface McpServerProfile {
  name: string;
  title?: string;
  deploymentContext: DeploymentContext | Unknown;
  exposure: Exposure | Unknown;
  dataClassification: DataClassification | Unknown;
  capabilities: Capability[];
  /** False when nobody declared the capabilities; the engine then assumes broad ones. */
  capabilitiesDeclared: boolean;
  isolation: Isolation | Unknown;
  auth: Auth | Unknown;
  egressAllowlist: string[];
  trustOverride?: { tier: TrustTier; reason: string };
  /** Who runs the server, when an owner declared it; otherwise the engine derives it. */
  hosting?: Hosting;
  registryName?: string;
  /** The server.json description: evidence for the capabilities nobody declared. */
  description?: string;
  /** The registry's status of this version (`active`, `deprecated`, `deleted`), when known. */
  registryStatus?: string;
  /** Why the registry deprecated or deleted it, in the registry's words. */
  registryStatusMessage?: string;
  publisherNamespace?: string;
  repositoryUrl?: string;
  version?: string;
  packages: PackageProfile[];
  remotes: RemoteProfile[];
  /** Names of secret values passed as command-line arguments, where other processes can read them. */
  secretsInArguments: string[];
  lifecycle?: string;
  owner?: string;
  system?: string;
  findings: Finding[];
  /** Published advisories matching the packages it runs; absent when none match. */
  advisories?: AdvisoryMatch[];
  /** Open findings imported from scanners and audits; absent when there are none. */
  importedFindings?: ImportedFinding[];
  /** Tool definitions that differ from the reviewed baseline; absent when there is none. */
  unreviewedToolChange?: UnreviewedToolChange;
}

/** A server's latest tool snapshot differs from its approved baseline, by tool name. */
export interface UnreviewedToolChange {
  baselineHash: string;
  snapshotHash: string;
  added: string[];
  removed: string[];
  changed: string[];
}

/** How the registry verified a publisher's namespace: a domain it controls, a GitHub account, or not at all. */
export type PublisherVerification = 'domain' | 'github' | 'none';

/** Who publishes the server, as the registry namespace and the places its code comes from say. */
export interface PublisherFacts {
  namespace?: string;
  verification: PublisherVerification;
  /** The domain a reverse-DNS namespace stands for: `stripe.com` for `com.stripe`. */
  domain?: string;
  /** Repository, package-scope and image owners that disagree with the namespace. */
  mismatches: string[];
  evidence: string;
}

/** A fact the engine worked out, with what it saw. */
export interface DerivedFact<T> {
  value: T;
  /** `annotation` when an owner declared it, `derived` when the engine worked it out. */
  source: 'annotation' | 'derived';
  evidence: string;
}

/** A name close to a well-known vendor's official server, published by someone else. */
export interface Lookalike {
  vendor: string;
  official: string;
  evidence: string;
}

/** Something about a release that makes it less trustworthy to run, e.g. a pre-release version. */
export interface ReleaseSignal {
  id: string;
  evidence: string;
}

/**
 * What the engine judged about a server's provenance and release, beyond what
 * owners declare: each item carries the evidence it rests on.
 */
export interface Provenance {
  publisher: PublisherFacts;
  /** Absent when the server has neither packages nor remotes. */
  hosting?: DerivedFact<Hosting>;
  lookalikes: Lookalike[];
  /** Packages on the knowledge base's list of known-malicious releases. */
  knownMalicious: { identifier: string; reason: string }[];
  releaseSignals: ReleaseSignal[];
  /** Capabilities read from names and descriptions; empty when the owner declared them. */
  inferredCapabilities: DerivedFact<Capability>[];
}

/** One reason behind the trust score; `points` add to or subtract from it. */
export interface TrustSignal {
  id: string;
  points: number;
  reason: string;
}

/** One reason behind the risk score; impact and likelihood points add up to it. */
export interface RiskFactor {
  id: string;
  dimension: 'impact' | 'likelihood';
  points: number;
  reason: string;
}

export interface TrustAssessment {
  tier: TrustTier;
  score: number;
  signals: TrustSignal[];
}

export interface RiskAssessment {
  level: RiskLevel;
  score: number;
  factors: RiskFactor[];
}

/** Where a control's advice comes from: a standard's threat or control id, or a document. */
export interface Reference {
  title: string;
  url?: string;
}

/** How much of a risk factor a control takes away once the owner has implemented it. */
export interface Mitigation {
  factor: string;
  points: number;
}

/** A control from the knowledge base whose conditions match this server. */
export interface Recommendation {
  controlId: string;
  title: string;
  category: string;
  priority: Priority;
  rationale: string;
  /** Concrete actions, in order; Markdown (code blocks for commands and config). */
  steps: string[];
  /** How to check the control is in place. */
  verification: string[];
  references: Reference[];
  mitigates: Mitigation[];
  /** The scaffolder template that implements the control, when there is one. */
  template?: string;
}

/** The owner's decision on a recommendation; it outlives re-assessments. */
export interface RecommendationDecision {
  controlId: string;
  status: RecommendationStatus;
  /** Required when dismissing: why the control does not apply or is accepted as a risk. */
  note?: string;
  decidedBy: string;
  decidedAt: string;
  /** Increases with every decision on this recommendation; a new decision carries the version it saw. */
  version: number;
}

/** A recommendation as served: the control plus the owner's decision on it, if any. */
export interface RecommendationWithDecision extends Recommendation {
  status: RecommendationStatus;
  decision?: RecommendationDecision;
}

/** The risk left once the recommendations the owner implemented are counted. */
export interface ResidualRisk {
  level: RiskLevel;
  score: number;
  /** Points taken off per control id. */
  reductions: { controlId: string; factor: string; points: number }[];
}

/** The result of assessing one server: explainable down to every point. */
export interface Assessment {
  /** Absent for advice on a server that is not in the catalog. */
  entityRef?: string;
  trust: TrustAssessment;
  risk: RiskAssessment;
  /** Absent from assessments made before the engine judged provenance. */
  provenance?: Provenance;
  findings: Finding[];
  guidanceType: GuidanceType;
  /** The assurance level the server should meet, from its deployment context and data. */
  assuranceLevel: AssuranceLevel;
  /** Matching controls, most urgent first. */
  recommendations: Recommendation[];
  /** The maintenance tasks that apply, at the cadence for this risk level. */
  maintenancePlan: MaintenancePlanItem[];
  profile: McpServerProfile;
  profileHash: string;
  knowledgeVersion: string;
  engineVersion: string;
  assessedAt: string;
}

/**
 * Advice on a server outside the catalog, as `POST /advise` answers it: an
 * assessment listing at most 50 findings and 20 packages, with how many of
 * each were left out (the risk and trust scores count them all).
 */
export interface Advice extends Assessment {
  omitted: { findings: number; packages: number };
}

/** An assessment as the API serves it for a catalog server: with decisions and residual risk. */
export interface AssessmentView extends Omit<Assessment, 'recommendations'> {
  recommendations: RecommendationWithDecision[];
  residualRisk: ResidualRisk;
}

/** One entry of a server's assessment history. */
export interface AssessmentSummary {
  assessedAt: string;
  trust: { tier: TrustTier; score: number };
  risk: { level: RiskLevel; score: number };
  knowledgeVersion: string;
  engineVersion: string;
  profileHash: string;
}

/** A control as the knowledge API lists it. */
export interface Control
  extends Omit<Recommendation, 'controlId' | 'priority'> {
  id: string;
  priority: Record<AssuranceLevel, Priority>;
}

/** What the UI needs of the scoring model to explain an assessment; served by `GET /knowledge/model`. */
export interface KnowledgeModelSummary {
  version: string;
  /** Lowest score of each level above low. */
  riskLevels: { medium: number; high: number; critical: number };
  assuranceLevels: { id: AssuranceLevel; name: string; description: string }[];
  guidanceTypes: Record<GuidanceType, { title: string; description: string }>;
}

/** A maintenance task that applies to a server, and how often, for its current risk level. */
export interface MaintenancePlanItem {
  taskId: string;
  cadence: Cadence;
}

export type MaintenanceDueStatus = 'overdue' | 'due-soon' | 'upcoming';

/** One scheduled maintenance task of one server, with what to do and when it is due. */
export interface MaintenanceTaskView {
  taskId: string;
  title: string;
  area: string;
  cadence: Cadence;
  rationale: string;
  procedure: string[];
  /** What the person completing it must record. */
  evidence: string;
  firstAppliedAt: string;
  lastCompletedAt?: string;
  nextDueAt: string;
  status: MaintenanceDueStatus;
}

/** A recorded completion of a maintenance task. */
export interface MaintenanceCompletion {
  taskId: string;
  outcome: MaintenanceOutcome;
  evidence: string;
  completedBy: string;
  completedAt: string;
  /** The cadence the task had when it was completed. */
  cadence: Cadence;
}

/** A kind of change, from the knowledge base. */
export interface ChangeType {
  id: string;
  title: string;
  description: string;
  baseRisk: RiskLevel;
  securityReview: boolean;
  emergencyAllowed: boolean;
}

/** A vote on a change: an approval or a rejection, before or (for emergencies) after implementation. */
export interface ChangeVote {
  voter: string;
  decision: 'approve' | 'reject';
  /** Approval before implementation, or the review an emergency change gets afterwards. */
  phase: 'approval' | 'post-review';
  comment?: string;
  /** The voter's groups when voting, which the policy's required groups are checked against. */
  groups: string[];
  at: string;
}

/** One state change of a change request; the log is append-only. */
export interface ChangeEvent {
  transition: ChangeTransition | 'create';
  from?: ChangeState;
  to: ChangeState;
  actor: string;
  comment?: string;
  at: string;
}

/** What a change needs before it may proceed, from the approval policy and its risk. */
export interface ChangeRequirements {
  approvals: number;
  requiredGroups: string[];
}

/** A change request on one MCP server. */
export interface ChangeRequest {
  id: string;
  entityRef: string;
  changeType: string;
  title: string;
  description: string;
  rollbackPlan: string;
  plannedStart?: string;
  plannedEnd?: string;
  emergency: boolean;
  /** The change type's base risk raised to the server's risk level. */
  riskLevel: RiskLevel;
  requirements: ChangeRequirements;
  state: ChangeState;
  /** Increases with every transition; requests carry the version they saw. */
  version: number;
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
  approvedAt?: string;
  approvalExpiresAt?: string;
  implementedAt?: string;
  /** For an emergency change implemented before approval: when its review is due. */
  reviewDueAt?: string;
  reviewedAt?: string;
  votes: ChangeVote[];
  events: ChangeEvent[];
}

/** A change request as served, with what is computed from the time and the votes. */
export interface ChangeRequestView extends ChangeRequest {
  approvalsReceived: number;
  /** Required groups not yet among the approvers. */
  missingGroups: string[];
  approvalExpired: boolean;
  reviewOverdue: boolean;
}

/** The parts of the approval policy that decide what a change needs; served with the change types. */
export interface ApprovalRequirementsPolicy {
  approvals: Record<RiskLevel, { count: number; requiredGroups: string[] }>;
  /** Joins the required groups of change types that need a security review. */
  securityReviewGroup: string;
}

export type ScorecardGroupBy = 'owner' | 'system' | 'domain';

/** A scorecard level and what it takes (knowledge/scorecard-levels.yaml). */
export interface ScorecardLevel {
  id: string;
  title: string;
  description: string;
  criteria: Partial<Record<ScorecardCriterion, number>>;
}

export type ScorecardCriterion =
  | 'minCoverage'
  | 'maxCriticalServers'
  | 'maxHighServers'
  | 'maxOpenP1'
  | 'maxOverdueMaintenance'
  | 'maxStaleApprovals'
  | 'maxEmergencyWithoutReview';

/** The figures of one group (team, system or domain) of MCP servers. */
export interface ScorecardRow {
  groupRef: string;
  servers: number;
  risk: Record<RiskLevel, number>;
  trust: Record<TrustTier, number>;
  /** Servers checked within the coverage window, and their share. */
  covered: number;
  coverage: number;
  openP1: number;
  openP2: number;
  /** Mean time from a recommendation first appearing to its implementation. */
  meanTimeToRemediateHours?: number;
  overdueMaintenance: number;
  pendingApprovals: number;
  staleApprovals: number;
  emergencyWithoutReview: number;
  /** Servers running a package a malicious-package advisory names. */
  maliciousServers: number;
  /** Servers running a version a vulnerability advisory names. */
  vulnerableServers: number;
  level?: { id: string; title: string };
  /** The next level up and the criteria the group does not meet yet. */
  nextLevel?: { id: string; title: string; unmet: string[] };
}

/** One server in a group's drill-down. */
export interface ScorecardServer {
  entityRef: string;
  riskLevel: RiskLevel;
  riskScore: number;
  trustTier: TrustTier;
  checkedAt: string;
  openP1: number;
  openP2: number;
}
