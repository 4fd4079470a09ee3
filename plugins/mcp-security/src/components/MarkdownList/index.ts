export { MarkdownList } from './MarkdownList';
