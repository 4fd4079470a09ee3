export { RequestChangeDialog, durationText } from './RequestChangeDialog';
