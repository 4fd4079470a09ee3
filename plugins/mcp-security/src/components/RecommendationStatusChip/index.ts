export {
  RecommendationStatusChip,
  recommendationStatusLabels,
} from './RecommendationStatusChip';
