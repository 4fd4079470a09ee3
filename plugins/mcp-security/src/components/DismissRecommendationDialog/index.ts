export { DismissRecommendationDialog } from './DismissRecommendationDialog';
