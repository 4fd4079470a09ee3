export { ChangeStateChip, changeStateLabels } from './ChangeStateChip';
