export { headingProps } from './cardHeading';
