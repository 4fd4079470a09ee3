export { PriorityChip } from './PriorityChip';
