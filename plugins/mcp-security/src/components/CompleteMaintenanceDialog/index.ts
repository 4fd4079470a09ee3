export {
  CompleteMaintenanceDialog,
  maintenanceOutcomeLabels,
} from './CompleteMaintenanceDialog';
