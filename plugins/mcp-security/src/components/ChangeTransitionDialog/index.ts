export { ChangeTransitionDialog } from './ChangeTransitionDialog';
export type { CommentedTransition } from './ChangeTransitionDialog';
