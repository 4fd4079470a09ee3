export { ChangeActions } from './ChangeActions';
export { availableTransitions } from './transitions';
export type { ChangeAbilities } from './transitions';
