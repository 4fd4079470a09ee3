export { AssessmentOverview } from './AssessmentOverview';
