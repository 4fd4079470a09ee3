export { AdvisoriesTable } from './AdvisoriesTable';
