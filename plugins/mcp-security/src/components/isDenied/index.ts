export { isDenied } from './isDenied';
