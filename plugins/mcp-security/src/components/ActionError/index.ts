export { ActionError } from './ActionError';
