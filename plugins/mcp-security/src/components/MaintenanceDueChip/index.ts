export { MaintenanceDueChip } from './MaintenanceDueChip';
