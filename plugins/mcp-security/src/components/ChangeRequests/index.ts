export { ChangeRequests } from './ChangeRequests';
