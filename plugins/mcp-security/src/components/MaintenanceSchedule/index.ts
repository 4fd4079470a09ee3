export { MaintenanceSchedule } from './MaintenanceSchedule';
