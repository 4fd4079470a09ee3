export { FleetAdvisories } from './FleetAdvisories';
