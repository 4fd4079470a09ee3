export { ChangeDetails } from './ChangeDetails';
export { ChangeSummary } from './ChangeSummary';
export { approvalProgress, awaitsVotes, groupName } from './progress';
